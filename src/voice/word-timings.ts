import { alignWords, type AlignedWord } from './align.ts';
import { EspeakProvider } from './espeak.ts';
import type { TtsRegistry } from './registry.ts';
import { phonemeWeight, wordWeight } from './word-weight.ts';

/**
 * Word timings for a clip whose voice reported none: aligned from the audio (align.ts), with each word's expected
 * length from espeak-ng's pronunciation in the text's language when espeak is registered (any voice said the clip;
 * espeak only tells how long each word is to say), else from its spelling. espeak halves the median error on the
 * bench corpus (bench/align.ts) because it reads digits out and drops silent letters.
 */
export async function alignedWordTimings(pcm: Int16Array, sampleRate: number, words: readonly string[], opts: { registry: TtsRegistry; language: string; signal?: AbortSignal }): Promise<AlignedWord[]> {
  if (!words.length) return [];
  const espeak = opts.registry.has('espeak') ? opts.registry.get('espeak') : undefined;
  let weights = words.map(wordWeight);
  if (espeak instanceof EspeakProvider) {
    const phonemes = await espeak.phonemize(words, opts.language, opts.signal).catch(() => undefined);
    // A word espeak says nothing for (a lone dash) keeps its spelling weight, so the search still gives it a frame.
    if (phonemes) weights = phonemes.map((p, i) => (p ? phonemeWeight(p) : weights[i]!));
  }
  return alignWords(pcm, sampleRate, words, { weights });
}
