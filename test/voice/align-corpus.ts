/**
 * A corpus of clips whose word boundaries are known exactly: each word is spoken on its own by espeak-ng, trimmed,
 * and the words are joined with fixed gaps (none, a few ms, or a clause pause after punctuation), so the true start
 * of every word is the sample where its clip was placed. Shared by test/voice/align.test.ts and bench/align.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EspeakProvider } from '../../src/voice/espeak.ts';
import { to48k } from '../../src/audio/wav.ts';
import { trimSilence } from '../../src/voice/trim.ts';

export interface CorpusClip {
  text: string;
  words: string[];
  pcm: Int16Array;
  sampleRate: number;
  /** True first sample of each word; NaN where the truth is not known (such words are not scored). */
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

const EVENTS_SCRIPT = new URL('./align-espeak-events.py', import.meta.url).pathname;

/** True when python3 can load libespeak-ng.so.1, which reports where each word starts in connected speech. */
export function hasEspeakEvents(): boolean {
  return spawnSync('python3', ['-c', "import ctypes; ctypes.CDLL('libespeak-ng.so.1')"], { stdio: 'ignore' }).status === 0;
}

/**
 * Connected speech with exact truth: whole sentences spoken by the espeak-ng library, which reports the sample each
 * word starts at (align-espeak-events.py). Clips are resampled to 48 kHz and trimmed like narration clips. A word
 * whose event falls in a pause (espeak marks the word before the pause that precedes it) starts at the sound after.
 */
export function buildConnectedCorpus(voices: readonly string[], sentences: readonly string[] = CORPUS_SENTENCES, wpm = 165): CorpusClip[] {
  const dir = mkdtempSync(join(tmpdir(), 'videogen-align-'));
  const clips: CorpusClip[] = [];
  try {
    for (const voice of voices) {
      for (const text of sentences) {
        const raw = join(dir, 'clip.raw');
        const run = spawnSync('python3', [EVENTS_SCRIPT, voice, String(wpm), text, raw], { encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`espeak events: ${run.stderr}`);
        const { rate, words: events } = JSON.parse(run.stdout) as { rate: number; words: { pos: number; sample: number }[] };
        const bytes = readFileSync(raw);
        const native = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
        const { pcm, trimmedStart } = trimSilence(to48k({ pcm: native, sampleRate: rate }).pcm, 48_000);
        const words = text.split(' ');
        let offset = 0;
        const starts = words.map((w) => {
          const pos = text.indexOf(w, offset) + 1;
          offset = pos + w.length - 1;
          // The first event at a word's character position (a number read as several words reports several).
          const event = events.find((e) => e.pos === pos);
          return event ? soundAfter(pcm, Math.max(0, Math.round((event.sample * 48_000) / rate) - trimmedStart)) : NaN;
        });
        // espeak reports no event for a word it joins to the next ("the screen"); the next one's event then may mark
        // either word, so neither is scored.
        for (let i = starts.length - 1; i > 0; i--) if (Number.isNaN(starts[i - 1]!)) starts[i] = NaN;
        clips.push({ text, words, pcm, sampleRate: 48_000, starts });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return clips;
}

/** `at`, or the first sound after it when `at` is in a pause longer than 80 ms (−50 dBFS, as trimSilence). */
function soundAfter(pcm: Int16Array, at: number): number {
  const threshold = 32768 * 10 ** (-50 / 20);
  let i = at;
  while (i < pcm.length && Math.abs(pcm[i]!) < threshold) i++;
  return i - at > 0.08 * 48_000 ? i : at;
}

/** |aligned − true| start of every word but each clip's first (which is trivially at the clip's start), in ms. */
export function startErrorsMs(clip: CorpusClip, aligned: readonly { start: number }[]): number[] {
  return clip.starts.slice(1).flatMap((s, i) => (Number.isNaN(s) ? [] : [(Math.abs(aligned[i + 1]!.start - s) / clip.sampleRate) * 1000]));
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}
