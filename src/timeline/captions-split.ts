/**
 * Caption line breaking and cue chunking (QUALITY.md): at most 2 lines of ≤ 42 characters (≤ 16 for Chinese, Japanese,
 * Korean); break after punctuation and before conjunctions or prepositions; never between an article and its noun.
 * CJK text has no spaces, so it is cut only between the words `Intl.Segmenter` finds ("版本控制系统" never becomes
 * "版本控/制系统"). Arabic, Persian and Urdu (، ؛ ؟ ۔), Hindi (। ॥) and Hebrew (׃) punctuation are break points as
 * their Latin counterparts are.
 */
const CONJUNCTIONS = new Set(['and', 'but', 'or', 'nor', 'so', 'yet', 'because', 'while', 'when', 'which', 'that', 'if', 'than', 'although', 'though', 'unless', 'until', 'where', 'then']);
const PREPOSITIONS = new Set(['in', 'on', 'at', 'to', 'for', 'from', 'with', 'without', 'into', 'onto', 'of', 'by', 'about', 'over', 'under', 'between', 'through', 'after', 'before', 'during', 'across', 'like']);
/**
 * Conjunctions of Arabic, Persian, Urdu, Hebrew and Hindi that stand as words (Arabic و and Hebrew ו are prefixes, so
 * they never appear alone): a break before them starts a clause.
 */
const RTL_AND_INDIC_CONJUNCTIONS = new Set(['لكن', 'ولكن', 'ثم', 'أو', 'أم', 'لأن', 'حيث', 'بينما', 'عندما', 'إذا', 'و', 'که', 'یا', 'اما', 'ولی', 'چون', 'اگر', 'اور', 'کہ', 'لیکن', 'کیونکہ', 'جب', 'אבל', 'או', 'כי', 'אם', 'כאשר', 'אז', 'और', 'लेकिन', 'या', 'क्योंकि', 'कि', 'जब', 'तो', 'अगर']);
/** Hindi postpositions follow their noun ("घर में"): a line never starts with one. */
const HINDI_POSTPOSITIONS = new Set(['का', 'की', 'के', 'में', 'से', 'को', 'पर', 'ने', 'तक']);
const ARTICLES = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'my', 'your', 'its', 'our', 'their', 'his', 'her']);
const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/;
/** Punctuation after which a CJK line or cue reads naturally (full-width and ASCII). */
const CJK_STOP = /[。！？；：!?;:]$/;
const CJK_COMMA = /[，、,）」』】]$/;
/** Japanese case particles and Chinese aspect markers: a break after them ends a phrase. */
const CJK_PARTICLE = /^(?:は|が|を|に|で|と|も|へ|から|まで|より|て|了|着|过)$/;
/** Chinese conjunctions: a break before them starts a clause. */
const CJK_CONJUNCTION = /^(?:和|与|或|但|而|并且|但是|所以|因为|如果|然后|或者)/;
/** The possessive/attributive 的 and の bind a modifier to its noun, like an article: never break after them. */
const CJK_BINDING = /^(?:的|の)$/;

/** Characters that count toward a cue's line length and reading speed (code points, as a viewer sees them). */
export const captionLength = (s: string): number => [...s].length;

export function isCjkText(text: string): boolean {
  const chars = [...text];
  return chars.filter((c) => CJK.test(c)).length > chars.length / 3;
}

export function maxLineChars(text: string): number {
  return isCjkText(text) ? 16 : 42;
}

/** The pieces a caption may be cut between, and how they join back. */
interface Tokens {
  tokens: string[];
  join: (parts: readonly string[]) => string;
  cost: (before: string, after: string) => number;
  /** Below this many characters a cue flashes by (under a second at speaking pace), so such chunks cost extra. */
  shortChunk: number;
}

let segmenter: Intl.Segmenter | undefined;

/** CJK words with their trailing punctuation and spaces attached, so no line starts with "，" or "。". */
function cjkTokens(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (out.length && (!isWordLike && !/^[(（「『【]$/.test(segment))) out[out.length - 1] += segment;
    else out.push(segment);
  }
  return out;
}

function latinCost(before: string, after: string): number {
  const last = before.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
  const next = after.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
  if (ARTICLES.has(last) && !/[,.;:!?]$/.test(before)) return 100;
  if (/[.!?;:؟؛۔।॥׃]["'”’)»]?$/.test(before)) return 0;
  if (/[,)—–\-،»]$/.test(before)) return 1;
  if (HINDI_POSTPOSITIONS.has(next)) return 100;
  if (CONJUNCTIONS.has(next) || RTL_AND_INDIC_CONJUNCTIONS.has(next)) return 4;
  if (PREPOSITIONS.has(next)) return 6;
  return 12;
}

function cjkCost(before: string, after: string): number {
  const b = before.trim();
  if (CJK_STOP.test(b)) return 0;
  if (CJK_COMMA.test(b)) return 1;
  if (CJK_BINDING.test(b)) return 30;
  if (CJK_PARTICLE.test(b) || CJK_CONJUNCTION.test(after)) return 4;
  // A one-character word after a word is mostly a suffix or particle of it (分布|式, 文件|的, キュー|を): keep them together.
  if ([...after.trim()].length === 1 && CJK.test(after) && !CJK_CONJUNCTION.test(after)) return 20;
  if (/^[A-Za-z0-9]/.test(after) || /[A-Za-z0-9]$/.test(b)) return 9;
  return 10;
}

function tokenise(text: string): Tokens {
  // One CJK character carries about what three Latin letters do, in speech and on screen.
  if (isCjkText(text)) return { tokens: cjkTokens(text), join: (parts) => parts.join('').trim(), cost: cjkCost, shortChunk: 8 };
  if (CJK.test(text)) return mixedTokens(text);
  return { tokens: text.split(' '), join: (parts) => parts.join(' '), cost: latinCost, shortChunk: 24 };
}

/**
 * Mostly Latin text with some Chinese or Japanese in it (a URL or code names around a few CJK words): cut at spaces,
 * and inside a CJK run only between its words. Tokens keep their trailing space, so they join back as they were.
 */
function mixedTokens(text: string): Tokens {
  const tokens = text.split(' ').flatMap((word, i, all) => {
    const pieces = CJK.test(word) ? cjkTokens(word) : [word];
    if (i < all.length - 1) pieces[pieces.length - 1] += ' ';
    return pieces;
  });
  const cost = (before: string, after: string) => (before.endsWith(' ') ? latinCost(before.trimEnd(), after) : cjkCost(before, after));
  return { tokens, join: (parts) => parts.join('').trim(), cost, shortChunk: 24 };
}

/** Han, kana and CJK punctuation: text written without spaces, so a space between two of them is an artefact. */
const SPACE_BETWEEN_UNSPACED = /(?<=[\u3000-\u30FF\u3400-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF])\s+(?=[\u3000-\u30FF\u3400-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF])/gu;

/**
 * Whitespace collapsed; a space between two Chinese or Japanese characters (two cues joined with " ") is dropped, as
 * that script has none. Korean keeps its spaces.
 */
const clean = (text: string) => text.replace(/\s+/g, ' ').replace(SPACE_BETWEEN_UNSPACED, '').trim();

/** Splits text into ≤ 2 balanced lines that respect the limit; returns null when it cannot fit in 2 lines. */
export function twoLines(text: string, max = maxLineChars(text)): string[] | null {
  const t = clean(text);
  if (captionLength(t) <= max) return [t];
  const { tokens, join, cost } = tokenise(t);
  let best: { cost: number; lines: string[] } | null = null;
  for (let i = 1; i < tokens.length; i++) {
    const a = join(tokens.slice(0, i));
    const b = join(tokens.slice(i));
    if (captionLength(a) > max || captionLength(b) > max) continue;
    const score = cost(tokens[i - 1]!, tokens[i]!) + Math.abs(captionLength(a) - captionLength(b)) * 0.35;
    if (!best || score < best.cost) best = { cost: score, lines: [a, b] };
  }
  return best?.lines ?? null;
}

/** What each extra cue costs, so a sentence is cut into as few chunks as read well. */
const CHUNK_COST = 8;

/**
 * Splits a sentence into cue-sized chunks (each fits in two lines), cutting at clause boundaries: a dynamic programme
 * over the cut points minimises the break costs, the number of chunks and the number of very short chunks. A single
 * word longer than two lines (a URL) is hard-cut, the only case that breaks inside a token.
 */
export function cueChunks(sentence: string): string[] {
  const t = clean(sentence);
  if (!t) return [];
  if (twoLines(t)) return [t];
  const { tokens, join, cost, shortChunk } = tokenise(t);
  const limit = maxLineChars(t) * 2;
  const n = tokens.length;
  const best: { score: number; from: number }[] = [{ score: 0, from: -1 }];
  for (let i = 1; i <= n; i++) {
    best[i] = { score: Infinity, from: -1 };
    for (let j = i - 1; j >= 0; j--) {
      const chunk = join(tokens.slice(j, i));
      if (captionLength(chunk) > limit + 1) break;
      if (best[j]!.score === Infinity || !twoLines(chunk)) continue;
      const cut = i < n ? cost(tokens[i - 1]!, tokens[i]!) : 0;
      const short = Math.max(0, shortChunk - captionLength(chunk)) * (24 / shortChunk) * 0.6;
      const score = best[j]!.score + cut + short + CHUNK_COST;
      if (score < best[i]!.score) best[i] = { score, from: j };
    }
  }
  if (best[n]!.score === Infinity) return hardCut(t, tokens, join, limit);
  const chunks: string[] = [];
  for (let i = n; i > 0; i = best[i]!.from) chunks.unshift(join(tokens.slice(best[i]!.from, i)));
  return chunks;
}

/** Some token cannot fit two lines: keep whole tokens where they fit and cut only the oversized one. */
function hardCut(text: string, tokens: readonly string[], join: Tokens['join'], limit: number): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) out.push(...cueChunks(join(current)));
    current = [];
  };
  for (const token of tokens) {
    if (captionLength(token) > limit) {
      flush();
      const chars = [...token];
      // Lines of one long word still need to fit: cut the word into line-sized pieces, two per cue.
      const line = maxLineChars(text);
      for (let i = 0; i < chars.length; i += line * 2) out.push(`${chars.slice(i, i + line).join('')}${chars.length > i + line ? ` ${chars.slice(i + line, i + line * 2).join('')}` : ''}`.trim());
      continue;
    }
    current.push(token);
  }
  flush();
  return out;
}

/** The caption text of a chunk with its line break applied. */
export function formatCueText(chunk: string): string {
  return (twoLines(chunk) ?? [chunk]).join('\n');
}
