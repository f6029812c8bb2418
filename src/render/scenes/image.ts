import { defineScene } from '../scene-types.ts';
import { pictureLayout } from './media-scene.ts';

/** A picture over the whole frame (or shown whole on the page), slowly pushed in, with an optional title and caption. */
export const imageScene = defineScene({
  kind: 'image',
  layout(scene, env) {
    return pictureLayout(env, { clip: env.media?.main, kind: 'image', fit: scene.fit, motion: scene.motion, title: scene.title, caption: scene.caption });
  },
});
