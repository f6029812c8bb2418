import { validateSpec, type Aspect, type SceneInput, type VideoSpec } from '../../src/spec/index.ts';
import { layoutScene, type LaidOutScene } from '../../src/render/compose.ts';
import { frameFor, type Frame } from '../../src/render/geometry.ts';
import type { MediaCatalog, MediaClip, SceneMedia } from '../../src/render/media.ts';
import { layoutContext } from './helpers.ts';

/** The assets media tests draw: a landscape photo, a white picture (the worst case under text) and two clips. */
export const CATALOG: MediaCatalog = {
  photo: { ref: 'photo', kind: 'image', width: 960, height: 540 },
  white: { ref: 'white', kind: 'image', width: 320, height: 180 },
  red: { ref: 'red', kind: 'image', width: 320, height: 180 },
  blue: { ref: 'blue', kind: 'image', width: 320, height: 180 },
  clipA: { ref: 'clipA', kind: 'video', width: 640, height: 360, duration: 4 },
  clipB: { ref: 'clipB', kind: 'video', width: 640, height: 360, duration: 3 },
};

export const clip = (ref: string, extra: Partial<MediaClip> = {}): MediaClip => ({ ref, sentence: 0, at: 0, sourceStart: 0, loop: false, ...extra });

export function mediaSpec(aspect: Aspect, scenes: SceneInput[], theme: Partial<VideoSpec['theme']> = {}): VideoSpec {
  const r = validateSpec({ id: 'media', title: 'Media', aspect, scenes, theme });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

/** Lays out scene `index` of `spec` with `media` resolved for it, at a reduced frame (default 360 px short side). */
export async function layoutWithMedia(spec: VideoSpec, index: number, media: SceneMedia | undefined, frame: Frame = frameFor(spec.aspect, 360)): Promise<LaidOutScene> {
  const scenes = spec.scenes.map((_, i) => (i === index ? media : undefined));
  return layoutScene(spec, spec.scenes[index]!, index, { ...(await layoutContext()), frame, media: { scenes, catalog: CATALOG } });
}
