import { join } from 'node:path';
import type { TimelinePlan } from '../timeline/index.ts';
import { encodeAudioTrack, normalizeLoudness, writeNarrationTrack, type MediaTools } from '../media/index.ts';
import type { ArtifactCache } from './artifact-cache.ts';
import { contentHash } from './artifact-cache.ts';
import type { RenderListener } from './events.ts';
import type { SceneNarration } from './narrate.ts';

/** A footage scene's own sound (`video` scene with `muted: false`), placed under the narration. */
export interface AudioBed {
  /** The clip file (its audio stream is used). */
  path: string;
  /** Video seconds at which the bed starts. */
  at: number;
  /** Seconds it lasts in the video. */
  duration: number;
  /** Seconds into the clip at which it starts. */
  sourceStart: number;
  /** Loop the clip's sound when it is shorter than `duration`. */
  loop: boolean;
}

/** Background music, resolved to a file (src/pipeline/media-stage.ts or the music library). */
export interface MusicTrack {
  path: string;
  /** Loudness of the music alone, LUFS (spec `music.volume`). */
  volume: number;
  /** dB the music drops under the voice (spec `music.duck`). */
  duck: number;
}

export interface AudioStageInput {
  plan: TimelinePlan;
  narration: readonly SceneNarration[];
  tools: MediaTools;
  artifacts: ArtifactCache;
  /** Scratch directory of this render (removed afterwards). */
  work: string;
  emit: RenderListener;
  signal?: AbortSignal;
  music?: MusicTrack;
  beds: readonly AudioBed[];
}

/** The key of the finished track: everything that changes what is heard. */
export function audioKeyOf(input: Pick<AudioStageInput, 'plan' | 'narration' | 'music' | 'beds'>, hashes: { music?: string; beds?: string[] } = {}): string {
  return contentHash({
    clips: input.plan.clips,
    voices: input.narration.map((n) => [n.provider, n.voiceId, n.sentences.map((x) => x.text)]),
    totalSamples: input.plan.totalSamples,
    target: -14,
    music: input.music ? { file: hashes.music ?? input.music.path, volume: input.music.volume, duck: input.music.duck } : null,
    beds: input.beds.map((b, i) => ({ file: hashes.beds?.[i] ?? b.path, at: b.at, duration: b.duration, sourceStart: b.sourceStart, loop: b.loop })),
  });
}

/**
 * The finished soundtrack (AAC in .m4a, cached by content): narration placed on the plan, music and footage sound mixed
 * under it, loudness-normalised to −14 LUFS. Runs while the frames render.
 */
export async function buildAudioTrack(input: AudioStageInput, key: string): Promise<string> {
  const { plan, narration, tools, artifacts, work, emit, signal } = input;
  const normalised = await artifacts.pathFor('audio', key, 'm4a');
  if (await artifacts.has(normalised)) return normalised;
  const raw = join(work, 'narration.wav');
  const trackWarnings = await writeNarrationTrack(
    raw,
    plan.clips.map((clip) => ({ pcm: narration[clip.scene]!.pcm[clip.sentence]!, at: clip.offset, id: `${plan.scenes[clip.scene]!.id}#${clip.sentence + 1}` })),
    plan.totalSamples,
    plan.sampleRate,
  );
  for (const message of trackWarnings) emit({ type: 'warning', message });
  if (input.music || input.beds.length) emit({ type: 'warning', message: 'music and footage sound are not mixed yet' });
  const loud = join(work, 'narration-loud.wav');
  await normalizeLoudness(raw, loud, { tools, ...(signal ? { signal } : {}) });
  await encodeAudioTrack(loud, normalised, plan.totalSamples, { tools, ...(signal ? { signal } : {}) });
  return normalised;
}
