import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import { GRADIENT_REF } from '../media.ts';

/** A footage scene. Minimal first version: the clip over the whole frame (the media renderer refines it). */
export const videoScene = defineScene({
  kind: 'video',
  layout(scene, env) {
    const { frame } = env;
    const clip = env.media?.main ?? { ref: GRADIENT_REF, sentence: 0, at: 0, sourceStart: scene.start, loop: scene.loop };
    const elements: Element[] = [{ type: 'media', box: { x: 0, y: 0, w: frame.width, h: frame.height }, fit: scene.fit, motion: 'none', clips: [clip], radius: 0 }];
    return elements;
  },
});
