import { SCENE_KINDS, type SceneInput, type SceneKind } from '../spec/index.ts';
import type { Template, TemplateVariable, Variables } from '../sources/templates.ts';
import type { Session } from './session.ts';

/**
 * Questions for a template's variables (one prompt per variable, by type) and for custom scenes (one table row per
 * scene kind), all keyed so a resumed session skips what was answered.
 */
const required = (what: string) => (v: string) => (v.trim() ? true : `${what} is required`);

async function askVariable(session: Session, name: string, v: TemplateVariable): Promise<unknown> {
  const key = `var.${name}`;
  const message = v.description;
  const p = session.prompts;
  switch (v.type) {
    case 'string':
      if (v.format === 'code' || v.format === 'multiline') {
        return session.ask(key, () => p.editor({ message: `${message} (opens your editor)`, ...(typeof v.default === 'string' ? { default: v.default } : {}), postfix: '.txt' }));
      }
      return session.ask(key, () =>
        p.input({ message, ...(typeof v.default === 'string' && v.default ? { default: v.default } : {}), ...(v.default === undefined ? { validate: required(name) } : {}) }),
      );
    case 'number':
      return session.ask(key, async () => (await p.number({ message, ...(typeof v.default === 'number' ? { default: v.default } : {}) })) ?? v.default);
    case 'boolean':
      return session.ask(key, () => p.confirm({ message, ...(typeof v.default === 'boolean' ? { default: v.default } : {}) }));
    case 'enum':
      return session.ask(key, () => p.select({ message, choices: (v.values ?? []).map((x) => ({ name: x, value: x })), ...(typeof v.default === 'string' ? { default: v.default } : {}) }));
    case 'list':
      return session.list(key, message, Array.isArray(v.default) ? 0 : 1);
  }
}

/** Values for every variable; `title` comes from the first question instead of being asked twice. */
export async function askTemplateVariables(session: Session, template: Template, title: string): Promise<Variables> {
  const values: Variables = {};
  for (const [name, v] of Object.entries(template.variables)) {
    values[name] = name === 'title' ? title : await askVariable(session, name, v);
  }
  return values;
}

type FieldSpec =
  | { name: string; type: 'text' | 'optional' | 'code'; message: string; default?: string }
  | { name: string; type: 'list'; message: string; min?: number }
  | { name: string; type: 'answer'; message: string };

/** What custom mode asks for each kind: the fields that make a complete scene, nothing optional-but-rare. */
const SCENE_QUESTIONS: Record<SceneKind, FieldSpec[]> = {
  title: [{ name: 'title', type: 'text', message: 'Title' }, { name: 'subtitle', type: 'optional', message: 'Subtitle (optional)' }],
  command: [
    { name: 'title', type: 'text', message: 'Heading above the terminal' },
    { name: 'description', type: 'optional', message: 'One line under the heading (optional)' },
    { name: 'commands', type: 'list', message: 'Terminal line ("$ cmd" for a command, "→ text" for output)' },
  ],
  list: [{ name: 'title', type: 'text', message: 'Heading' }, { name: 'description', type: 'optional', message: 'One line under the heading (optional)' }, { name: 'items', type: 'list', message: 'Item' }],
  outro: [{ name: 'title', type: 'text', message: 'Closing line' }, { name: 'subtitle', type: 'optional', message: 'Line under it (optional)' }, { name: 'callToAction', type: 'optional', message: 'Call to action (optional)' }],
  codeComparison: [
    { name: 'title', type: 'text', message: 'Heading' },
    { name: 'language', type: 'text', message: 'Language of the code', default: 'text' },
    { name: 'before', type: 'code', message: 'Code before (opens your editor)' },
    { name: 'after', type: 'code', message: 'Code after (opens your editor)' },
  ],
  quote: [{ name: 'text', type: 'text', message: 'Quotation (without quote marks)' }, { name: 'attribution', type: 'optional', message: 'Who said it (optional)' }],
  learningObjectives: [{ name: 'title', type: 'text', message: 'Lesson title' }, { name: 'objectives', type: 'list', message: 'Objective' }],
  problem: [{ name: 'title', type: 'text', message: 'Problem title' }, { name: 'text', type: 'text', message: 'Problem statement' }],
  solution: [
    { name: 'title', type: 'text', message: 'Heading' },
    { name: 'language', type: 'text', message: 'Language of the code', default: 'text' },
    { name: 'code', type: 'code', message: 'Solution code (opens your editor)' },
    { name: 'explanation', type: 'optional', message: 'One or two sentences under the code (optional)' },
  ],
  checkpoint: [{ name: 'completed', type: 'list', message: 'Topic covered so far' }, { name: 'next', type: 'list', message: 'What comes next', min: 0 }],
  quiz: [{ name: 'question', type: 'text', message: 'Question' }, { name: 'options', type: 'list', message: 'Answer option', min: 2 }, { name: 'answer', type: 'answer', message: 'Which option is right?' }],
  exercise: [{ name: 'title', type: 'text', message: 'Exercise title' }, { name: 'instructions', type: 'list', message: 'Step' }],
  code: [{ name: 'title', type: 'optional', message: 'Heading (optional)' }, { name: 'language', type: 'text', message: 'Language', default: 'text' }, { name: 'code', type: 'code', message: 'Code (opens your editor)' }],
  image: [{ name: 'src', type: 'text', message: 'Picture (a path next to the spec, or an https URL)' }, { name: 'title', type: 'optional', message: 'Heading over the picture (optional)' }],
  video: [{ name: 'src', type: 'text', message: 'Clip (a path next to the spec, or an https URL)' }, { name: 'title', type: 'optional', message: 'Heading over the clip (optional)' }],
};

const KIND_LABELS: Record<SceneKind, string> = {
  title: 'Title card', command: 'Terminal commands', list: 'List', outro: 'Closing card', codeComparison: 'Code before/after', quote: 'Quotation',
  learningObjectives: 'Learning objectives', problem: 'Problem', solution: 'Solution with code', checkpoint: 'Checkpoint (recap)', quiz: 'Quiz', exercise: 'Exercise', code: 'Code',
  image: 'Picture', video: 'Video clip',
};

async function askScene(session: Session, n: number, kind: SceneKind): Promise<SceneInput> {
  const scene: Record<string, unknown> = { kind };
  const p = session.prompts;
  for (const field of SCENE_QUESTIONS[kind]) {
    const key = `scene.${n}.${field.name}`;
    const label = `Scene ${n + 1}, ${KIND_LABELS[kind].toLowerCase()}: ${field.message}`;
    if (field.type === 'list') scene[field.name] = await session.list(key, label, field.min ?? 1);
    else if (field.type === 'answer') {
      const options = scene.options as string[];
      scene.answer = await session.ask(key, () => p.select({ message: label, choices: options.map((o, i) => ({ name: o, value: i })) }));
    } else if (field.type === 'code') {
      const code = await session.ask(key, () => p.editor({ message: label, postfix: '.txt' }));
      if (kind === 'codeComparison') scene[field.name] = { label: field.name === 'before' ? 'Before' : 'After', code: code.replace(/\s+$/, '') };
      else scene[field.name] = code.replace(/\s+$/, '');
    } else {
      const value = await session.ask(key, () => p.input({ message: label, ...(field.default ? { default: field.default } : {}), ...(field.type === 'text' ? { validate: required(field.name) } : {}) }));
      if (value.trim()) scene[field.name] = value.trim();
    }
  }
  if (kind === 'codeComparison' && typeof scene.language === 'string') {
    for (const side of ['before', 'after'] as const) (scene[side] as Record<string, unknown>).language = scene.language;
    delete scene.language;
  }
  return scene as unknown as SceneInput;
}

/** Scenes one by one until the author picks "done" (after at least one). */
export async function askCustomScenes(session: Session): Promise<SceneInput[]> {
  const scenes: SceneInput[] = [];
  for (let n = 0; ; n++) {
    const choices = [
      ...(scenes.length ? [{ name: 'Done — write the video', value: 'done' as const }] : []),
      ...SCENE_KINDS.map((k) => ({ name: KIND_LABELS[k], value: k })),
    ];
    const kind = await session.ask(`scene.${n}.kind`, () => session.prompts.select<SceneKind | 'done'>({ message: `Scene ${n + 1}: what kind?`, choices }));
    if (kind === 'done') return scenes;
    scenes.push(await askScene(session, n, kind));
  }
}
