import type { Credit } from './types.ts';

/**
 * credits.txt: one line per asset, ready to paste into a video description, e.g.
 * `Footage: "Seal on the beach" by Ruvim Miksanskiy (Pexels License) https://www.pexels.com/video/…`.
 * Duplicates (the same asset used twice, or listed by two stages) appear once; lines keep the order of first use,
 * so the text is stable between runs of the same video.
 */
const PROVIDER_NAMES: Record<string, string> = { pexels: 'Pexels', pixabay: 'Pixabay', local: 'own library', file: 'own file', url: 'web', upload: 'upload' };

export function formatCredits(credits: readonly Credit[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  credits.forEach((credit) => {
    const line = creditLine(credit);
    const key = `${credit.provider}|${credit.sourceUrl ?? ''}|${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    lines.push(line);
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function creditLine(credit: Credit): string {
  const kind = credit.kind ?? kindFromName(credit);
  const label = kind === 'image' ? 'Picture' : kind === 'audio' ? 'Music' : 'Footage';
  const title = credit.title ? `"${credit.title}"` : 'Untitled';
  const by = credit.author ? ` by ${credit.author}` : '';
  const via = credit.provider in PROVIDER_NAMES && !['local', 'file', 'upload'].includes(credit.provider) && !credit.license.includes(PROVIDER_NAMES[credit.provider]!) ? ` on ${PROVIDER_NAMES[credit.provider]}` : '';
  // "local library (licence not recorded)" reads badly inside brackets: flatten its own brackets.
  const name = credit.license.replace(/\s*\((.*)\)$/, '; $1');
  const licence = credit.licenseUrl ? `${name}, ${credit.licenseUrl}` : name;
  const link = credit.sourceUrl ?? credit.authorUrl;
  return `${label}: ${title}${by}${via} (${licence})${link ? ` ${link}` : ''}`;
}

/** For credits made without a kind: the file extension in the title or URL, or a licence that says music. */
function kindFromName(credit: Credit): Credit['kind'] {
  const name = `${credit.title ?? ''} ${credit.sourceUrl ?? ''}`.toLowerCase();
  if (/\.(mp3|m4a|aac|wav|ogg|oga|opus|flac)\b/.test(name) || /\bmusic\b/i.test(credit.license)) return 'audio';
  if (/\.(jpe?g|png|webp|gif|avif)\b/.test(name) || /\/photos?\//.test(name)) return 'image';
  return undefined;
}
