import type { VideoSpec } from '../../../src/spec/index.ts';
import { estimateBeats } from '../../../src/timeline/beats.ts';
import { planTimeline } from '../../../src/timeline/plan.ts';

const RATE = 48_000;

export interface DurationEstimate {
  /** Seconds each scene lasts, planned the way a render plans it, from the text-length speech estimate. */
  scenes: number[];
  /** Seconds of speech per scene (0 for a silent scene). */
  narration: number[];
  total: number;
}

/**
 * Before any audio exists the timeline estimates speech from text length (estimateBeats, the same estimate the live
 * preview times reveals by); planning those estimates gives scene lengths with lead-in, tail and transitions.
 */
export function estimateDurations(spec: VideoSpec): DurationEstimate {
  const beats = spec.scenes.map((scene) => estimateBeats(scene, spec.language));
  const narration = beats.map((b) => b.sentences.map((s) => ({ text: s.text, samples: Math.round((s.end - s.start) * RATE) })));
  const plan = planTimeline({ fps: spec.fps, sampleRate: RATE, narration, scenes: spec.scenes.map((s, i) => ({ id: s.id ?? `scene-${i + 1}`, minDuration: s.minDuration, maxDuration: s.maxDuration, transition: s.transition })) });
  return {
    scenes: plan.scenes.map((s) => s.frames / plan.fps),
    narration: beats.map((b) => b.sentences.reduce((sum, s) => sum + (s.end - s.start), 0)),
    total: plan.totalFrames / plan.fps,
  };
}

/** "≈ 12 s", "≈ 1 min 05 s". */
export function approxSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `≈ ${s} s`;
  return `≈ ${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
