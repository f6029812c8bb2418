import { asSentence, BOILERPLATE, contentWords, scoreSentences } from '../../writing/summarise.ts';
import { signpost } from './key-points.ts';
import { announcedTopic } from './title.ts';

/**
 * Narration that summarises a passage of speech: its best sentences, each condensed (discourse markers, hedges and
 * asides removed, a long sentence cut at a clause boundary), never the transcript read out in full. Pure and offline.
 */

const LEADING = /^(?:(?:so|and|but|now|well|also|okay|ok|then|alright|basically|honestly|actually|anyway|right|look|see|plus|oh|like|i mean|trust me|to be honest|of course|you see),?\s+)+/i;
/** Asides between commas that carry no content: "less acidic, and, honestly, a lot more forgiving". */
const ASIDE_WORDS = "honestly|basically|actually|really|of course|trust me|i think|i guess|i'd say|to be honest|if you ask me|obviously|literally|seriously";
const ASIDES_CLOSED = new RegExp(`,\\s*(?:${ASIDE_WORDS})\\s*,\\s*`, 'gi');
const ASIDES = new RegExp(`,\\s*(?:${ASIDE_WORDS})(?=\\s)`, 'gi');
const HEDGE_WORDS = /\b(?:really|basically|actually|literally|honestly|pretty much)\s+/gi;
/** Clause starts where a long sentence may end early without losing its main statement. */
const CLAUSE = /,\s+(?:which|because|so that|since|while|although|though|but|and then|especially|like)\s|;\s|\s+—\s/gi;
const MAX_WORDS = 26;

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** A sentence as a narrator would say it in a summary, or undefined when it carries nothing worth saying. */
export function condenseSentence(sentence: string): string | undefined {
  const s = sentence.trim();
  if (!s || BOILERPLATE.test(s)) return undefined;
  // "First, let's talk about the beans and the grind." is the scene's heading, not narration.
  if (signpost(s) && wordCount(s) <= 12) return undefined;
  // "Today we're going to talk about cold brew" is what the title scene says already.
  if (announcedTopic(s) && wordCount(s) <= 22) return undefined;
  let out = s.replace(LEADING, '').replace(ASIDES_CLOSED, ' ').replace(ASIDES, '').replace(/,\s*,/g, ',').replace(/\s+,/g, ',');
  out = out.replace(HEDGE_WORDS, (m, offset: number) => (offset === 0 ? m : ''));
  if (wordCount(out) > MAX_WORDS) {
    let cut = -1;
    for (const m of out.matchAll(CLAUSE)) {
      const head = out.slice(0, m.index);
      if (wordCount(head) >= 10 && wordCount(head) <= MAX_WORDS) cut = m.index;
    }
    if (cut > 0) out = out.slice(0, cut);
  }
  out = asSentence(out.replace(/[,;:\s]+$/, ''));
  // Interjections and one-liners ("Come on!", "Trust me, I've been there.") say nothing a summary needs.
  if (contentWords(out).length < 2 || wordCount(out) < 3) return undefined;
  return out;
}

/**
 * The summary narration of a passage: condensed sentences, best first, up to `maxWords` (the first pick always),
 * read in their spoken order. When nothing survives condensing (a passage of short lines of dialogue), its most
 * informative line of three words or more stands in.
 */
export function summariseSpeech(sentences: readonly string[], options: { maxWords: number; maxSentences?: number; background?: Map<string, number> }): string[] {
  const condensed = sentences.map(condenseSentence).filter((s): s is string => Boolean(s));
  const unique = [...new Set(condensed)];
  const pool = unique.length ? unique : sentences.filter((s) => wordCount(s) >= 3 && !BOILERPLATE.test(s)).map((s) => asSentence(s.replace(LEADING, '')));
  if (!pool.length) return [];
  const scores = scoreSentences(pool, options.background ? { background: options.background } : {});
  const ranked = pool.map((s, i) => ({ s, i, score: scores[i]! })).sort((a, b) => b.score - a.score || a.i - b.i);
  const kept: typeof ranked = [];
  let words = 0;
  for (const r of ranked) {
    if (kept.length >= (options.maxSentences ?? 3)) break;
    const n = wordCount(r.s);
    if (kept.length && words + n > options.maxWords) continue;
    kept.push(r);
    words += n;
  }
  // "The first mistake… The second…" without the third reads as cut off: an enumeration is kept whole (or not at all).
  const ordinal = (x: string) => ORDINAL.test(x);
  if (kept.some((r) => ordinal(r.s))) for (const r of ranked) if (ordinal(r.s) && !kept.includes(r) && kept.length < (options.maxSentences ?? 3) + 2) kept.push(r);
  return kept.sort((a, b) => a.i - b.i).map((r) => r.s);
}

const ORDINAL = /^(?:the )?(?:first|second|third|fourth|fifth|last|final)(?: one)?\b|^(?:first|second|third|finally|lastly),/i;
