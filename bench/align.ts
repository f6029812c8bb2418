/**
 * Word-timing error of the offline aligner (src/voice/align.ts) on corpora with known word boundaries
 * (test/voice/align-corpus.ts): median and p95 of |aligned − true| word start, in ms. Figures, not assertions.
 * - connected: whole espeak-ng sentences, truth from the espeak-ng library's word events (needs python3 and
 *   libespeak-ng.so.1; skipped otherwise) — the realistic one;
 * - isolated: words spoken one by one and joined with known gaps (any machine with espeak).
 */
import { alignWords } from '../src/voice/align.ts';
import { EspeakProvider } from '../src/voice/espeak.ts';
import { TtsRegistry } from '../src/voice/registry.ts';
import { alignedWordTimings } from '../src/voice/word-timings.ts';
import { buildConnectedCorpus, buildCorpus, hasEspeakEvents, percentile, startErrorsMs, type CorpusClip } from '../test/voice/align-corpus.ts';

const VOICES = ['en-us', 'en-us+f3', 'en-us+m7', 'en'];
const registry = new TtsRegistry().register(new EspeakProvider());
const fmt = (xs: number[]) => `median ${percentile(xs, 0.5).toFixed(0)} ms, p95 ${percentile(xs, 0.95).toFixed(0)} ms`;

async function measure(name: string, clips: CorpusClip[]): Promise<void> {
  const aligned: number[] = [];
  const spelled: number[] = [];
  const naive: number[] = [];
  for (const clip of clips) {
    // What narrate.ts does: expected lengths from espeak-ng phonemes.
    aligned.push(...startErrorsMs(clip, await alignedWordTimings(clip.pcm, clip.sampleRate, clip.words, { registry, language: 'en' })));
    spelled.push(...startErrorsMs(clip, alignWords(clip.pcm, clip.sampleRate, clip.words)));
    // Baseline: words spread over the clip by their letters, what cues did before the aligner.
    const letters = clip.words.map((w) => w.length);
    const total = letters.reduce((a, b) => a + b, 0);
    let acc = 0;
    naive.push(...startErrorsMs(clip, letters.map((n) => ({ start: Math.round(((acc += n) - n) / total * clip.pcm.length) }))));
  }
  console.log(`${name}: aligner ${fmt(aligned)} | spelling weights only ${fmt(spelled)} | letter-proportional ${fmt(naive)} (${clips.length} clips, ${aligned.length} words, voices ${VOICES.join(', ')})`);
}

if (hasEspeakEvents()) await measure('align connected speech', buildConnectedCorpus(VOICES));
else console.log('align connected speech: skipped (needs python3 and libespeak-ng.so.1)');
await measure('align isolated words', await buildCorpus(VOICES));
