import type { Beat } from '../timeline/beats.ts';
import { beatTimeAt } from '../timeline/beats.ts';

/**
 * Where a narration names an item: texts reduced to their significant words (case, punctuation and function words
 * folded away, light English stemming), and the search for the sentence and word at which the voice reaches an item.
 */

/** An entrance starts this long before the word that names its item, so it is in place as the word is heard. */
const LEAD = 0.1;

/** Function words: they name nothing (also used to read identifiers out of sentences, code-focus.ts). */
export const STOPWORDS = new Set(
  'a an and are as at be been but by can cannot do does not no nor yes for from has have here how if in into is it its it\'s let\'s of on or so such than that the their them then there these they this those to too up us use used uses using via was we we\'ll what when where which while who why will with you your yours me my he she his her our one two three four five six seven eight nine ten first next also each every more most other some any all just only very'.split(' '),
);

/** A significant word: its folded stem and where it starts in the text (UTF-16 index). */
export interface Token {
  stem: string;
  index: number;
}

function segmenter(language: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(language, { granularity: 'word' });
  } catch {
    return new Intl.Segmenter('en', { granularity: 'word' });
  }
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Light English stemming, enough to match "queues"/"queue", "installing"/"install" between item and sentence. */
function stem(word: string, english: boolean): string {
  const w = word.normalize('NFKC').toLowerCase().replace(/[’']s$/, '');
  if (!english || w.length < 4) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  const base = w.endsWith('ing') && w.length > 5 ? w.slice(0, -3) : w.endsWith('ed') && w.length > 4 ? w.slice(0, -2) : w;
  // "running" → "runn" → "run", "stopped" → "stopp" → "stop" (but "call", "pass" keep their pair).
  return base !== w && /([b-df-hj-np-tv-z])\1$/.test(base) && !/(ll|ss|zz|ff)$/.test(base) ? base.slice(0, -1) : base;
}

/**
 * The words that identify a text: case and punctuation folded, function words dropped, lightly stemmed; words shorter
 * than `minLength` are dropped too (numbers and CJK words never are).
 */
export function significant(text: string, language: string, minLength = 3): Token[] {
  const english = language.toLowerCase().startsWith('en');
  const out: Token[] = [];
  for (const s of segmenter(language).segment(text)) {
    if (!s.isWordLike) continue;
    const lower = s.segment.toLowerCase();
    if (STOPWORDS.has(lower)) continue;
    if (lower.length < minLength && !/\p{N}/u.test(lower) && !CJK.test(lower)) continue;
    out.push({ stem: stem(lower, english), index: s.index });
  }
  return out;
}

/** Where the voice reaches an item: the sentence, the token after the match, and the entrance time (scene seconds). */
export interface Match {
  sentence: number;
  /** Token position in the sentence after the match: the next item is looked for from here. */
  after: number;
  time: number;
}

/** How many of an item's words a sentence names from token `start` on, and the first token that is one of them. */
function mentions(item: readonly Token[], tokens: readonly Token[], start: number): { weight: number; first: number } {
  const stems = new Set(item.map((t) => t.stem));
  const found = new Set<string>();
  let first = -1;
  for (let k = start; k < tokens.length; k++) {
    if (!stems.has(tokens[k]!.stem)) continue;
    found.add(tokens[k]!.stem);
    if (first < 0) first = k;
  }
  return { weight: found.size, first };
}

function totalWeight(item: readonly Token[]): number {
  return new Set(item.map((t) => t.stem)).size;
}

/** A partial mention may be a passing word ("…scheduled on the loop"); a full one this many sentences later wins. */
const FULL_MENTION_LOOKAHEAD = 2;

/**
 * The first place at or after `from` where a sentence names the item: at least half of its significant words (one
 * for short items) occur in the rest of that sentence — unless one of the next sentences names it fully. The item is reached at
 * the earliest of those words.
 */
export function findMention(item: Token[], sentences: readonly { beat: Beat; tokens: Token[] }[], from: { sentence: number; token: number }): Match | undefined {
  if (!item.length) return undefined;
  const total = totalWeight(item);
  const need = Math.max(1, Math.ceil(total / 2));
  const startOf = (s: number) => (s === from.sentence ? from.token : 0);
  for (let s = from.sentence; s < sentences.length; s++) {
    let m = mentions(item, sentences[s]!.tokens, startOf(s));
    if (m.weight < need) continue;
    let at = s;
    for (let later = s + 1; m.weight < total && later <= s + FULL_MENTION_LOOKAHEAD && later < sentences.length; later++) {
      const full = mentions(item, sentences[later]!.tokens, 0);
      if (full.weight === total) {
        [at, m] = [later, full];
        break;
      }
    }
    const { beat, tokens } = sentences[at]!;
    return { sentence: at, after: m.first + 1, time: Math.max(beat.start, beatTimeAt(beat, tokens[m.first]!.index) - LEAD) };
  }
  return undefined;
}
