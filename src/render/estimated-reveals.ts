import type { VideoSpec } from '../spec/index.ts';
import { estimateBeats } from '../timeline/beats.ts';
import { TAIL_SECONDS, TRANSITION_SECONDS } from '../timeline/constants.ts';
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
 * About how long the scene will last in the video (planTimeline's rule with estimated narration): at least its
 * minDuration, else narration plus the tail, and never shorter than its entrance; `transition` is the blend at its end
 * (none for the last scene), so a preview can play entrance, reveals and transition in real time.
 */
export function estimatedSceneTiming(spec: Pick<VideoSpec, 'language' | 'scenes'>, laid: LaidOutScene): { seconds: number; transition: number } {
  const scene = laid.scene;
  const isLast = laid.index >= spec.scenes.length - 1;
  const transition = isLast || (scene.transition ?? 'fade') === 'none' ? 0 : TRANSITION_SECONDS;
  const needed = estimateBeats(scene, spec.language).narrationEnd + Math.max(TAIL_SECONDS, transition);
  let seconds = Math.max(scene.minDuration, needed);
  if (scene.maxDuration !== undefined) seconds = Math.max(needed, Math.min(seconds, scene.maxDuration));
  // Moving pictures (footage, Ken Burns) never settle (settlesAt = Infinity): their length is the narration's.
  const entrance = Number.isFinite(laid.settlesAt) ? laid.settlesAt + transition : 0;
  return { seconds: Math.max(seconds, entrance), transition };
}
