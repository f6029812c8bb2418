import type { VideoSpec } from '../spec/index.ts';
import { estimateBeats } from './beats.ts';
import { planTimeline, type TimelinePlan } from './plan.ts';

/** Any rate works for an estimate; the render's own keeps sample counts whole the same way. */
const ESTIMATE_RATE = 48_000;

export interface EstimatedPlan {
  /** The timeline a render would plan, with each sentence as long as its text-length estimate. */
  plan: TimelinePlan;
  /** Seconds of speech per scene (0 for a silent scene). */
  narration: number[];
}

/**
 * The timeline before any audio exists: speech estimated from text length (estimateBeats, the estimate reveals are
 * timed by) and planned by planTimeline itself, so lead-in, tail, caption room and transitions follow the render's
 * rule. The builder's durations and the live preview's scene length both read it.
 */
export function planEstimated(spec: Pick<VideoSpec, 'fps' | 'language' | 'scenes'>): EstimatedPlan {
  const beats = spec.scenes.map((scene) => estimateBeats(scene, spec.language));
  const narration = beats.map((b) => b.sentences.map((s) => ({ text: s.text, samples: Math.round((s.end - s.start) * ESTIMATE_RATE) })));
  const plan = planTimeline({
    fps: spec.fps,
    sampleRate: ESTIMATE_RATE,
    narration,
    scenes: spec.scenes.map((s, i) => ({ id: s.id ?? `scene-${i + 1}`, minDuration: s.minDuration, maxDuration: s.maxDuration, transition: s.transition })),
  });
  return { plan, narration: beats.map((b) => b.sentences.reduce((sum, s) => sum + (s.end - s.start), 0)) };
}
