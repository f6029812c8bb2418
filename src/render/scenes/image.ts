import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import { GRADIENT_REF } from '../media.ts';

/** A picture scene. Minimal first version: the picture over the whole frame (the media renderer refines it). */
export const imageScene = defineScene({
  kind: 'image',
  layout(scene, env) {
    const { frame } = env;
    const clip = env.media?.main ?? { ref: GRADIENT_REF, sentence: 0, at: 0, sourceStart: 0, loop: false };
    const elements: Element[] = [{ type: 'media', box: { x: 0, y: 0, w: frame.width, h: frame.height }, fit: scene.fit, motion: scene.motion, clips: [clip], radius: 0 }];
    return elements;
  },
});
