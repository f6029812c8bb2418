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

/**
 * A protection rule. Every quantifier is bounded (names ≤ 64 characters, ≤ 10 dotted parts, URLs ≤ 2,048…), so no
 * input can make a rule backtrack for long: the cost stays linear in the text (test: hostile 20,000-character runs).
 */
interface Rule {
  pattern: RegExp;
  /** A match this rejects stays prose. */
  accept?: (match: string) => boolean;
}

const rule = (source: string, flags = 'gu', accept?: (match: string) => boolean): Rule => ({ pattern: new RegExp(source, flags), ...(accept ? { accept } : {}) });

const NAME = String.raw`[A-Za-z_$][\w$]{0,63}`;
const BT = '`';

/** Protection rules in priority order: an earlier rule's span is never re-examined by a later one. */
const RULES: readonly Rule[] = [
  // Anything bracketed like a placeholder already (hostile or pasted text) goes through untouched.
  rule(String.raw`⟦[^⟦⟧\n]{0,40}⟧`),
  // Fenced code, then inline code with up to 10 backticks (``a ` b``).
  rule(String.raw`${BT}${BT}${BT}[\s\S]{0,20000}?${BT}${BT}${BT}`),
  rule(String.raw`(${BT}{1,10})(?!${BT})[\s\S]{1,2000}?(?<!${BT})\1(?!${BT})`),
  // URLs (scheme or www.), without the sentence punctuation that often follows them.
  rule(String.raw`\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)[^\s<>"'${BT}]{1,2048}?(?=[.,;:!?)\]}'"]{0,20}(?:\s|$))`, 'giu'),
  rule(String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,10}(?![\p{L}\p{N}])`),
  // Paths: rooted (/, ./, ../, ~/), Windows drive paths, or two or more slash-separated parts ending in an extension.
  rule(String.raw`(?<![\p{L}\p{N}_/])(?:~|\.{1,2})?\/[\w.@-]{0,254}[\w@-](?:\/[\w.@-]{0,254}[\w@-]){0,50}\/?`),
  rule(String.raw`\b[A-Za-z]:\\[^\s"'<>|]{1,1024}`),
  rule(String.raw`${NOT_AFTER_WORD}@?[\w.-]{1,255}(?:\/[\w.-]{1,255}){1,50}\.[A-Za-z0-9]{1,8}${NOT_BEFORE_WORD}`),
  // Versions before identifiers, so `v1.2.3` is not cut into an identifier `v1` and a number.
  rule(String.raw`${NOT_AFTER_WORD}v?\d{1,10}(?:\.\d{1,10}){2,10}(?:-[\w.]{1,32})?${NOT_BEFORE_WORD}`),
  rule(String.raw`${NOT_AFTER_WORD}v\d{1,10}(?:\.\d{1,10})?${NOT_BEFORE_WORD}`),
];

/** Code-like words, applied after the glossary so a pinned term wins over "looks like an identifier". */
const CODE_RULES: readonly Rule[] = [
  // Calls: foo(), console.log("x"), arr.map(fn) — a name directly followed by a short parenthesised list.
  rule(String.raw`${NOT_AFTER_WORD}${NAME}(?:\.${NAME}){0,10}\([^()\n]{0,60}\)`),
  // Dotted names: console.log, Node.js, package.json; one part of 2+ characters, so "e.g." and "U.S." stay prose.
  rule(String.raw`${NOT_AFTER_WORD}${NAME}(?:\.${NAME}){1,10}${NOT_BEFORE_WORD}`, 'gu', (m) => m.split('.').some((part) => part.length >= 2)),
  // snake_case, SCREAMING_CASE, _private, $jquery.
  rule(String.raw`${NOT_AFTER_WORD}(?:[A-Za-z$][\w$]{0,63}_[\w$]{0,63}|_[\w$]{1,63}|\$[A-Za-z_][\w$]{0,63})${NOT_BEFORE_WORD}`),
  // camelCase and inner-capital names: queueMicrotask, setTimeout, JavaScript, GitHub, iOS.
  rule(String.raw`${NOT_AFTER_WORD}[a-z]{1,32}[A-Z][A-Za-z0-9]{0,63}${NOT_BEFORE_WORD}`),
  rule(String.raw`${NOT_AFTER_WORD}[A-Z][a-z0-9]{1,32}[A-Z][A-Za-z0-9]{0,63}${NOT_BEFORE_WORD}`),
  // Command-line flags: --force, --out=dir, -v.
  rule(String.raw`(?<![\p{L}\p{N}_-])(?:--[A-Za-z0-9][\w-]{0,63}(?:=[^\s]{1,256})?|-[A-Za-z]${NOT_BEFORE_WORD})`),
  // Acronyms joined by slashes: I/O, TCP/IP, CI/CD.
  rule(String.raw`${NOT_AFTER_WORD}[A-Z]{1,8}(?:\/[A-Z]{1,8}){1,4}${NOT_BEFORE_WORD}`),
  // Letters then digits: mp4, H264, utf8, ES2022, x86_64.
  rule(String.raw`${NOT_AFTER_WORD}[A-Za-z]{1,32}\d\w{0,63}${NOT_BEFORE_WORD}`),
];

/** Numbers, last: grouped and decimal numbers, percentages, times, numbers with a technical unit. */
const NUMBER_RULES: readonly Rule[] = [
  rule(String.raw`(?<![\p{L}\p{N}_]|\d[.,])(?:\d{1,3}(?:,\d{3}){1,10}|\d{1,30})(?:\.\d{1,30})?(?::\d{1,4}){0,3}(?:%|(?:px|ms|µs|ns|fps|kbps|mbps|hz|khz|mhz|ghz|kb|mb|gb|tb|kib|mib|gib|k|x|p|s)${NOT_BEFORE_WORD})?(?![\p{L}\p{N}_])`, 'giu'),
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Scripts written without spaces: no word boundary is required around a term in them. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const folded = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/**
 * Rules for the words that occur in `text` (prefiltered: a glossary may hold 5,000 terms), longest first so "event
 * loop queue" wins over "event loop". Words are grouped by the boundaries they need, and each group checks them once
 * around its alternation: a Unicode boundary check per alternative made V8 take seconds on a large glossary.
 */
function wordRules(words: readonly string[], text: string): Rule[] {
  const haystack = folded(text);
  const present = words.map((w) => w.trim()).filter((w) => w && haystack.includes(folded(w)));
  const sorted = [...new Set(present)].sort((a, b) => b.length - a.length);
  const wordChar = new RegExp(WORD, 'u');
  const needsBoundary = (c: string) => !UNSPACED.test(c) && wordChar.test(c);
  const groups = new Map<string, string[]>();
  for (const w of sorted) {
    const key = `${needsBoundary(w[0]!) ? 'b' : ''}|${needsBoundary(w.at(-1)!) ? 'a' : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), escapeRegExp(w).replace(/\s+/g, '\\s+')]);
  }
  // A dot joined to a word continues it (`Node` is not a term inside `Node.js`).
  return [...groups].map(([key, alternatives]) => ({
    pattern: new RegExp(`${key.startsWith('b') ? `(?<!${WORD}|${WORD}\\.)` : ''}(?:${alternatives.join('|')})${key.endsWith('a') ? `(?!${WORD}|\\.${WORD})` : ''}`, 'giu'),
  }));
}

/**
 * The glossary's pinned translation of each term for `to`: the exact tag, else the plain language (`pt` for `pt-BR`),
 * else any variant of it — never a sibling variant (`pt-PT`) when the plain language has an entry.
 */
export function termsFor(glossary: Glossary | undefined, to: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!glossary) return out;
  const primary = to.toLowerCase().split(/[-_]/)[0]!;
  for (const [term, byLanguage] of Object.entries(glossary.terms)) {
    const entries = Object.entries(byLanguage);
    const exact = entries.find(([tag]) => tag.toLowerCase() === to.toLowerCase());
    const plain = entries.find(([tag]) => tag.toLowerCase() === primary);
    const same = exact ?? plain ?? entries.find(([tag]) => tag.toLowerCase().split(/[-_]/)[0] === primary);
    if (same) out[term] = same[1];
  }
  return out;
}

type Segment = string | { span: string };

/** Splits every unprotected string segment at the matches of `rule`, turning each match into a span. */
function applyRule(segments: Segment[], { pattern, accept }: Rule, spanOf: (match: string) => string = (m) => m): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (typeof segment !== 'string') {
      out.push(segment);
      continue;
    }
    let last = 0;
    for (const match of segment.matchAll(pattern)) {
      if (!match[0] || (accept && !accept(match[0]))) continue;
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
  for (const r of RULES) segments = applyRule(segments, r);
  const pinned = termsFor(options.glossary, options.to);
  const pinnedByFolded = new Map(Object.entries(pinned).map(([term, translation]) => [folded(term.trim()), translation]));
  for (const r of wordRules(Object.keys(pinned), text)) segments = applyRule(segments, r, (m) => pinnedByFolded.get(folded(m)) ?? m);
  for (const r of wordRules(options.glossary?.keep ?? [], text)) segments = applyRule(segments, r);
  for (const r of [...CODE_RULES, ...NUMBER_RULES]) segments = applyRule(segments, r);

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
