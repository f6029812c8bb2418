import type { VideoSpec } from '../spec/index.ts';
import { estimateBeats } from '../timeline/beats.ts';
import { planEstimated } from '../timeline/estimate.ts';
import type { LaidOutScene } from './compose.ts';
import { applyMediaTiming } from './media-timing.ts';
import { applyReveals } from './reveal.ts';

/**
 * A scene timed as the render will time it, before any audio exists: reveals follow beats estimated from the length
 * of its narration (timeline/beats.ts), so a preview at 40 % of a scene shows what the video will show there.
 * Isomorphic: the CLI preview (pipeline/preview.ts) and the studio's live preview both call it.
 */
export function withEstimatedReveals(spec: Pick<VideoSpec, 'language'>, laid: LaidOutScene): LaidOutScene {
  const beats = estimateBeats(laid.scene, spec.language);
  // B-roll clips start with their sentences, estimated the same way.
  return applyMediaTiming(applyReveals(laid, beats, { language: spec.language }), beats);
}

/**
 * How long the scene will last in the video, as planTimeline plans it with estimated narration
 * (timeline/estimate.ts), and never shorter than its entrance; `transition` is the blend at its end (none for the
 * last scene), so a preview can play entrance, reveals and transition in real time.
 */
export function estimatedSceneTiming(spec: Pick<VideoSpec, 'fps' | 'language' | 'scenes'>, laid: LaidOutScene): { seconds: number; transition: number } {
  const { plan } = planEstimated(spec);
  const planned = plan.scenes[laid.index]!;
  const transition = planned.transition.frames / plan.fps;
  // Moving pictures (footage, Ken Burns) never settle (settlesAt = Infinity): their length is the narration's.
  const entrance = Number.isFinite(laid.settlesAt) ? laid.settlesAt + transition : 0;
  return { seconds: Math.max(planned.frames / plan.fps, entrance), transition };
}
