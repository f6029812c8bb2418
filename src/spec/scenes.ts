import { z } from 'zod';
import { SourceSchema, TransitionField, enumField, boundedInt, boundedString, difficultyField, optionalText, seconds, text } from './common.ts';
import { BackgroundSchema, MEDIA_MOTIONS, fitField, mediaSrc } from './media.ts';


/** Fields every scene kind has. `narration` is written from the visuals by writing/ when absent. */
const common = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'use letters, digits, "-" and "_" only (e.g. "intro")' })
    .optional()
    .describe('Stable id, used by `--scene` and the render cache. Defaults to "<kind>-<n>".'),
  narration: optionalText('What the voice says over this scene.'),
  voice: boundedString().min(1).optional().describe('Voice for this scene; wins over the video\'s `voice`/`voices`.'),
  minDuration: seconds('Shortest the scene may last, in seconds.').default(3),
  maxDuration: seconds('Longest the scene may last, in seconds (narration still plays whole).').optional(),
  transition: TransitionField.optional(),
  background: BackgroundSchema.optional(),
  source: SourceSchema.optional(),
};

const listItem = z.union([boundedString().trim().min(1), z.strictObject({ title: text('Item title.'), description: optionalText('One line under the title.') })], {
  error: 'expected a string or {title, description}',
});

const codeBlock = z.strictObject({
  label: optionalText('Label on the panel, e.g. "Before".'),
  code: boundedString('expected code as a string (use a YAML block: `code: |`)').min(1, { error: 'must not be empty' }).describe('Source code.'),
  language: boundedString().optional().describe('Language for syntax colours, e.g. "python". Defaults to plain text.'),
});

const stringList = (what: string, min = 1) =>
  z.array(boundedString(`expected ${what} as a string`).trim().min(1, { error: 'must not be empty' }), { error: `expected a list of ${what}` }).min(min, {
    error: `needs at least ${min} ${what}`,
  });

export const TitleScene = z.strictObject({ kind: z.literal('title'), ...common, title: text('Big title.'), subtitle: optionalText('Line under the title.'), badge: optionalText('Small label above the title, e.g. "GUIDE".') });

export const CommandScene = z.strictObject({
  kind: z.literal('command'),
  ...common,
  title: text('Heading above the terminal.'),
  description: optionalText('One line under the heading.'),
  commands: stringList('terminal lines').describe('Terminal lines. Prefix "$" = prompt, "→" = output, "✓" = success, "#" = comment.'),
});

export const ListScene = z.strictObject({
  kind: z.literal('list'),
  ...common,
  title: text('Heading.'),
  description: optionalText('One line under the heading.'),
  items: z.array(listItem, { error: 'expected a list of items' }).min(1, { error: 'needs at least 1 item' }).describe('Items: strings or {title, description}.'),
  numbered: z.boolean().default(true).describe('Number the items (otherwise bullets).'),
});

export const OutroScene = z.strictObject({ kind: z.literal('outro'), ...common, title: text('Closing line.'), subtitle: optionalText('Line under it.'), callToAction: optionalText('Button-like call to action, e.g. "Subscribe for more".') });

export const CodeComparisonScene = z.strictObject({
  kind: z.literal('codeComparison'),
  ...common,
  title: text('Heading.'),
  before: codeBlock.describe('Left panel (the old way).'),
  after: codeBlock.describe('Right panel (the new way).'),
});

export const QuoteScene = z.strictObject({ kind: z.literal('quote'), ...common, text: text('The quotation, without quote marks.'), attribution: optionalText('Who said it.') });

export const LearningObjectivesScene = z.strictObject({
  kind: z.literal('learningObjectives'),
  ...common,
  title: text('Lesson title.'),
  objectives: stringList('objectives').describe('What the viewer will be able to do.'),
  duration: z.number({ error: 'expected the lesson length in minutes' }).positive({ error: 'must be more than 0 minutes' }).max(600, { error: 'must be at most 600 minutes (limit spec.number)' }).optional().describe('Lesson length in minutes.'),
  difficulty: difficultyField,
  prerequisites: stringList('prerequisites', 0).optional().describe('What to know first.'),
});

export const ProblemScene = z.strictObject({
  kind: z.literal('problem'),
  ...common,
  number: boundedInt(1, 9999, 'the problem number').optional().describe('Problem number.'),
  title: text('Problem title.'),
  text: text('The problem statement.'),
  difficulty: difficultyField,
});

export const SolutionScene = z.strictObject({
  kind: z.literal('solution'),
  ...common,
  title: text('Heading.'),
  code: boundedString('expected code as a string (use a YAML block: `code: |`)').min(1, { error: 'must not be empty' }).describe('Solution code.'),
  language: boundedString().optional().describe('Language for syntax colours.'),
  explanation: optionalText('One or two sentences under the code.'),
});

export const CheckpointScene = z.strictObject({
  kind: z.literal('checkpoint'),
  ...common,
  number: boundedInt(1, 9999, 'the checkpoint number').optional().describe('Checkpoint number.'),
  completed: stringList('topics', 0).default([]).describe('Topics covered so far.'),
  review: stringList('questions', 0).default([]).describe('Questions to review.'),
  next: stringList('topics', 0).default([]).describe('What comes next.'),
});

export const QuizScene = z.strictObject({
  kind: z.literal('quiz'),
  ...common,
  question: text('The question.'),
  options: stringList('options', 2).max(6, { error: 'at most 6 options fit; remove some' }).describe('2 to 6 answers.'),
  answer: z.number({ error: 'expected the index of the right option (0 = first)' }).int({ error: 'expected the index of the right option as a whole number (0 = first)' }).min(0, { error: 'must be 0 or more (0 = first option)' }).describe('Index of the right option, 0 = first.'),
  reveal: z.boolean().default(true).describe('Reveal the answer after a pause.'),
}).superRefine((quiz, ctx) => {
  if (quiz.answer >= quiz.options.length) {
    ctx.addIssue({ code: 'custom', path: ['answer'], message: `answer ${quiz.answer} points past the ${quiz.options.length} options; use 0 to ${quiz.options.length - 1} (0 = first)` });
  }
});

export const ExerciseScene = z.strictObject({
  kind: z.literal('exercise'),
  ...common,
  title: text('Exercise title.'),
  instructions: stringList('steps').describe('Steps, in order.'),
  difficulty: difficultyField,
  estimatedTime: optionalText('How long it takes, e.g. "10 min".'),
});

export const CodeScene = z.strictObject({
  kind: z.literal('code'),
  ...common,
  title: optionalText('Heading above the code.'),
  code: boundedString('expected code as a string (use a YAML block: `code: |`)').min(1, { error: 'must not be empty' }).describe('Source code.'),
  language: boundedString().default('text').describe('Language for syntax colours, e.g. "typescript".'),
  highlight: z.array(boundedInt(1, 100_000, 'a line number')).optional().describe('1-based line numbers to emphasise.'),
});

/** A picture filling the frame (or shown whole on the page), slowly pushed in unless `motion: none`. */
export const ImageScene = z.strictObject({
  kind: z.literal('image'),
  ...common,
  src: mediaSrc('the picture (JPEG, PNG, WebP, GIF first frame)'),
  fit: fitField.default('cover'),
  motion: enumField(MEDIA_MOTIONS, 'kenburns: a slow push-in and drift over the scene; none: still.').default('kenburns'),
  title: optionalText('Heading over the picture (on a scrim, so it stays readable).'),
  caption: optionalText('A line under the heading, e.g. where the picture was taken.'),
});

const clipSeconds = (description: string) =>
  z
    .number({ error: 'expected a time in the clip, in seconds' })
    .min(0, { error: 'must be 0 or more seconds' })
    .max(86_400, { error: 'must be at most 86400 seconds (limit spec.number)' })
    .describe(description);

/** A clip, trimmed to [start, end) and looped (or held on its last frame) to the scene's length. */
export const VideoScene = z
  .strictObject({
    kind: z.literal('video'),
    ...common,
    src: mediaSrc('the clip (MP4, WebM, MOV…)'),
    start: clipSeconds('Where in the clip to begin, in seconds.').default(0),
    end: clipSeconds('Where in the clip to stop, in seconds (default: its end).').optional(),
    loop: z.boolean().default(true).describe('Loop the clip when the scene is longer than it (otherwise its last frame holds).'),
    muted: z.boolean().default(true).describe("Leave out the clip's own sound (on by default: stock footage sound fights the voice)."),
    fit: fitField.default('cover'),
    title: optionalText('Heading over the clip (on a scrim).'),
    caption: optionalText('A line under the heading.'),
  })
  .superRefine((clip, ctx) => {
    if (clip.end !== undefined && clip.end <= clip.start) ctx.addIssue({ code: 'custom', path: ['end'], message: `end (${clip.end} s) must be after start (${clip.start} s)` });
  });

export const SCENE_SCHEMAS = [
  TitleScene,
  CommandScene,
  ListScene,
  OutroScene,
  CodeComparisonScene,
  QuoteScene,
  LearningObjectivesScene,
  ProblemScene,
  SolutionScene,
  CheckpointScene,
  QuizScene,
  ExerciseScene,
  CodeScene,
  ImageScene,
  VideoScene,
] as const;

export const SCENE_KINDS = SCENE_SCHEMAS.map((s) => s.shape.kind.value);

export const SceneSchema = z.discriminatedUnion('kind', SCENE_SCHEMAS, {
  error: (issue) => (issue.code === 'invalid_union' ? `unknown scene kind; use one of: ${SCENE_KINDS.join(', ')}` : undefined),
});

export type Scene = z.output<typeof SceneSchema>;
export type SceneInput = z.input<typeof SceneSchema>;
export type SceneKind = Scene['kind'];
export type SceneOf<K extends SceneKind> = Extract<Scene, { kind: K }>;
export type ListItem = z.output<typeof listItem>;
