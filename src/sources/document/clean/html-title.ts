import { attr } from './page-chrome.ts';

/**
 * The title of a web page: og:title, then <title>, then the first <h1>, without the site name that pages append
 * (" | Site", " - Site", " — Site", " · Site") or prepend. A part is taken as the site name when it is og:site_name,
 * matches the host name, or when the page's h1 is the other part.
 */

const SEPARATOR = /\s+[|–—·•:]\s+|\s+-\s+|\s+::\s+|\s+»\s+/;

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function withoutSiteName(title: string, hints: { siteName?: string; host?: string; h1?: string } = {}): string {
  const parts = title.split(SEPARATOR).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return title.trim();
  const h1 = hints.h1 ? norm(hints.h1) : '';
  if (h1) {
    const match = parts.find((p) => norm(p) === h1);
    if (match) return match;
  }
  const site = [hints.siteName, hints.host?.replace(/^www\./, '').split('.')[0]].filter(Boolean).map((s) => norm(s!));
  const isSite = (p: string) => site.some((s) => s && (norm(p) === s || norm(p).includes(s) || s.includes(norm(p))));
  const kept = parts.filter((p) => !isSite(p));
  if (kept.length && kept.length < parts.length) return kept.join(' – ');
  // No hint: a short last part ("MDN", "Example Blog") after a longer first part is the site.
  const last = parts.at(-1)!;
  if (last.split(/\s+/).length <= 3 && parts.slice(0, -1).join(' ').length > last.length) return title.slice(0, title.lastIndexOf(last)).replace(new RegExp(`${SEPARATOR.source}$`), '').trim();
  return title.trim();
}

export function htmlTitle(doc: Document, url?: string): string | undefined {
  const metas = Array.from(doc.querySelectorAll('meta'));
  const meta = (key: string) => {
    const found = metas.find((m) => [attr(m, 'property'), attr(m, 'name')].some((v) => v?.toLowerCase() === key));
    return (found && attr(found, 'content')?.replace(/\s+/g, ' ').trim()) || undefined;
  };
  const og = meta('og:title') ?? meta('twitter:title');
  const siteName = meta('og:site_name');
  const title = doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() || undefined;
  const h1 = doc.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() || undefined;
  let host: string | undefined;
  try {
    host = url ? new URL(url).hostname : undefined;
  } catch {
    host = undefined;
  }
  const raw = og ?? title ?? h1;
  if (!raw) return undefined;
  return withoutSiteName(raw, { ...(siteName ? { siteName } : {}), ...(host ? { host } : {}), ...(h1 ? { h1 } : {}) }) || undefined;
}
