import { join } from 'node:path';
import type { MediaTools } from './ffmpeg-path.ts';
import { probe } from './ffprobe.ts';
import { measureLoudness } from './loudness.ts';
import { speechSpans, writeDuckKey, type VoiceClip } from './duck-key.ts';
import { mixSoundtrack, type MixBed, type MixMusic } from './music-mix.ts';
import { MIX_RATE } from './audio.ts';

/** Below this a source is silence: there is nothing to set a level from (and nothing worth mixing). */
const SILENT_LUFS = -60;
/** How loud the music alone is when the spec says nothing (QUALITY: around −20 LUFS); footage sound sits there too. */
export const DEFAULT_BACKGROUND_LUFS = -20;
export const DEFAULT_DUCK_DB = 15;
/** The mix's integrated loudness target (QUALITY: −14 LUFS ±1). */
const MIX_TARGET_LUFS = -14;
/** Re-mix with a louder voice only when the first mix is this far under the target, LU. */
const VOICE_RETRY_LU = 0.5;
/** Never lift the voice more than this over its own −14 LUFS (a video that is mostly music is allowed to measure low). */
const MAX_VOICE_GAIN_DB = 6;
/** The same conversion the mix applies, so the measured loudness is the loudness as mixed. */
const AS_MIXED = `aresample=${MIX_RATE},aformat=channel_layouts=stereo`;

export interface BackgroundInput {
  /** The narration, mono 48 kHz, normalised. */
  voice: string;
  /** The narration clips as placed (for the ducking key). */
  clips: readonly VoiceClip[];
  totalSamples: number;
  music?: { path: string; volume: number; duck: number };
  beds: readonly { path: string; atSample: number; samples: number; sourceStart: number; sourceEnd?: number; loop: boolean }[];
  /** Scratch directory. */
  work: string;
  tools: MediaTools;
  signal?: AbortSignal;
  onWarning: (message: string) => void;
}

export interface BackgroundResult {
  /** The mix (float WAV, stereo, 48 kHz), before the final loudness pass. */
  path: string;
  /** The ffmpeg filter graph that made it (for the manifest and for debugging). */
  graph: string;
  musicGainDb?: number;
  /** Gain the voice got over its normalised level in the mix, dB. */
  voiceGainDb: number;
}

/**
 * Mixes music and footage sound under the narration: measures each source once to set a fixed gain to its target
 * loudness (not dynamic loudnorm, which would flatten the music's own dynamics), writes the ducking key, runs the graph.
 * Returns undefined when no source has sound, so the caller keeps the narration-only path.
 */
export async function mixBackground(input: BackgroundInput): Promise<BackgroundResult | undefined> {
  const { tools, signal } = input;
  const run = { tools, ...(signal ? { signal } : {}) };
  const target = input.music?.volume ?? DEFAULT_BACKGROUND_LUFS;
  let music: MixMusic | undefined;
  if (input.music) {
    const info = await probe(input.music.path, run);
    const stream = info.streams.find((s) => s.type === 'audio');
    const loudness = stream ? await measureLoudness(input.music.path, { ...run, filter: AS_MIXED }) : undefined;
    if (!stream || !loudness || loudness.integratedLufs <= SILENT_LUFS) input.onWarning(`music ${input.music.path} has no sound; the video has no music`);
    else music = { path: input.music.path, gainDb: input.music.volume - loudness.integratedLufs, durationSec: stream.durationSec ?? info.durationSec };
  }
  const beds: MixBed[] = [];
  for (const bed of input.beds) {
    if (bed.atSample >= input.totalSamples || bed.samples <= 0) continue;
    const info = await probe(bed.path, run);
    if (!info.streams.some((s) => s.type === 'audio')) continue; // a clip without sound is simply silent footage
    const seconds = bed.samples / MIX_RATE;
    const loudness = await measureLoudness(bed.path, { ...run, filter: AS_MIXED, ...(bed.sourceStart > 0 ? { start: bed.sourceStart } : {}), duration: seconds });
    if (loudness.integratedLufs <= SILENT_LUFS) continue;
    beds.push({ ...bed, gainDb: target - loudness.integratedLufs });
  }
  if (!music && !beds.length) return undefined;
  const key = join(input.work, 'duck-key.wav');
  await writeDuckKey(key, speechSpans(input.clips, MIX_RATE), input.totalSamples, MIX_RATE, input.music?.duck ?? DEFAULT_DUCK_DB);
  const path = join(input.work, 'soundtrack-mix.wav');
  const mix = { voice: input.voice, key, beds, totalSamples: input.totalSamples, ...(music ? { music } : {}) };
  let graph = await mixSoundtrack(mix, path, run);
  // Music-only stretches count in the mix's integrated loudness, so a mix of a −14 voice and −20 music measures below
  // −14. Normalising the whole mix would then lift the music too; instead the voice is raised once by the shortfall
  // and the final loudness pass only trims what is left (a fraction of a dB), so the music alone stays near its target.
  const first = await measureLoudness(path, run);
  let voiceGainDb = 0;
  if (first.integratedLufs > SILENT_LUFS && first.integratedLufs < MIX_TARGET_LUFS - VOICE_RETRY_LU) {
    voiceGainDb = Math.min(MAX_VOICE_GAIN_DB, MIX_TARGET_LUFS - first.integratedLufs);
    graph = await mixSoundtrack({ ...mix, voiceGainDb }, path, run);
  }
  return { path, graph, voiceGainDb, ...(music ? { musicGainDb: music.gainDb } : {}) };
}
