/**
 * Word-timing error of the offline aligner (src/voice/align.ts) on a corpus with known word boundaries
 * (test/voice/align-corpus.ts): median and p95 of |aligned − true| word start, in ms. Figures, not assertions.
 */
import { alignWords } from '../src/voice/align.ts';
import { EspeakProvider } from '../src/voice/espeak.ts';
import { phonemeWeight } from '../src/voice/word-weight.ts';
import { buildCorpus, percentile, startErrorsMs } from '../test/voice/align-corpus.ts';

const VOICES = ['en-us', 'en-us+f3', 'en-us+m7', 'en-gb'];
const clips = await buildCorpus(VOICES);
const espeak = new EspeakProvider();
const errors: number[] = [];
const spelled: number[] = [];
const naive: number[] = [];
for (const clip of clips) {
  const phonemes = await espeak.phonemize(clip.words, 'en');
  const weights = phonemes?.map(phonemeWeight);
  errors.push(...startErrorsMs(clip, alignWords(clip.pcm, clip.sampleRate, clip.words, weights ? { weights } : {})));
  spelled.push(...startErrorsMs(clip, alignWords(clip.pcm, clip.sampleRate, clip.words)));
  // Baseline: words spread over the clip by their letters, what cues did before the aligner.
  const letters = clip.words.map((w) => w.length);
  const total = letters.reduce((a, b) => a + b, 0);
  let acc = 0;
  const spread = letters.map((n) => {
    const start = Math.round((acc / total) * clip.pcm.length);
    acc += n;
    return { start };
  });
  naive.push(...startErrorsMs(clip, spread));
}
const fmt = (xs: number[]) => `median ${percentile(xs, 0.5).toFixed(0)} ms, p95 ${percentile(xs, 0.95).toFixed(0)} ms`;
console.log(`aligner word starts (espeak phoneme weights): ${fmt(errors)} (${clips.length} clips, ${errors.length} words, voices ${VOICES.join(', ')})`);
console.log(`aligner word starts (spelling weights): ${fmt(spelled)}`);
console.log(`letter-proportional baseline: ${fmt(naive)}`);
