import type { VideoSpec } from '../../../src/spec/index.ts';
import { planEstimated } from '../../../src/timeline/estimate.ts';

export interface DurationEstimate {
  /** Seconds each scene lasts, planned the way a render plans it, from the text-length speech estimate. */
  scenes: number[];
  /** Seconds of speech per scene (0 for a silent scene). */
  narration: number[];
  total: number;
}

/** Scene lengths and the total as the render would plan them, before any audio exists (timeline/estimate.ts). */
export function estimateDurations(spec: VideoSpec): DurationEstimate {
  const { plan, narration } = planEstimated(spec);
  return { scenes: plan.scenes.map((s) => s.frames / plan.fps), narration, total: plan.totalFrames / plan.fps };
}

/** "≈ 12 s", "≈ 1 min 05 s". */
export function approxSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `≈ ${s} s`;
  return `≈ ${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
