import type { VideoSpec } from '../spec/index.ts';
import type { SentenceAudio } from '../timeline/index.ts';
import { SAMPLE_RATE } from '../timeline/index.ts';
import { narrationFor } from '../writing/templates.ts';
import { splitSentences } from '../writing/sentences.ts';
import { synthesizeCached, to48k, trimSilence, voiceForScene, type AudioCache, type TtsRegistry } from '../voice/index.ts';
import { VideogenError } from '../errors.ts';

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
  const out: SceneNarration[] = [];
  for (const [index, scene] of spec.scenes.entries()) {
    if (opts.signal?.aborted) throw new VideogenError('CANCELLED', 'render cancelled');
    const text = narrationFor(scene);
    const voiceRef = opts.voice ?? voiceForScene(spec, scene, index);
    const sentences = splitSentences(text, spec.language);
    const results = await Promise.all(
      sentences.map((sentence) => synthesizeCached(opts.registry, opts.cache, voiceRef, sentence, { language: spec.language, ...(opts.signal ? { signal: opts.signal } : {}) })),
    );
    const first = results[0];
    const trimmed = results.map((r) => trimSilence(to48k(r).pcm, SAMPLE_RATE));
    const pcm = trimmed.map((t) => t.pcm);
    out.push({
      text,
      voiceRef,
      provider: first?.provider ?? 'none',
      voiceId: first?.voiceId ?? 'none',
      pcm,
      sentences: results.map((r, i) => ({
        text: sentences[i]!,
        samples: pcm[i]!.length,
        ...(r.words?.length ? { words: r.words.map((w) => ({ text: w.text, start: Math.max(0, Math.round((w.offsetMs / 1000) * SAMPLE_RATE) - trimmed[i]!.trimmedStart), end: Math.max(0, Math.round(((w.offsetMs + w.durationMs) / 1000) * SAMPLE_RATE) - trimmed[i]!.trimmedStart) })) } : {}),
      })),
    });
    opts.onScene?.(index + 1, spec.scenes.length, scene.id ?? String(index));
  }
  return out;
}
