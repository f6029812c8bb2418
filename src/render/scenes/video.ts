import { defineScene } from '../scene-types.ts';
import { gradientClip } from '../media-layer.ts';
import { pictureLayout } from './media-scene.ts';

/**
 * Footage over the whole frame (or shown whole on the page), trimmed and looped or held as the spec says, with an
 * optional title and caption. Footage moves by itself, so it gets no Ken Burns push.
 */
export const videoScene = defineScene({
  kind: 'video',
  layout(scene, env) {
    const trim = { sourceStart: scene.start, loop: scene.loop, ...(scene.end !== undefined ? { sourceEnd: scene.end } : {}) };
    const clip = env.media?.main ? { ...trim, ...env.media.main } : { ...gradientClip(), ...trim };
    return pictureLayout(env, { clip, kind: 'video', fit: scene.fit, motion: 'none', title: scene.title, caption: scene.caption });
  },
});
