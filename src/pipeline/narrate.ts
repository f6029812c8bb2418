import type { VideoSpec } from '../spec/index.ts';
import type { SentenceAudio } from '../timeline/index.ts';
import { SAMPLE_RATE } from '../timeline/index.ts';
import { narrationFor } from '../writing/templates.ts';
import { splitSentences } from '../writing/sentences.ts';
import { synthesizeCached, to48k, trimSilence, voiceForScene, type AudioCache, type TtsRegistry, type WordBoundary } from '../voice/index.ts';
import { VideogenError } from '../errors.ts';
import { alignedWordTimings } from '../voice/word-timings.ts';
import { displayWords } from '../timeline/word-cues.ts';

export interface SceneNarration {
  text: string;
  voiceRef: string;
  provider: string;
  voiceId: string;
  sentences: SentenceAudio[];
  /** 48 kHz mono PCM per sentence, in order. */
  pcm: Int16Array[];
}

export interface NarrateOptions {
  registry: TtsRegistry;
  cache: AudioCache;
  /** Overrides every scene's voice (CLI `--voice`). */
  voice?: string;
  signal?: AbortSignal;
  onScene?: (done: number, total: number, sceneId: string) => void;
}

/** Speaks every scene's narration sentence by sentence (each sentence is one clip and one caption cue). */
export async function narrateVideo(spec: VideoSpec, opts: NarrateOptions): Promise<SceneNarration[]> {
  const out: SceneNarration[] = new Array(spec.scenes.length);
  let done = 0;
  let next = 0;
  let failed = false;
  // Scenes are voiced SCENE_CONCURRENCY at a time (a scene's sentences are already voiced together): espeak-ng is one
  // process per clip, so on deck-12 the voice stage took 0.4 s of one core while the other waited.
  const worker = async (): Promise<void> => {
    while (next < spec.scenes.length && !failed) {
      const index = next++;
      const scene = spec.scenes[index]!;
      try {
        if (opts.signal?.aborted) throw new VideogenError('CANCELLED', 'render cancelled');
        out[index] = await narrateScene(spec, scene, index, opts);
      } catch (error) {
        failed = true; // the other worker takes no further scene
        throw error;
      }
      opts.onScene?.(++done, spec.scenes.length, scene.id ?? String(index));
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCENE_CONCURRENCY, spec.scenes.length) }, worker));
  return out;
}

/** Scenes voiced at once: enough to fill two cores with local TTS, few enough not to hammer a cloud provider. */
const SCENE_CONCURRENCY = 2;

async function narrateScene(spec: VideoSpec, scene: VideoSpec['scenes'][number], index: number, opts: NarrateOptions): Promise<SceneNarration> {
  const text = narrationFor(scene, spec.language);
  const voiceRef = opts.voice ?? voiceForScene(spec, scene, index);
  const sentences = splitSentences(text, spec.language);
  const results = await Promise.all(
    sentences.map((sentence) => synthesizeCached(opts.registry, opts.cache, voiceRef, sentence, { language: spec.language, ...(opts.signal ? { signal: opts.signal } : {}) })),
  );
  const first = results[0];
  // Word-by-word captions need word times; voices that report none (espeak, OpenAI) get them from the audio.
  const wantsWords = spec.captions.burnIn && spec.captions.style.mode !== 'sentence';
  const trimmed = results.map((r) => trimSilence(to48k(r).pcm, SAMPLE_RATE));
  const pcm = trimmed.map((t) => t.pcm);
  return {
    text,
    voiceRef,
    provider: first?.provider ?? 'none',
    voiceId: first?.voiceId ?? 'none',
    pcm,
    sentences: await Promise.all(
      results.map(async (r, i) => {
        const words = r.words?.length
          ? providerWords(r.words, trimmed[i]!.trimmedStart)
          : wantsWords
            ? await alignedWordTimings(pcm[i]!, SAMPLE_RATE, displayWords(sentences[i]!), { registry: opts.registry, language: spec.language, ...(opts.signal ? { signal: opts.signal } : {}) })
            : [];
        return { text: sentences[i]!, samples: pcm[i]!.length, ...(words.length ? { words } : {}) };
      }),
    ),
  };
}

/** A provider's word boundaries (ms from its untrimmed clip) as samples from the start of the trimmed 48 kHz clip. */
function providerWords(words: readonly WordBoundary[], trimmedStart: number): { text: string; start: number; end: number }[] {
  const at = (ms: number) => Math.max(0, Math.round((ms / 1000) * SAMPLE_RATE) - trimmedStart);
  return words.map((w) => ({ text: w.text, start: at(w.offsetMs), end: at(w.offsetMs + w.durationMs) }));
}
