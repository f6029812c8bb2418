import type { SceneKind } from '../../spec/index.ts';
import type { SceneRenderer } from '../scene-types.ts';
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

/** Every scene kind's renderer, by kind. A kind missing here is a type error, not a blank scene. */
export const SCENE_RENDERERS: { [K in SceneKind]: SceneRenderer<K> } = {
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
};
