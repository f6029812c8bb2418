import { resampleInt16 } from '../audio/resample.ts';
import { fpsValue } from './presets.ts';
import { frameToSample as timelineFrameToSample } from '../timeline/frames.ts';
import type { FrameRate } from './presets.ts';
import type { PcmAudio } from './wav.ts';

/** The mix rate: AAC at 48 kHz (QUALITY.md, Sound). */
export const MIX_RATE = 48_000;

export interface NarrationClip {
  /** Mono signed 16-bit PCM at `sampleRate`. */
  pcm: Int16Array;
  sampleRate: number;
  /** Video frame at which the clip starts (frames, not seconds: the timeline is frame-quantised)… */
  atFrame?: number;
  /** …or the exact sample offset the timeline planned (sentences after the first start between frames). */
  atSample?: number;
  /** For warnings only. */
  id?: string;
}

export interface NarrationTrackOptions {
  fps: FrameRate;
  /** Length of the video; the track has exactly the matching number of samples. */
  totalFrames: number;
  sampleRate?: number;
}

export interface NarrationTrack extends PcmAudio {
  /** Clips that overlapped another clip or ran past the end; the timeline should make both impossible. */
  warnings: string[];
}

/**
 * Frame → sample offset, rounded once per position (never accumulated), so narration cannot drift from the picture
 * however many scenes there are (ARCHITECTURE §5).
 */
export function frameToSample(frame: number, fps: FrameRate, sampleRate = MIX_RATE): number {
  return timelineFrameToSample(frame, fpsValue(fps), sampleRate);
}

/**
 * Places narration clips at their planned frames in one mono track of exactly round(totalFrames × rate / fps) samples.
 * Clips are resampled to the mix rate first. Overlaps are summed with saturation and clips past the end are cut; both
 * are reported, since they mean the timeline's plan and the audio disagree.
 */
export function assembleNarration(clips: readonly NarrationClip[], opts: NarrationTrackOptions): NarrationTrack {
  const rate = opts.sampleRate ?? MIX_RATE;
  const length = frameToSample(opts.totalFrames, opts.fps, rate);
  const mix = new Int32Array(length);
  const covered = new Uint8Array(length);
  const warnings: string[] = [];
  clips.forEach((clip, n) => {
    const name = clip.id ?? `clip ${n}`;
    const pcm = clip.sampleRate === rate ? clip.pcm : resampleInt16(clip.pcm, clip.sampleRate, rate);
    const start = clip.atSample ?? frameToSample(clip.atFrame ?? 0, opts.fps, rate);
    if (start < 0) throw new RangeError(`${name} starts before the video (sample ${start})`);
    const end = Math.min(length, start + pcm.length);
    if (start + pcm.length > length) warnings.push(`${name} runs ${((start + pcm.length - length) / rate).toFixed(3)} s past the end of the video and was cut`);
    let overlapped = false;
    for (let i = start; i < end; i++) {
      if (covered[i]) overlapped = true;
      covered[i] = 1;
      mix[i] = mix[i]! + pcm[i - start]!;
    }
    if (overlapped) warnings.push(`${name} overlaps another clip`);
  });
  const pcm = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const v = mix[i]!;
    pcm[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return { pcm, sampleRate: rate, channels: 1, warnings };
}
