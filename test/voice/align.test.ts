import { describe, expect, it } from 'vitest';
import { alignWords } from '../../src/voice/align.ts';
import { phonemeWeight, wordWeight } from '../../src/voice/word-weight.ts';
import { EspeakProvider } from '../../src/voice/espeak.ts';
import { alignedWordTimings } from '../../src/voice/word-timings.ts';
import { TtsRegistry } from '../../src/voice/registry.ts';
import { buildConnectedCorpus, buildCorpus, hasEspeakEvents, percentile, startErrorsMs } from './align-corpus.ts';

const RATE = 48_000;

/** Voiced bursts (a 180 Hz buzz with a syllable-like swell) of the given ms, separated by the given silences. */
function bursts(spans: [ms: number, gapAfterMs: number][]): { pcm: Int16Array; starts: number[] } {
  const total = spans.reduce((n, [a, b]) => n + a + b, 0);
  const pcm = new Int16Array(Math.round((total / 1000) * RATE));
  const starts: number[] = [];
  let at = 0;
  for (const [ms, gap] of spans) {
    const from = Math.round((at / 1000) * RATE);
    const n = Math.round((ms / 1000) * RATE);
    starts.push(from);
    for (let i = 0; i < n; i++) pcm[from + i] = Math.round(9000 * Math.sin(Math.PI * (i / n)) ** 0.5 * Math.sin((2 * Math.PI * 180 * i) / RATE));
    at += ms + gap;
  }
  return { pcm, starts };
}

describe('offline word aligner', () => {
  it('puts each word on its burst when words are separated by pauses, even when their lengths are off', () => {
    const { pcm, starts } = bursts([[300, 120], [180, 90], [520, 150], [240, 0]]);
    const words = ['Caching', 'is', 'everywhere', 'today'];
    const aligned = alignWords(pcm, RATE, words);
    expect(aligned.map((w) => w.text)).toEqual(words);
    aligned.forEach((w, i) => expect(Math.abs(w.start - starts[i]!) / RATE).toBeLessThan(0.02));
    // Ends fall at the end of the burst, not in the pause after it.
    expect(Math.abs(aligned[0]!.end - (starts[0]! + 0.3 * RATE)) / RATE).toBeLessThan(0.02);
  });

  it('returns ordered, non-overlapping words inside the clip, the same every time', () => {
    const { pcm } = bursts([[900, 0], [700, 0]]);
    const words = 'one continuous stretch of speech without any pause'.split(' ');
    const a = alignWords(pcm, RATE, words);
    expect(alignWords(pcm, RATE, words)).toEqual(a);
    for (let i = 0; i < a.length; i++) {
      expect(a[i]!.end).toBeGreaterThan(a[i]!.start);
      expect(a[i]!.end).toBeLessThanOrEqual(pcm.length);
      if (i > 0) expect(a[i]!.start).toBeGreaterThanOrEqual(a[i - 1]!.end);
    }
  });

  it('spreads the words evenly over a silent clip and returns nothing for no words', () => {
    const silent = new Int16Array(RATE);
    expect(alignWords(silent, RATE, ['a', 'b']).map((w) => w.start)).toEqual([0, RATE / 2]);
    expect(alignWords(silent, RATE, [])).toEqual([]);
    // 30 ms of sound cannot hold five words of their own: they are spread, still in order.
    const { pcm } = bursts([[30, 0]]);
    const spread = alignWords(pcm, RATE, ['a', 'b', 'c', 'd', 'e']);
    for (let i = 1; i < spread.length; i++) expect(spread[i]!.start).toBeGreaterThan(spread[i - 1]!.start);
  });

  it('expects longer words to take longer (syllables, digits, CJK characters, unvowelled scripts)', () => {
    expect(wordWeight('encyclopedia')).toBeGreaterThan(wordWeight('cat'));
    expect(wordWeight('2026')).toBeGreaterThan(wordWeight('two'));
    expect(wordWeight('版本控制')).toBeGreaterThan(wordWeight('版本'));
    expect(wordWeight('بالعالم')).toBeGreaterThan(wordWeight('في'));
  });

  it('espeak-ng phonemizes one line per word on both engines (digits read out), for the expected lengths', async () => {
    const words = ['Promises,', '2026', '—', 'resolve.'];
    for (const engine of ['wasm', 'auto'] as const) {
      const phonemes = await new EspeakProvider({ engine }).phonemize(words, 'en');
      expect(phonemes).toHaveLength(4);
      expect(phonemes![2]).toBe('');
      expect(phonemeWeight(phonemes![1]!)).toBeGreaterThan(phonemeWeight(phonemes![3]!));
    }
  }, 60_000);

  // Bound: median word-start error < 80 ms on espeak-ng speech with known boundaries. The bench measures ~45 ms on
  // connected speech (truth from the espeak-ng library's word events) and ~30 ms on words spoken one by one; 80 ms is
  // about a third of a short word, where a highlighted word is visibly early or late, so a regression fails this.
  const SENTENCES = ['The quick brown fox jumps over the lazy dog.', 'Captions follow the voice, word by word, in the short format.', 'Small files with one job are easier to read and to test.', 'Open the terminal and type the command shown on the screen.'];
  it.skipIf(!hasEspeakEvents())('finds word starts in connected espeak-ng speech with a median error under 80 ms (the pipeline path)', async () => {
    const registry = new TtsRegistry().register(new EspeakProvider());
    const errors: number[] = [];
    for (const c of buildConnectedCorpus(['en-us'], SENTENCES)) errors.push(...startErrorsMs(c, await alignedWordTimings(c.pcm, c.sampleRate, c.words, { registry, language: 'en' })));
    console.log(`aligner on ${errors.length} words of connected speech: median ${percentile(errors, 0.5).toFixed(0)} ms, p95 ${percentile(errors, 0.95).toFixed(0)} ms`);
    expect(errors.length).toBeGreaterThan(30);
    expect(percentile(errors, 0.5)).toBeLessThan(80);
  }, 60_000);

  it('finds the starts of words spoken one by one with a median error under 80 ms', async () => {
    const clips = await buildCorpus(['en-us'], SENTENCES);
    const registry = new TtsRegistry().register(new EspeakProvider());
    const errors: number[] = [];
    for (const c of clips) errors.push(...startErrorsMs(c, await alignedWordTimings(c.pcm, c.sampleRate, c.words, { registry, language: 'en' })));
    console.log(`aligner on ${errors.length} words: median ${percentile(errors, 0.5).toFixed(0)} ms, p95 ${percentile(errors, 0.95).toFixed(0)} ms`);
    expect(percentile(errors, 0.5)).toBeLessThan(80);
  }, 60_000);
});
