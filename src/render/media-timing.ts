import type { SceneBeats } from '../timeline/beats.ts';
import type { LaidOutScene } from './compose.ts';

/**
 * Places a scene's media clips on its timeline: clip k starts showing at the onset of its narration sentence.
 * Placeholder until the media renderer lands: clips keep the times layout gave them.
 */
export function applyMediaTiming(laid: LaidOutScene, _beats: SceneBeats): LaidOutScene {
  return laid;
}
