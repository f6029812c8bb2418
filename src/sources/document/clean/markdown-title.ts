import type { Heading, Html, Nodes, Root, RootContent } from 'mdast';
import { parse as parseYaml } from 'yaml';

/**
 * The title of a Markdown document, in this order: front matter `title:` (YAML, or TOML between "+++"); a level-1 heading at the top (before any
 * prose), or the only level-1 heading; an HTML `<h1>` at the top (its text, else its logo's alt text, as READMEs do:
 * `<h1><img alt="fast-check logo"></h1>`); a logo image at the top when the level-1 headings are sections
 * ("# Features", "# Quick Start" under an ioredis logo). The author's casing is kept ("ioredis", "Commander.js").
 */

export interface FrontMatter {
  title?: string;
  /** The text with the front matter replaced by blank lines, so line numbers stay those of the file. */
  body: string;
}

export function splitFrontMatter(text: string): FrontMatter {
  // Hugo and Zola write TOML front matter between "+++" lines; only its title is read.
  const toml = /^\+\+\+[ \t]*\n([\s\S]*?)\n\+\+\+[ \t]*(?:\n|$)/.exec(text);
  if (toml && toml[1]!.length <= 20_000) {
    const title = /^title\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*$/m.exec(toml[1]!);
    const body = '\n'.repeat(toml[0].split('\n').length - 1) + text.slice(toml[0].length);
    const value = (title?.[1]?.replace(/\\(.)/g, '$1') ?? title?.[2] ?? '').replace(/\s+/g, ' ').trim();
    return value ? { title: value, body } : { body };
  }
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!m || m[1]!.length > 20_000) return { body: text };
  const body = text.slice(m[0].length);
  const blank = '\n'.repeat(m[0].split('\n').length - 1);
  let title: unknown;
  try {
    const data = parseYaml(m[1]!, { maxAliasCount: 10 }) as unknown;
    title = data && typeof data === 'object' ? (data as Record<string, unknown>).title : undefined;
  } catch {
    return { body: text }; // not YAML after all: a thematic break and text
  }
  const clean = typeof title === 'string' ? title.replace(/\s+/g, ' ').trim() : '';
  return clean ? { title: clean, body: blank + body } : { body: blank + body };
}

const BADGE = /\b(?:screenshots?|demo|diagram|preview|example|animation|build|status|coverage|npm|version|licen[cs]e|downloads?|badge|ci|chat|discord|twitter|gitter|sponsors?|backers|size|codecov|commitizen|semantic|prs?|quality|scorecard|practices|twitch|youtube|stars?|follow)\b/i;

const decode = (s: string) =>
  s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** Text of an HTML fragment (tags removed, entities decoded). */
export const htmlText = (html: string) => decode(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

/** "fast-check logo" → "fast-check"; badge images give nothing. */
export function logoName(alt: string | undefined | null): string | undefined {
  const name = (alt ?? '')
    .replace(/^(?:the\s+)?logo\s+(?:of|for)\s+/i, '')
    .replace(/[\s_-]*(?:logo(?:type)?|icon|banner|wordmark|image)$/i, '')
    .trim();
  if (!name || name.length > 60 || BADGE.test(name) || !/\p{L}/u.test(name)) return undefined;
  return name;
}

const imgAlts = (html: string) => [...html.matchAll(/<img\b[^>]*\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => decode(m[1] ?? m[2] ?? ''));

function imagesOf(node: Nodes): string[] {
  if (node.type === 'image') return [node.alt ?? ''];
  if (node.type === 'html') return imgAlts(node.value);
  return 'children' in node ? (node.children as Nodes[]).flatMap(imagesOf) : [];
}

/** Prose that a title would come before: a paragraph, list, code or table with words in it (badges and logos are not). */
function isProse(node: RootContent, text: (n: Nodes) => string): boolean {
  if (node.type === 'heading') return false;
  if (node.type === 'html') return /^<p\b/i.test(node.value) && /\p{L}{3}/u.test(htmlText(node.value)) && !/<img\b/i.test(node.value);
  if (node.type === 'paragraph') return /\p{L}{2}/u.test(text(node));
  return node.type === 'list' || node.type === 'code' || node.type === 'table' || node.type === 'blockquote';
}

export interface TitleChoice {
  title?: string;
  /** The node that gave the title, left out of the content. */
  node?: Heading | Html;
}

export function markdownTitle(tree: Root, text: (n: Nodes) => string): TitleChoice {
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const firstProse = tree.children.findIndex((n) => isProse(n, text));
  const top = firstProse === -1 ? tree.children : tree.children.slice(0, firstProse);
  const h1s = tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 1);
  const topH1 = top.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  if (topH1 && top.find((n) => n.type === 'heading') === topH1) {
    const title = clean(text(topH1)) || imagesOf(topH1).map(logoName).find(Boolean);
    if (title) return { title, node: topH1 };
  }
  const htmlH1 = top.find((n): n is Html => n.type === 'html' && /<h1[\s>]/i.test(n.value));
  if (htmlH1) {
    const inner = /<h1[^>]*>([\s\S]*?)(?:<\/h1>|$)/i.exec(htmlH1.value)?.[1] ?? '';
    const title = htmlText(inner) || imgAlts(inner).map(logoName).find(Boolean);
    if (title) return { title, node: htmlH1 };
  }
  if (h1s.length === 1) {
    const title = clean(text(h1s[0]!));
    if (title) return { title, node: h1s[0]! };
  }
  const logo = top.flatMap(imagesOf).map(logoName).find(Boolean);
  if (logo) return { title: logo };
  return {};
}
