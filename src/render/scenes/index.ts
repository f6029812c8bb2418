import type { SceneKind } from '../../spec/index.ts';
import type { SceneRenderer } from '../scene-types.ts';
import { titleScene } from './title.ts';
import { listScene } from './list.ts';
import { codeScene } from './code.ts';

/** Every scene kind's renderer, by kind. A kind missing here is a type error, not a blank scene. */
export const SCENE_RENDERERS: Partial<{ [K in SceneKind]: SceneRenderer<K> }> = {
  title: titleScene,
  list: listScene,
  code: codeScene,
};
