import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VideogenError } from '../errors.ts';
import { ACCENTS, ASPECTS, THEME_MODES, type Accent, type Aspect, type ThemeMode, type SceneInput, type VideoSpec, type VideoSpecInput } from '../spec/index.ts';
import { instantiate, listTemplates } from '../sources/templates.ts';
import { safeId } from '../sources/video-gen/video.ts';
import { schemaRefFor, video } from '../builder/index.ts';
import { writeFileAtomic } from '../util/files.ts';
import { draftPath, loadDraft, removeDraft, saveDraft } from './draft.ts';
import { inquirerPrompts, isPromptExit, type WizardPrompts } from './prompts.ts';
import { askCustomScenes, askTemplateVariables } from './questions.ts';
import { Session } from './session.ts';

/**
 * `videogen wizard`: asks for a title, a template (or scenes one by one), voice, theme and shape, writes a spec YAML
 * and offers to render it. Ctrl-C saves the answers so far as a draft; `--resume` replays them and asks the rest.
 */
export interface WizardOptions {
  prompts?: WizardPrompts;
  /** Where relative output paths resolve. */
  cwd?: string;
  /** Folder of the draft file: VIDEOGEN_HOME when set, else the working directory (the CLI decides). */
  draftDir?: string;
  resume?: boolean;
  /** Renders the written spec; the CLI passes the real pipeline, tests a fake. */
  render?: (spec: VideoSpec, outputDir: string) => Promise<void>;
  log?: (line: string) => void;
}

export interface WizardResult {
  specPath: string;
  spec: VideoSpec;
  renderedTo?: string;
}

const VOICES = [
  { name: 'Male, professional', value: 'male' },
  { name: 'Female, clear', value: 'female' },
  { name: 'Male, warm', value: 'male_warm' },
  { name: 'Female, friendly', value: 'female_friendly' },
];

const ASPECT_NAMES: Record<(typeof ASPECTS)[number], string> = { '16:9': '16:9 landscape (YouTube)', '9:16': '9:16 vertical (Shorts, Reels)', '1:1': '1:1 square' };

const exists = (path: string) => access(path).then(() => true, () => false);

async function askScenes(session: Session, title: string): Promise<{ body: Record<string, unknown>; scenes: SceneInput[] }> {
  const templates = await listTemplates();
  const choice = await session.ask('template', () =>
    session.prompts.select({
      message: 'Which kind of video?',
      choices: [...templates.map((t) => ({ name: t.name.replace(/-/g, ' '), value: t.name, description: t.description })), { name: 'custom', value: 'custom', description: 'Pick every scene yourself' }],
    }),
  );
  if (choice === 'custom') return { body: { title }, scenes: await askCustomScenes(session) };
  const template = templates.find((t) => t.name === choice);
  if (!template) throw new VideogenError('USAGE', `the draft names template "${choice}", which no longer exists; delete the draft and start again`);
  const { scenes, ...body } = instantiate(template, await askTemplateVariables(session, template, title));
  return { body, scenes: scenes as SceneInput[] };
}

async function flow(session: Session, opts: WizardOptions): Promise<WizardResult> {
  const p = session.prompts;
  const cwd = opts.cwd ?? process.cwd();
  const title = await session.ask('title', () => p.input({ message: 'What is the video about? (its title)', validate: (v) => (v.trim() ? true : 'a title is required') }));
  const id = await session.ask('id', () =>
    p.input({ message: 'Short id (names the output folder)', default: safeId(title.toLowerCase()), validate: (v) => (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(v) ? true : 'letters, digits, "-" and "_" only') }),
  );
  const { body, scenes } = await askScenes(session, title.trim());
  const voice = await session.ask('voice', () => p.select({ message: 'Narration voice', choices: VOICES }));
  const accent = await session.ask('accent', () => p.select<Accent>({ message: 'Accent colour', choices: ACCENTS.map((a) => ({ name: a, value: a })), default: 'blue' }));
  const mode = await session.ask('mode', () => p.select<ThemeMode>({ message: 'Background', choices: THEME_MODES.map((m) => ({ name: m, value: m })), default: 'light' }));
  const aspect = await session.ask('aspect', () => p.select<Aspect>({ message: 'Shape', choices: ASPECTS.map((a) => ({ name: ASPECT_NAMES[a], value: a })), default: '16:9' }));

  const builder = video({ ...({ id, ...body } as Omit<VideoSpecInput, 'scenes'>), title: title.trim(), voice, theme: { accent, mode }, aspect });
  for (const scene of scenes) builder.scene(scene);
  const spec = builder.build();

  const output = await session.ask('output', () => p.input({ message: 'Save the spec as', default: `${id}.yaml` }));
  const specPath = resolve(cwd, output);
  if (await exists(specPath)) {
    const overwrite = await session.ask('overwrite', () => p.confirm({ message: `${output} exists. Replace it?`, default: false }));
    if (!overwrite) throw new VideogenError('USAGE', `${output} exists and was kept; run the wizard again with --resume to pick another name`);
  }
  await writeFileAtomic(specPath, builder.toYAML(schemaRefFor(specPath)));
  opts.log?.(`wrote ${output}`);

  const result: WizardResult = { specPath, spec };
  if (opts.render && (await session.ask('render', () => p.confirm({ message: 'Render it now?', default: true })))) {
    const outputDir = resolve(cwd, 'out', id);
    await opts.render(spec, outputDir);
    result.renderedTo = outputDir;
  }
  return result;
}

export async function runWizard(opts: WizardOptions = {}): Promise<WizardResult> {
  const path = draftPath(opts.draftDir ?? opts.cwd ?? process.cwd());
  const draft = opts.resume ? await loadDraft(path) : undefined;
  if (opts.resume && !draft) throw new VideogenError('USAGE', `no wizard draft at ${path}; run \`videogen wizard\` without --resume`);
  if (!opts.resume && (await exists(path))) opts.log?.(`(a saved draft exists: \`videogen wizard --resume\` continues it; this run replaces it if stopped)`);
  if (draft) opts.log?.(`resuming the draft saved ${draft.savedAt}`);
  const session = new Session(opts.prompts ?? inquirerPrompts, { ...draft?.answers });
  try {
    const result = await flow(session, opts);
    await removeDraft(path);
    return result;
  } catch (error) {
    if (!isPromptExit(error)) throw error;
    await saveDraft(path, session.answers);
    throw new VideogenError('CANCELLED', `wizard stopped; ${Object.keys(session.answers).length} answer(s) saved to ${path}. Continue with: videogen wizard --resume`, { draft: path });
  }
}
