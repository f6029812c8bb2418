import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { VideogenError } from '../errors.ts';
import { validateSpec, type SceneInput, type SceneKind, type VideoSpec, type VideoSpecInput } from '../spec/index.ts';
import { loadConfig } from '../config.ts';
import type { RenderOptions, RenderResult } from '../pipeline/render-video.ts';

/**
 * A typed, fluent way to write a spec in code:
 *   video({ id: 'intro', title: 'Intro' }).title({ title: 'Intro' }).list({ title: 'Why', items: ['a'] }).build()
 * Each scene method takes exactly the fields of its kind (the zod input types), so a typo is a compile error; the
 * result is validated by the same schema as YAML specs.
 */
export type SceneFields<K extends SceneKind> = Omit<Extract<SceneInput, { kind: K }>, 'kind'>;
export type VideoOptions = Omit<VideoSpecInput, 'scenes'>;
export type BuilderRenderOptions = Omit<RenderOptions, 'config'> & { config?: RenderOptions['config'] };

/** This installation's JSON Schema, for editor autocompletion; callers writing a file pass a path relative to it. */
export const DEFAULT_SCHEMA_REF = fileURLToPath(new URL('../../schema/videogen.schema.json', import.meta.url));

/** The schema path as seen from a YAML file written to `file`. */
export function schemaRefFor(file: string): string {
  const rel = relative(dirname(resolve(file)), DEFAULT_SCHEMA_REF);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

export class VideoBuilder {
  private readonly scenes: SceneInput[] = [];

  constructor(private readonly options: VideoOptions) {}

  private add<K extends SceneKind>(kind: K, fields: SceneFields<K>): this {
    this.scenes.push({ kind, ...fields } as unknown as SceneInput);
    return this;
  }

  title(fields: SceneFields<'title'>): this {
    return this.add('title', fields);
  }
  command(fields: SceneFields<'command'>): this {
    return this.add('command', fields);
  }
  list(fields: SceneFields<'list'>): this {
    return this.add('list', fields);
  }
  outro(fields: SceneFields<'outro'>): this {
    return this.add('outro', fields);
  }
  codeComparison(fields: SceneFields<'codeComparison'>): this {
    return this.add('codeComparison', fields);
  }
  quote(fields: SceneFields<'quote'>): this {
    return this.add('quote', fields);
  }
  learningObjectives(fields: SceneFields<'learningObjectives'>): this {
    return this.add('learningObjectives', fields);
  }
  problem(fields: SceneFields<'problem'>): this {
    return this.add('problem', fields);
  }
  solution(fields: SceneFields<'solution'>): this {
    return this.add('solution', fields);
  }
  checkpoint(fields: SceneFields<'checkpoint'>): this {
    return this.add('checkpoint', fields);
  }
  quiz(fields: SceneFields<'quiz'>): this {
    return this.add('quiz', fields);
  }
  exercise(fields: SceneFields<'exercise'>): this {
    return this.add('exercise', fields);
  }
  code(fields: SceneFields<'code'>): this {
    return this.add('code', fields);
  }
  /** A picture: a path relative to where the spec is rendered from (or written to), an https URL, or upload:<id>. */
  image(fields: SceneFields<'image'>): this {
    return this.add('image', fields);
  }
  /** A clip, trimmed with `start`/`end` and looped or held to the scene's length. */
  video(fields: SceneFields<'video'>): this {
    return this.add('video', fields);
  }

  /** Any scene, e.g. one built elsewhere or read from a file. */
  scene(scene: SceneInput): this {
    this.scenes.push(scene);
    return this;
  }

  /** The spec as written (before defaults), for serialising. */
  input(): VideoSpecInput {
    return { ...this.options, scenes: [...this.scenes] };
  }

  /** The validated, normalised spec; throws SPEC_INVALID listing every problem. */
  build(): VideoSpec {
    const result = validateSpec(this.input());
    if (!result.ok) throw new VideogenError('SPEC_INVALID', `video "${this.options.id}" has ${result.problems.length} problem(s)`, { problems: result.problems });
    return result.value;
  }

  /** YAML as a person would write it (only the fields given), headed for editor autocompletion. Validates first. */
  toYAML(schemaRef = DEFAULT_SCHEMA_REF): string {
    this.build();
    return `# yaml-language-server: $schema=${schemaRef}\n${stringify(this.input(), { lineWidth: 0 })}`;
  }

  toJSON(): VideoSpecInput {
    this.build();
    return this.input();
  }

  /**
   * Renders with the same pipeline as `videogen render`; config comes from the environment unless given. Relative
   * media paths resolve against the working directory and may not leave it, unless `mediaScope` says otherwise.
   */
  render(opts: BuilderRenderOptions): Promise<RenderResult> {
    // Built (and validated, throwing SPEC_INVALID) before the renderer loads: `import 'videogen'` to build specs
    // never pays for the canvas, fonts and highlighter.
    const spec = this.build();
    return import('../pipeline/render-video.ts').then(({ renderVideo }) => renderVideo(spec, { mediaScope: { kind: 'folder', root: process.cwd() }, ...opts, config: opts.config ?? loadConfig() }));
  }
}

export function video(options: VideoOptions): VideoBuilder {
  return new VideoBuilder(options);
}
