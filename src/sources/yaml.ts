import { basename, extname, resolve } from 'node:path';
import { VideogenError } from '../errors.ts';
import { parseSpecText, pathSegments, safeToShow, validateSet, validateSpec, type ParsedText, type SpecProblem, type ValidationResult, type VideoSpec } from '../spec/index.ts';
import { NO_FILES, confinePath, scopeOf, type FileScope } from './confine.ts';
import { confineMediaPaths } from './media-paths.ts';
import { readSpecFile } from './document/read.ts';
import { resolveSet } from './set.ts';
import { instantiate, loadTemplate, parseTemplate, type Template, type Variables } from './templates.ts';
import type { SourceAdapter, SourceOptions, SourceResult } from './types.ts';
import { convertVideo, detectFormat, fromVideoGenTemplate, importSetConfig, importVideoSet, safeId, type DocumentFormat } from './video-gen/index.ts';
import { isRecord, type Data } from './video-gen/fields.ts';

/**
 * .yaml/.yml/.json sources: canonical specs and sets, template instances (`template` + `variables`), and video_gen's
 * dialects, told apart by explicit markers (video-gen/detect.ts). One loading path for `videogen create`, `validate`,
 * `render` and the server: `loadSpecText` works on text, so an upload is loaded from its bytes with `NO_FILES` (it
 * may name no file), and a local file with its own folder as the scope (confine.ts).
 */
export interface YamlSourceOptions extends SourceOptions {
  /** Values for a template file loaded directly (a video_gen `${…}` template or one of ours). */
  variables?: Variables;
}

export type YamlSourceResult = SourceResult & { format: DocumentFormat };

/** Where a document came from: a name for messages, its absolute path on the CLI, and what it may read. */
export interface SpecOrigin {
  /** Shown in messages: a file name (never a server path). */
  label: string;
  /** Absolute path of the file on the CLI; absent for uploads and API bodies. */
  file?: string;
  scope: FileScope;
}

const slug = (title: unknown) => safeId(String(title ?? 'video').toLowerCase());

const SPEC_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** A template by built-in name (`tutorial`): no slash, no extension. Anything else is a path. */
const BUILT_IN_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** A spec-family file named inside another one (a template, a set entry): confined, then read with the spec limits. */
export async function readNamedSpecFile(origin: SpecOrigin, ref: string, use: { field: string; what: string; instead: string }): Promise<{ text: string; path: string; origin: SpecOrigin }> {
  const path = await confinePath(origin.scope, ref, use);
  if (!SPEC_EXTENSIONS.includes(extname(path).toLowerCase())) {
    throw new VideogenError('SPEC_INVALID', `${use.field}: "${safeToShow(ref)}" is not a .yaml, .yml or .json file`, { problems: [{ path: use.field, message: 'name a .yaml, .yml or .json file' }] });
  }
  const text = await readSpecFile(path);
  return { text, path, origin: { label: basename(path), file: path, scope: scopeOf(path, origin.scope) } };
}

/** Template files are ours (`variables` + `body`) or video_gen's (`${name}` placeholders). */
async function templateFrom(ref: string, origin: SpecOrigin): Promise<Template> {
  if (BUILT_IN_NAME.test(ref) && extname(ref) === '') return loadTemplate(ref);
  const named = await readNamedSpecFile(origin, ref, { field: 'template', what: 'a template file', instead: 'use a built-in template by name (e.g. `template: tutorial`)' });
  const shown = safeToShow(named.origin.label);
  const data = parseSpecText(named.text, named.origin.label).data;
  if (isRecord(data) && 'body' in data && 'variables' in data) return { ...parseTemplate(named.text, named.origin.label), file: named.path };
  if (isRecord(data) && detectFormat(data, named.text) === 'videogen-template') return fromVideoGenTemplate(data, named.origin.label);
  throw new VideogenError('SPEC_INVALID', `${shown} is not a template (expected \`variables\` and \`body\`, or a video_gen template with \${name} placeholders)`);
}

/** A template's result, with the instance's own top-level fields (id, theme, voice…) over it and an id from the title. */
async function fromTemplate(template: Template, variables: Variables, extra: Data, origin: SpecOrigin, options: YamlSourceOptions, depth: number): Promise<YamlSourceResult> {
  const body = { ...instantiate(template, variables), ...extra };
  const format = detectFormat(body, JSON.stringify(body));
  if (format === 'canonical' && !('id' in body) && !('video_id' in body)) body.id = slug(body.title);
  return fromDocument(body, format, origin, options, depth + 1);
}

async function fromDocument(doc: unknown, format: DocumentFormat, origin: SpecOrigin, options: YamlSourceOptions, depth: number, parsed?: ParsedText): Promise<YamlSourceResult> {
  const label = safeToShow(origin.label);
  if (depth > 3) throw new VideogenError('SPEC_INVALID', `${label}: templates nest too deeply`);
  const data = doc as Data;
  switch (format) {
    case 'videogen-pipeline':
    case 'videogen-legacy': {
      const { spec, warnings } = convertVideo(data, { dialect: format === 'videogen-pipeline' ? 'pipeline' : 'legacy', label });
      return { kind: 'video', spec, warnings, format };
    }
    case 'videogen-set-config': {
      const set = await importSetConfig(data, origin);
      return { kind: 'set', ...set, format };
    }
    case 'videogen-video-set':
      return { kind: 'set', ...importVideoSet(data, label), format };
    case 'videogen-template': {
      if (!options.variables) {
        const template = fromVideoGenTemplate(data, label);
        const required = Object.entries(template.variables).filter(([, v]) => v.default === undefined).map(([name]) => name);
        throw new VideogenError('SPEC_INVALID', `${label} is a video_gen template; give its variables in a file with \`template: ${label}\` and \`variables:\``, {
          problems: required.map((name) => ({ path: `variables.${name}`, message: 'required' })),
        });
      }
      return fromTemplate(fromVideoGenTemplate(data, label), options.variables, {}, origin, { ...options, variables: undefined }, depth);
    }
    case 'template-instance': {
      const { template: ref, variables, ...extra } = data;
      return fromTemplate(await templateFrom(String(ref), origin), variables as Variables, extra, origin, options, depth);
    }
    case 'canonical':
    case 'canonical-set':
      return fromCanonical(doc, format, origin, parsed);
  }
}

/** Canonical specs and sets; problems carry source lines when the document came straight from text. */
async function fromCanonical(doc: unknown, format: 'canonical' | 'canonical-set', origin: SpecOrigin, parsed?: ParsedText): Promise<YamlSourceResult> {
  const withLines = (problems: SpecProblem[]) =>
    parsed
      ? problems.map((p) => {
          const line = parsed.lineOf(pathSegments(p.path));
          return line ? { ...p, line } : p;
        })
      : problems;
  const fail = (r: ValidationResult<unknown>): never => {
    const problems = withLines(r.problems);
    throw new VideogenError('SPEC_INVALID', `${safeToShow(origin.label)} has ${problems.length} problem(s)`, { problems });
  };
  if (format === 'canonical') {
    const result = validateSpec(doc);
    if (!result.ok) return fail(result);
    return { kind: 'video', spec: result.value, warnings: [], format: 'canonical' };
  }
  const result = validateSet(doc);
  if (!result.ok) return fail(result);
  const set = await resolveSet(result.value, origin.file ?? origin.label, origin.scope);
  return { kind: 'set', ...set, format: 'canonical-set' };
}

/** --language/--aspect/--theme/--voice from the command line win over the file. */
function applyOptions(spec: VideoSpec, options: SourceOptions): VideoSpec {
  const out: VideoSpec = {
    ...spec,
    ...(options.language ? { language: options.language } : {}),
    ...(options.aspect ? { aspect: options.aspect } : {}),
    ...(options.theme ? { theme: { ...spec.theme, ...options.theme } } : {}),
  };
  if (options.voice) {
    out.voice = options.voice;
    delete out.voices;
  }
  return out;
}

/** Spec, set, template instance or video_gen document from text; `origin.scope` decides which files it may name. */
export async function loadSpecText(text: string, origin: SpecOrigin, options: YamlSourceOptions = {}): Promise<YamlSourceResult> {
  const parsed = parseSpecText(text, origin.label);
  const format = detectFormat(parsed.data, text);
  const result = await fromDocument(parsed.data, format, origin, options, 0, parsed);
  // Media paths are relative to the file the command was given and may not leave its folder; checked before any render.
  if (result.kind === 'video') {
    await confineMediaPaths(result.spec, origin.scope);
    return { ...result, spec: applyOptions(result.spec, options) };
  }
  for (const spec of result.specs) await confineMediaPaths(spec, origin.scope);
  return { ...result, specs: result.specs.map((s) => applyOptions(s, options)) };
}

/** A local file; the paths it names must stay inside its folder. */
export async function loadYamlSource(path: string, options: YamlSourceOptions = {}): Promise<YamlSourceResult> {
  const file = resolve(path);
  const text = await readSpecFile(file);
  return loadSpecText(text, { label: basename(file), file, scope: scopeOf(file, { kind: 'folder', root: file }) }, options);
}

/** An uploaded or pasted document: it may name no file (only built-in templates by name). */
export function loadUploadedSpec(text: string, label: string, options: YamlSourceOptions = {}): Promise<YamlSourceResult> {
  return loadSpecText(text, { label, scope: NO_FILES }, options);
}

export const yamlAdapter: SourceAdapter = {
  id: 'yaml',
  detect: (input) => !/^[a-z]+:\/\//i.test(input) && /\.(ya?ml|json)$/i.test(input),
  load: async (input, options) => {
    const { format: _format, ...result } = await loadYamlSource(input, options);
    return result;
  },
};
