import { contentWords } from '../../writing/summarise.ts';
import type { TimedSentence } from './transcript.ts';

export interface Chunk {
  start: number;
  end: number;
  sentences: TimedSentence[];
}

export interface SegmentOptions {
  /** Seconds; a chunk is not shorter than this unless the whole transcript is. */
  minSeconds?: number;
  /** Seconds; a longer chunk is always cut (raised when the transcript would otherwise give more than `maxChunks`). */
  maxSeconds?: number;
  /** Seconds of speech on each side of a gap whose words are compared. */
  windowSeconds?: number;
  /** At most this many chunks, however long the transcript (a 1-hour talk still makes a watchable summary). */
  maxChunks?: number;
  /** Words a chunk needs at least, so sparse speech (a film's dialogue) does not make scenes of one line. */
  minWords?: number;
}

/** Sentences that announce a new part ("Next up is…", "Let's talk about…", "To recap…"): a topic shift by the speaker's own words. */
const ANNOUNCES = /^(?:(?:so|okay|ok|alright|now|and)[, ]+)?(?:first(?:ly)?|second(?:ly)?|next|finally|lastly|to (?:recap|sum up|summari[sz]e)|in summary|let's (?:talk about|go over|look at|move on|start with)|moving on|now for|now let's|the next (?:step|thing)|step \w+|once it's done|last but not least)\b/i;

/** Light stemming so "grinds"/"grind" and "filtered"/"filter" count as one term in the cohesion measure. */
function terms(text: string): string[] {
  return contentWords(text).map((w) => w.replace(/(?:ing|ed|es|s)$/, '') || w);
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, n] of a) {
    na += n * n;
    dot += n * (b.get(w) ?? 0);
  }
  for (const n of b.values()) nb += n * n;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function bag(sentences: readonly string[][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const words of sentences) for (const w of words) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

/**
 * How strongly each gap between sentences (gap i lies after sentence i) looks like a topic boundary, TextTiling-style
 * (Hearst 1997): the lexical cohesion of the speech just before and just after the gap, turned into a depth score
 * (how far cohesion dips below the peaks on either side), plus the speaker's pause and announced parts.
 */
export function boundaryScores(sentences: readonly TimedSentence[], windowSeconds = 20): number[] {
  const words = sentences.map((s) => terms(s.text));
  const gaps = sentences.length - 1;
  const similarity: number[] = [];
  for (let i = 0; i < gaps; i++) {
    let from = i;
    while (from > 0 && (sentences[i]!.end - sentences[from - 1]!.start <= windowSeconds || i - from < 2)) from--;
    let to = i + 1;
    while (to < sentences.length - 1 && (sentences[to + 1]!.end - sentences[i + 1]!.start <= windowSeconds || to - i < 2)) to++;
    similarity.push(cosine(bag(words.slice(from, i + 1)), bag(words.slice(i + 1, to + 1))));
  }
  return similarity.map((s, i) => {
    let left = s;
    for (let j = i - 1; j >= 0 && similarity[j]! >= left; j--) left = similarity[j]!;
    let right = s;
    for (let j = i + 1; j < gaps && similarity[j]! >= right; j++) right = similarity[j]!;
    const depth = left - s + (right - s);
    const pause = Math.min(4, Math.max(0, sentences[i + 1]!.start - sentences[i]!.end)) / 4;
    return depth + 0.6 * pause + (ANNOUNCES.test(sentences[i + 1]!.text) ? 0.8 : 0);
  });
}

/**
 * Splits a transcript into topic chunks: boundaries are taken in order of their score (boundaryScores) while they
 * stand out (above mean − ½ σ) and leave every chunk at least `minSeconds` and `minWords` long; a chunk still longer
 * than the maximum is then cut at its best gap that keeps those minimums.
 */
export function segmentTranscript(sentences: readonly TimedSentence[], options: SegmentOptions = {}): Chunk[] {
  if (!sentences.length) return [];
  const total = sentences.at(-1)!.end - sentences[0]!.start;
  const min = options.minSeconds ?? 30;
  const maxChunks = options.maxChunks ?? 12;
  // Chunks of a long talk may run longer than `maxSeconds`, so that it still makes about `maxChunks` scenes.
  const max = Math.max(options.maxSeconds ?? 60, (1.5 * total) / maxChunks, min * 1.5);
  const scores = boundaryScores(sentences, options.windowSeconds ?? 20);
  const mean = scores.reduce((a, b) => a + b, 0) / (scores.length || 1);
  const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (scores.length || 1));
  const cuts = new Set<number>();
  // A chunk is sentences[a..b]; its length runs from the first sentence's start to the last one's end.
  const span = (a: number, b: number) => sentences[b]!.end - sentences[a]!.start;
  const around = (gap: number) => {
    let before = 0;
    let after = sentences.length - 1;
    for (const c of cuts) {
      if (c < gap) before = Math.max(before, c + 1);
      else after = Math.min(after, c);
    }
    return { before, after };
  };
  const wordsIn = (a: number, b: number) => sentences.slice(a, b + 1).reduce((n, x) => n + x.text.split(/\s+/).length, 0);
  const minWords = options.minWords ?? 25;
  const fits = (gap: number) => {
    const { before, after } = around(gap);
    // A part the speaker announces ("To recap…") may be shorter: the announcement is the strongest boundary there is.
    const least = ANNOUNCES.test(sentences[gap + 1]!.text) ? min * 0.6 : min;
    return span(before, gap) >= least && span(gap + 1, after) >= least && wordsIn(before, gap) >= minWords && wordsIn(gap + 1, after) >= minWords;
  };
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i);
  for (const { s, i } of order) {
    if (s < mean - sd / 2 || cuts.size >= maxChunks - 1) break;
    if (fits(i)) cuts.add(i);
  }
  // Cut what is still too long at its best remaining gap that keeps both sides long enough.
  const tooLong = new Set<number>();
  for (let guard = 0; guard < sentences.length; guard++) {
    const chunks = toChunks(sentences, cuts);
    let index = 0;
    const long = chunks.find((c) => {
      const found = c.end - c.start > max && c.sentences.length > 1 && !tooLong.has(c.start);
      if (!found) index += c.sentences.length;
      return found;
    });
    if (!long || chunks.length > maxChunks) return chunks;
    // Sparse speech (a film's few lines between long silences) may leave no gap that keeps both sides a real
    // passage; such a chunk stays long rather than becoming scenes of one line.
    const pick = long.sentences
      .slice(0, -1)
      .map((_, k) => index + k)
      .filter(fits)
      .sort((a, b) => scores[b]! - scores[a]! || a - b)[0];
    if (pick === undefined) tooLong.add(long.start);
    else cuts.add(pick);
  }
  return toChunks(sentences, cuts);
}

function toChunks(sentences: readonly TimedSentence[], cuts: ReadonlySet<number>): Chunk[] {
  const chunks: Chunk[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(sentences.length - 1)) {
    if (cut < from) continue;
    const part = sentences.slice(from, cut + 1);
    chunks.push({ start: part[0]!.start, end: part.at(-1)!.end, sentences: part });
    from = cut + 1;
  }
  return chunks;
}
