import type { Scene, SceneKind } from '../../spec/index.ts';
import type { SceneRenderer } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import type { LayoutEnv } from '../scene-types.ts';
import { mirrorPage } from '../arrange.ts';
import { isRtlContent, isRtlLanguage } from '../text.ts';
import { titleScene } from './title.ts';
import { commandScene } from './command.ts';
import { listScene } from './list.ts';
import { outroScene } from './outro.ts';
import { codeComparisonScene } from './code-comparison.ts';
import { quoteScene } from './quote.ts';
import { learningObjectivesScene } from './learning-objectives.ts';
import { problemScene } from './problem.ts';
import { solutionScene } from './solution.ts';
import { checkpointScene } from './checkpoint.ts';
import { quizScene } from './quiz.ts';
import { exerciseScene } from './exercise.ts';
import { codeScene } from './code.ts';
import { imageScene } from './image.ts';
import { videoScene } from './video.ts';

/** Scene fields that are never drawn as prose (code reads left to right in every language). */
const NOT_PROSE = new Set(['id', 'kind', 'narration', 'code', 'language', 'commands', 'background', 'voice', 'transition', 'source', 'highlight', 'src', 'fit', 'motion']);

/** The on-screen prose of a scene, for deciding its reading direction. */
export function sceneProse(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) sceneProse(v, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!NOT_PROSE.has(k)) sceneProse(v, out);
  return out;
}

/**
 * Every kind lays out left to right; a right-to-left scene (Arabic, Hebrew…) is mirrored as a whole afterwards, so
 * no kind can forget a marker or a bar on the wrong side. The accent bar at the page edge sits on the reading side.
 */
/**
 * One decision for the whole scene: it reads right to left in a right-to-left language, or when its own text is mostly
 * right to left. The segment cache keys on it too (a mirrored scene must never reuse an unmirrored one's pixels).
 */
export function sceneReadsRtl(scene: Scene, language: string | undefined): boolean {
  return isRtlLanguage(language) || isRtlContent(sceneProse(scene));
}

function withDirection<K extends SceneKind>(renderer: SceneRenderer<K>): SceneRenderer<K> {
  return {
    kind: renderer.kind,
    layout(scene, env: LayoutEnv): Element[] {
      const elements = renderer.layout(scene, env);
      const rtl = sceneReadsRtl(scene as Scene, env.language);
      if (rtl) mirrorPage(elements, env.frame);
      // Over a picture or footage the bar would read as a glitch at the frame's edge; it belongs to the page.
      const s = scene as Scene;
      const onMedia = ((s.kind === 'image' || s.kind === 'video') && s.fit === 'cover') || Boolean(env.media?.background?.length);
      if (onMedia) return elements;
      const { width, height, unit } = env.frame;
      const bar = 10 * unit;
      return [{ type: 'rect', box: { x: rtl ? width - bar : 0, y: 0, w: bar, h: height }, fill: env.theme.accent, radius: 0 }, ...elements];
    },
  };
}

const RENDERERS: { [K in SceneKind]: SceneRenderer<K> } = {
  title: titleScene,
  command: commandScene,
  list: listScene,
  outro: outroScene,
  codeComparison: codeComparisonScene,
  quote: quoteScene,
  learningObjectives: learningObjectivesScene,
  problem: problemScene,
  solution: solutionScene,
  checkpoint: checkpointScene,
  quiz: quizScene,
  exercise: exerciseScene,
  code: codeScene,
  image: imageScene,
  video: videoScene,
};

/** Every scene kind's renderer, by kind. A kind missing here is a type error, not a blank scene. */
export const SCENE_RENDERERS = Object.fromEntries(Object.entries(RENDERERS).map(([k, r]) => [k, withDirection(r as SceneRenderer)])) as unknown as { [K in SceneKind]: SceneRenderer<K> };
