import type { Glossary } from './types.ts';

/**
 * Spans a translator must never touch — code, URLs, e-mail, paths, identifiers, flags, numbers, glossary words — are
 * swapped for numbered placeholders `⟦0⟧`, `⟦1⟧`, … before a provider sees the text, and swapped back afterwards.
 * Each occurrence gets its own number, so a placeholder that comes back twice or not at all is a detectable fault.
 */
export interface ProtectedText {
  /** The text with placeholders. */
  text: string;
  /** `spans[n]` is what `⟦n⟧` becomes again: the original span, or a glossary term's pinned translation. */
  spans: string[];
}

export interface RestoredText {
  text: string;
  /** Placeholder numbers absent from the translation. */
  missing: number[];
  /** Placeholder numbers the translation has more than once. */
  duplicated: number[];
  /** Placeholder numbers the translation invented (not in `spans`). */
  unknown: number[];
}

/** A `⟦n⟧` as providers return it; some add spaces inside the brackets. */
const PLACEHOLDER = /⟦\s*(\d{1,4})\s*⟧/gu;

export const placeholder = (n: number): string => `⟦${n}⟧`;

/** True when no letter is left once placeholders are removed: nothing for a provider to translate. */
export function nothingToTranslate(protectedText: string): boolean {
  return !/\p{L}/u.test(protectedText.replace(PLACEHOLDER, ''));
}

/** Letters and digits on both sides of a match mean it is inside a longer word. */
const WORD = String.raw`[\p{L}\p{N}_]`;
const NOT_AFTER_WORD = `(?<!${WORD})`;
const NOT_BEFORE_WORD = `(?!${WORD})`;

/** Protection rules in priority order: an earlier rule's span is never re-examined by a later one. */
const RULES: readonly RegExp[] = [
  // Anything bracketed like a placeholder already (hostile or pasted text) goes through untouched.
  /⟦[^⟦⟧\n]{0,40}⟧/gu,
  // Fenced code, then inline code with any number of backticks (``a ` b``).
  /```[\s\S]*?```/gu,
  /(`+)(?!`)[\s\S]+?(?<!`)\1(?!`)/gu,
  // URLs (scheme or www.), without the sentence punctuation that often follows them.
  /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)[^\s<>"'`]+?(?=[.,;:!?)\]}'"]*(?:\s|$))/giu,
  /\b[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+\b/gu,
  // Paths: rooted (/, ./, ../, ~/), Windows drive paths, or two or more slash-separated parts ending in an extension.
  new RegExp(String.raw`(?<![\p{L}\p{N}_/])(?:~|\.{1,2})?\/[\w.@-]*[\w@-](?:\/[\w.@-]*[\w@-])*\/?`, 'gu'),
  /\b[A-Za-z]:\\[^\s"'<>|]+/gu,
  new RegExp(String.raw`${NOT_AFTER_WORD}@?[\w.-]+(?:\/[\w.-]+)+\.[A-Za-z0-9]{1,8}${NOT_BEFORE_WORD}`, 'gu'),
  // Versions before identifiers, so `v1.2.3` is not cut into an identifier `v1` and a number.
  new RegExp(String.raw`${NOT_AFTER_WORD}v?\d+(?:\.\d+){2,}(?:-[\w.]+)?${NOT_BEFORE_WORD}`, 'gu'),
  new RegExp(String.raw`${NOT_AFTER_WORD}v\d+(?:\.\d+)?${NOT_BEFORE_WORD}`, 'gu'),
];

/** Code-like words, applied after the glossary so a pinned term wins over "looks like an identifier". */
const CODE_RULES: readonly RegExp[] = [
  // Calls: foo(), console.log("x"), arr.map(fn) — a name directly followed by a short parenthesised list.
  new RegExp(String.raw`${NOT_AFTER_WORD}[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\([^()\n]{0,60}\)`, 'gu'),
  // Dotted names: console.log, Node.js, package.json (one part of 2+ characters, so "e.g." and "U.S." stay prose).
  new RegExp(String.raw`${NOT_AFTER_WORD}[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+${NOT_BEFORE_WORD}(?<=[\w$]{2}(?:\.[\w$]+)*)`, 'gu'),
  // snake_case, SCREAMING_CASE, _private, $jquery.
  new RegExp(String.raw`${NOT_AFTER_WORD}(?:[A-Za-z$][\w$]*_[\w$]*|_[\w$]+|\$[A-Za-z_][\w$]*)${NOT_BEFORE_WORD}`, 'gu'),
  // camelCase and inner-capital names: queueMicrotask, setTimeout, JavaScript, GitHub, iOS.
  new RegExp(String.raw`${NOT_AFTER_WORD}[a-z]+[A-Z][A-Za-z0-9]*${NOT_BEFORE_WORD}`, 'gu'),
  new RegExp(String.raw`${NOT_AFTER_WORD}[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*${NOT_BEFORE_WORD}`, 'gu'),
  // Command-line flags: --force, --out=dir, -v.
  new RegExp(String.raw`(?<![\p{L}\p{N}_-])(?:--[A-Za-z0-9][\w-]*(?:=[^\s]+)?|-[A-Za-z]${NOT_BEFORE_WORD})`, 'gu'),
  // Letters then digits: mp4, H264, utf8, ES2022, x86_64.
  new RegExp(String.raw`${NOT_AFTER_WORD}[A-Za-z]+\d[\w]*${NOT_BEFORE_WORD}`, 'gu'),
];

/** Numbers, last: grouped and decimal numbers, percentages, times, numbers with a technical unit. */
const NUMBER_RULES: readonly RegExp[] = [
  new RegExp(String.raw`(?<![\p{L}\p{N}_]|\d[.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?::\d+)*(?:%|(?:px|ms|µs|ns|fps|kbps|mbps|hz|khz|mhz|ghz|kb|mb|gb|tb|kib|mib|gib|k|x|p|s)${NOT_BEFORE_WORD})?(?![\p{L}\p{N}_])`, 'giu'),
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Scripts written without spaces: no word boundary is required around a term in them. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const folded = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/** One case-insensitive pattern for the words that occur in `text` (prefiltered: a glossary may hold 5,000 terms). */
function wordsPattern(words: readonly string[], text: string): RegExp | undefined {
  const haystack = folded(text);
  const present = words.map((w) => w.trim()).filter((w) => w && haystack.includes(folded(w)));
  const sorted = [...new Set(present)].sort((a, b) => b.length - a.length);
  if (!sorted.length) return undefined;
  const alternatives = sorted.map((w) => {
    // A dot joined to a word continues it (`Node` is not a term inside `Node.js`).
    const before = UNSPACED.test(w[0]!) || !new RegExp(WORD, 'u').test(w[0]!) ? '' : `(?<!${WORD}|${WORD}\\.)`;
    const after = UNSPACED.test(w.at(-1)!) || !new RegExp(WORD, 'u').test(w.at(-1)!) ? '' : `(?!${WORD}|\\.${WORD})`;
    return `${before}${escapeRegExp(w).replace(/\s+/g, '\\s+')}${after}`;
  });
  return new RegExp(alternatives.join('|'), 'giu');
}

/** The glossary's pinned translation of each term for `to` (exact tag, else the same primary language). */
export function termsFor(glossary: Glossary | undefined, to: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!glossary) return out;
  const primary = to.toLowerCase().split(/[-_]/)[0]!;
  for (const [term, byLanguage] of Object.entries(glossary.terms)) {
    const entries = Object.entries(byLanguage);
    const exact = entries.find(([tag]) => tag.toLowerCase() === to.toLowerCase());
    const same = exact ?? entries.find(([tag]) => tag.toLowerCase().split(/[-_]/)[0] === primary);
    if (same) out[term] = same[1];
  }
  return out;
}

type Segment = string | { span: string };

/** Splits every unprotected string segment at the matches of `rule`, turning each match into a span. */
function applyRule(segments: Segment[], rule: RegExp, spanOf: (match: string) => string = (m) => m): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (typeof segment !== 'string') {
      out.push(segment);
      continue;
    }
    let last = 0;
    for (const match of segment.matchAll(rule)) {
      if (!match[0]) continue;
      if (match.index > last) out.push(segment.slice(last, match.index));
      out.push({ span: spanOf(match[0]) });
      last = match.index + match[0].length;
    }
    if (last < segment.length) out.push(segment.slice(last));
  }
  return out;
}

/** Replaces every span that must survive translation by a placeholder; `to` selects the glossary's pinned terms. */
export function protectText(text: string, options: { glossary?: Glossary | undefined; to: string }): ProtectedText {
  let segments: Segment[] = [text];
  for (const rule of RULES) segments = applyRule(segments, rule);
  const pinned = termsFor(options.glossary, options.to);
  const pinnedByFolded = new Map(Object.entries(pinned).map(([term, translation]) => [folded(term.trim()), translation]));
  const termRule = wordsPattern(Object.keys(pinned), text);
  if (termRule) segments = applyRule(segments, termRule, (m) => pinnedByFolded.get(folded(m)) ?? m);
  const keepRule = wordsPattern(options.glossary?.keep ?? [], text);
  if (keepRule) segments = applyRule(segments, keepRule);
  for (const rule of [...CODE_RULES, ...NUMBER_RULES]) segments = applyRule(segments, rule);

  const spans: string[] = [];
  const parts = segments.map((s) => {
    if (typeof s === 'string') return s;
    spans.push(s.span);
    return placeholder(spans.length - 1);
  });
  return { text: parts.join(''), spans };
}

/** Puts the spans back and reports every placeholder that did not come back exactly once. */
export function restoreText(translated: string, spans: readonly string[]): RestoredText {
  const seen = new Map<number, number>();
  const unknown = new Set<number>();
  const text = translated.replace(PLACEHOLDER, (whole, digits: string) => {
    const n = Number(digits);
    if (n >= spans.length) {
      unknown.add(n);
      return whole;
    }
    seen.set(n, (seen.get(n) ?? 0) + 1);
    return spans[n]!;
  });
  const missing: number[] = [];
  const duplicated: number[] = [];
  spans.forEach((_, n) => {
    const count = seen.get(n) ?? 0;
    if (count === 0) missing.push(n);
    else if (count > 1) duplicated.push(n);
  });
  return { text, missing, duplicated, unknown: [...unknown] };
}
