/**
 * A corpus of clips whose word boundaries are known exactly: each word is spoken on its own by espeak-ng, trimmed,
 * and the words are joined with fixed gaps (none, a few ms, or a clause pause after punctuation), so the true start
 * of every word is the sample where its clip was placed. Shared by test/voice/align.test.ts and bench/align.ts.
 */
import { EspeakProvider } from '../../src/voice/espeak.ts';
import { to48k } from '../../src/audio/wav.ts';
import { trimSilence } from '../../src/voice/trim.ts';

export interface CorpusClip {
  text: string;
  words: string[];
  pcm: Int16Array;
  sampleRate: number;
  /** True first sample of each word. */
  starts: number[];
}

export const CORPUS_SENTENCES = [
  'The quick brown fox jumps over the lazy dog.',
  'JavaScript runs many things on one thread.',
  'Promises resolve before the next timer fires, so the order is predictable.',
  'Open the terminal and type the command shown on the screen.',
  'Every scene starts on the frame after the previous one ends.',
  'Captions follow the voice, word by word, in the short format.',
  'A microtask queue drains completely before rendering begins.',
  'Version two adds streaming, caching and a faster encoder.',
  'Remember to save your work before closing the editor.',
  'This video explains how the event loop works in practice.',
  'Small files with one job are easier to read and to test.',
  'The server answers health checks in under a millisecond.',
];

/** Milliseconds of silence placed after word i: mostly none, as in connected speech; a pause after punctuation. */
function gapAfterMs(word: string, i: number): number {
  if (/[,.;:!?]$/.test(word)) return 220;
  return [0, 0, 15, 0, 40, 0, 5][i % 7]!;
}

export async function buildCorpus(voices: readonly string[], sentences: readonly string[] = CORPUS_SENTENCES): Promise<CorpusClip[]> {
  const espeak = new EspeakProvider();
  const clips: CorpusClip[] = [];
  for (const voice of voices) {
    for (const text of sentences) {
      const words = text.split(/\s+/).filter(Boolean);
      const parts = await Promise.all(words.map(async (w) => trimSilence(to48k(await espeak.synthesize(w.replace(/[,.;:!?]+$/, ''), voice)).pcm, 48_000, -50, 0).pcm));
      const starts: number[] = [];
      const chunks: Int16Array[] = [];
      let at = 0;
      parts.forEach((pcm, i) => {
        starts.push(at);
        chunks.push(pcm);
        at += pcm.length;
        if (i < parts.length - 1) {
          const gap = Math.round((gapAfterMs(words[i]!, i) / 1000) * 48_000);
          chunks.push(new Int16Array(gap));
          at += gap;
        }
      });
      const pcm = new Int16Array(at);
      let offset = 0;
      for (const c of chunks) {
        pcm.set(c, offset);
        offset += c.length;
      }
      clips.push({ text, words, pcm, sampleRate: 48_000, starts });
    }
  }
  return clips;
}

/** |aligned − true| start of every word but each clip's first (which is trivially at the clip's start), in ms. */
export function startErrorsMs(clip: CorpusClip, aligned: readonly { start: number }[]): number[] {
  return clip.starts.slice(1).map((s, i) => (Math.abs(aligned[i + 1]!.start - s) / clip.sampleRate) * 1000);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}
