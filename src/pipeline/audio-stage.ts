import { join } from 'node:path';
import type { TimelinePlan } from '../timeline/index.ts';
import { MIX_RATE, encodeAudioTrack, normalizeLoudness, writeNarrationTrack, type MediaTools } from '../media/index.ts';
import { fileContentHash } from '../media/file-hash.ts';
import type { OutputEncoding } from '../media/loudness.ts';
import { mixBackground } from '../media/soundtrack.ts';
import { AAC_CODER_ARGS } from '../media/mux.ts';
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
  /** Seconds into the clip at which it stops (the scene's `end`); the sound loops over [sourceStart, sourceEnd) like the picture. */
  sourceEnd?: number;
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
  /**
   * Called once the voices' PCM has been read for the last time (the narration track is written and, with music, the
   * ducking key computed), so the caller can drop it while the loudness passes and the frames go on: 10 minutes at
   * 48 kHz is ~58 MB.
   */
  releasePcm?: () => void;
}

/**
 * The soundtrack's final form, written by the last loudness pass itself (no separate encode run): AAC stereo at
 * 48 kHz, exactly `samples` long, with the same coder as mux.ts (AAC_CODER_ARGS, where its choice is measured).
 */
export function aacSoundtrack(samples: number): OutputEncoding {
  return {
    filter: `apad=whole_len=${samples},atrim=end_sample=${samples}`,
    args: [...AAC_CODER_ARGS, '-b:a', '192k', '-ar', String(MIX_RATE), '-ac', '2', '-f', 'mp4'],
  };
}

/** Bump when the music/footage mix changes what is heard (narration-only keys never contain it, so they stay put). */
const MIX_VERSION = 'm1';

/** A caller-supplied hash is taken as is only when it is one (the seed passed file paths here). */
const isHash = (value: string | undefined): value is string => !!value && /^[0-9a-f]{64}$/.test(value);

/**
 * The key of the finished track: everything that changes what is heard. Music and footage files count by content
 * (a hash the caller already has, else a cheap hash of the file, read once per process), never by path. Without
 * music and beds the key is exactly the narration-only key of before, so existing cached tracks stay valid.
 */
export function audioKeyOf(input: Pick<AudioStageInput, 'plan' | 'narration' | 'music' | 'beds'>, hashes: { music?: string; beds?: string[] } = {}): string {
  const narrationOnly = { clips: input.plan.clips, voices: input.narration.map((n) => [n.provider, n.voiceId, n.sentences.map((x) => x.text)]), totalSamples: input.plan.totalSamples, target: -14 };
  if (!input.music && !input.beds.length) return contentHash(narrationOnly);
  return contentHash({
    ...narrationOnly,
    mix: MIX_VERSION,
    music: input.music ? { file: isHash(hashes.music) ? hashes.music : fileContentHash(input.music.path), volume: input.music.volume, duck: input.music.duck } : null,
    beds: input.beds.map((b, i) => ({ file: isHash(hashes.beds?.[i]) ? hashes.beds[i] : fileContentHash(b.path), at: b.at, duration: b.duration, sourceStart: b.sourceStart, sourceEnd: b.sourceEnd, loop: b.loop })),
  });
}

/**
 * The finished soundtrack (AAC in .m4a, cached by content): narration placed on the plan and normalised; music and
 * footage sound, when there are any, mixed under it and ducked while it speaks (src/media/soundtrack.ts); the whole
 * at −14 LUFS, ≤ −1 dBTP, exactly plan.totalSamples long. Runs while the frames render.
 */
export async function buildAudioTrack(input: AudioStageInput, key: string): Promise<string> {
  const { plan, narration, tools, artifacts, work, emit, signal } = input;
  const normalised = await artifacts.pathFor('audio', key, 'm4a');
  if (await artifacts.has(normalised)) {
    input.releasePcm?.();
    return normalised;
  }
  const run = { tools, ...(signal ? { signal } : {}) };
  const raw = join(work, 'narration.wav');
  const clips = plan.clips.map((clip) => ({ pcm: narration[clip.scene]!.pcm[clip.sentence]!, at: clip.offset, id: `${plan.scenes[clip.scene]!.id}#${clip.sentence + 1}` }));
  const trackWarnings = await writeNarrationTrack(raw, clips, plan.totalSamples, plan.sampleRate);
  for (const message of trackWarnings) emit({ type: 'warning', message });
  const final = { ...run, encoding: aacSoundtrack(plan.totalSamples) };
  // This function's own references go too: locals of an async function live until it returns.
  const release = (): void => {
    clips.length = 0;
    input.releasePcm?.();
  };
  if (!input.music && !input.beds.length) {
    release();
    await normalizeLoudness(raw, normalised, final);
    return normalised;
  }
  const loud = join(work, 'narration-loud.wav');
  await normalizeLoudness(raw, loud, run);
  // The mix graph works in MIX_RATE samples; the timeline plans at the same rate (timeline/constants SAMPLE_RATE).
  if (plan.sampleRate !== MIX_RATE) throw new RangeError(`the timeline plans at ${plan.sampleRate} Hz; music mixing needs ${MIX_RATE}`);
  const mixed = await mixBackground({
    voice: loud,
    clips,
    totalSamples: plan.totalSamples,
    ...(input.music ? { music: input.music } : {}),
    beds: input.beds.map((b) => ({ path: b.path, atSample: Math.round(b.at * MIX_RATE), samples: Math.round(b.duration * MIX_RATE), sourceStart: b.sourceStart, ...(b.sourceEnd !== undefined ? { sourceEnd: b.sourceEnd } : {}), loop: b.loop })),
    work,
    ...run,
    onWarning: (message) => emit({ type: 'warning', message }),
  });
  release();
  if (mixed) await normalizeLoudness(mixed.path, normalised, final);
  else await encodeAudioTrack(loud, normalised, plan.totalSamples, run);
  return normalised;
}
