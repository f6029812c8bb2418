import { contentWords } from '../../writing/summarise.ts';
import type { TimedSentence } from './transcript.ts';

export interface Chunk {
  start: number;
  end: number;
  sentences: TimedSentence[];
}

export interface SegmentOptions {
  /** Seconds; a chunk is not cut before this unless the transcript ends. */
  minSeconds?: number;
  /** Seconds; a chunk is always cut by this. */
  maxSeconds?: number;
  /** Seconds of speech on each side compared for a topic shift. */
  windowSeconds?: number;
}

function overlap(a: readonly TimedSentence[], b: readonly TimedSentence[]): number {
  const wa = new Set(a.flatMap((s) => contentWords(s.text)));
  const wb = new Set(b.flatMap((s) => contentWords(s.text)));
  if (!wa.size || !wb.size) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.min(wa.size, wb.size);
}

/**
 * Splits sentences into chunks of minSeconds..maxSeconds. Among the sentence ends in that range it cuts where the
 * speaker pauses longest and where the words before and after share least (a topic shift); a short tail is merged
 * into the chunk before it.
 */
export function segmentTranscript(sentences: readonly TimedSentence[], options: SegmentOptions = {}): Chunk[] {
  const min = options.minSeconds ?? 30;
  const max = options.maxSeconds ?? 60;
  const window = options.windowSeconds ?? 20;
  const chunks: Chunk[] = [];
  let from = 0;
  while (from < sentences.length) {
    const start = sentences[from]!.start;
    let best = -1;
    let bestScore = -Infinity;
    for (let i = from; i < sentences.length - 1; i++) {
      const end = sentences[i]!.end;
      if (end - start > max && best >= 0) break;
      // A long pause (a paragraph break) may end a chunk a little early; otherwise chunks reach `min`.
      const gapAhead = sentences[i + 1]!.start - end;
      if (end - start < min && !(gapAhead >= 1.5 && end - start >= min * 0.75)) continue;
      const before = sentences.slice(from, i + 1).filter((s) => s.start >= end - window);
      const after = sentences.slice(i + 1).filter((s) => s.start <= sentences[i + 1]!.start + window);
      const gap = Math.max(0, gapAhead);
      // Pauses matter up to ~2 s; a topic shift (low overlap) matters as much; mid-range lengths are slightly preferred.
      const score = Math.min(gap, 2) + 2 * (1 - overlap(before, after)) - Math.abs(end - start - (min + max) / 2) / max;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
      if (end - start > max) break;
    }
    const cut = best >= 0 ? best : sentences.length - 1;
    chunks.push({ start, end: sentences[cut]!.end, sentences: sentences.slice(from, cut + 1) });
    from = cut + 1;
  }
  const last = chunks.at(-1);
  if (chunks.length > 1 && last && last.end - last.start < min / 2) {
    chunks.pop();
    const prev = chunks.at(-1)!;
    chunks[chunks.length - 1] = { start: prev.start, end: last.end, sentences: [...prev.sentences, ...last.sentences] };
  }
  return chunks;
}
