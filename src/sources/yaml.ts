import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { VideogenError } from '../errors.ts';
import { parseSpecText, validateSet, validateSpec, type ValidationResult, type VideoSpec } from '../spec/index.ts';
import { loadSpecFile, type SpecFileResult } from './spec-file.ts';
import { resolveSet } from './set.ts';
import { instantiate, loadTemplate, parseTemplate, type Template, type Variables } from './templates.ts';
import type { SourceAdapter, SourceOptions, SourceResult } from './types.ts';
import { convertVideo, detectFormat, fromVideoGenTemplate, importSetConfig, importVideoSet, safeId, type DocumentFormat } from './video-gen/index.ts';
import { isRecord, type Data } from './video-gen/fields.ts';

/**
 * .yaml/.yml/.json sources: canonical specs and sets (through spec-file.ts), template instances
 * (`template` + `variables`), and video_gen's dialects, told apart by explicit markers (video-gen/detect.ts).
 */
export interface YamlSourceOptions extends SourceOptions {
  /** Values for a template file loaded directly (a video_gen `${…}` template or one of ours). */
  variables?: Variables;
}

export type YamlSourceResult = SourceResult & { format: DocumentFormat };

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VideogenError('SOURCE_UNREADABLE', code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
}

const slug = (title: unknown) => safeId(String(title ?? 'video').toLowerCase());

/** Template files are ours (`variables` + `body`) or video_gen's (`${name}` placeholders). */
async function templateFrom(ref: string, baseDir: string): Promise<Template> {
  const isFile = /[/\\]/.test(ref) || extname(ref) !== '';
  if (!isFile) return loadTemplate(ref, baseDir);
  const path = isAbsolute(ref) ? ref : resolve(baseDir, ref);
  const text = await readText(path);
  const data = parseSpecText(text, basename(path)).data;
  if (isRecord(data) && 'body' in data && 'variables' in data) return { ...parseTemplate(text, basename(path)), file: path };
  if (isRecord(data) && detectFormat(data, text) === 'videogen-template') return fromVideoGenTemplate(data, basename(path));
  throw new VideogenError('SPEC_INVALID', `${ref} is not a template (expected \`variables\` and \`body\`, or a video_gen template with \${name} placeholders)`);
}

/** A template's result, with the instance's own top-level fields (id, theme, voice…) over it and an id from the title. */
async function fromTemplate(template: Template, variables: Variables, extra: Data, file: string, options: YamlSourceOptions, depth: number): Promise<YamlSourceResult> {
  const body = { ...instantiate(template, variables), ...extra };
  const format = detectFormat(body, JSON.stringify(body));
  if (format === 'canonical' && !('id' in body) && !('video_id' in body)) body.id = slug(body.title);
  return fromDocument(body, format, file, options, depth + 1);
}

async function fromDocument(doc: unknown, format: DocumentFormat, file: string, options: YamlSourceOptions, depth: number): Promise<YamlSourceResult> {
  const label = basename(file);
  if (depth > 3) throw new VideogenError('SPEC_INVALID', `${label}: templates nest too deeply`);
  const data = doc as Data;
  switch (format) {
    case 'videogen-pipeline':
    case 'videogen-legacy': {
      const { spec, warnings } = convertVideo(data, { dialect: format === 'videogen-pipeline' ? 'pipeline' : 'legacy', label });
      return { kind: 'video', spec, warnings, format };
    }
    case 'videogen-set-config': {
      const set = await importSetConfig(data, file);
      return { kind: 'set', ...set, format };
    }
    case 'videogen-video-set':
      return { kind: 'set', ...importVideoSet(data, file), format };
    case 'videogen-template': {
      if (!options.variables) {
        const template = fromVideoGenTemplate(data, label);
        const required = Object.entries(template.variables).filter(([, v]) => v.default === undefined).map(([name]) => name);
        throw new VideogenError('SPEC_INVALID', `${label} is a video_gen template; give its variables in a file with \`template: ${label}\` and \`variables:\``, {
          problems: required.map((name) => ({ path: `variables.${name}`, message: 'required' })),
        });
      }
      return fromTemplate(fromVideoGenTemplate(data, label), options.variables, {}, file, { ...options, variables: undefined }, depth);
    }
    case 'template-instance': {
      const { template: ref, variables, ...extra } = data;
      return fromTemplate(await templateFrom(String(ref), dirname(file)), variables as Variables, extra, file, options, depth);
    }
    case 'canonical':
    case 'canonical-set':
      return fromCanonical(doc, file, format);
  }
}

async function fromCanonical(doc: unknown, file: string, format: DocumentFormat): Promise<YamlSourceResult> {
  // The file itself goes through spec-file.ts, so problems carry source lines; documents made from templates are
  // validated the same way, without lines.
  const result: SpecFileResult =
    doc === undefined ? await loadSpecFile(file) : format === 'canonical-set' ? asFileResult(validateSet(doc), (set) => ({ ok: true, kind: 'set', set })) : asFileResult(validateSpec(doc), (spec) => ({ ok: true, kind: 'video', spec }));
  if (!result.ok) throw new VideogenError('SPEC_INVALID', `${basename(file)} has ${result.problems.length} problem(s)`, { problems: result.problems });
  if (result.kind === 'video') return { kind: 'video', spec: result.spec, warnings: [], format: 'canonical' };
  const set = await resolveSet(result.set, file);
  return { kind: 'set', ...set, format: 'canonical-set' };
}

function asFileResult<T>(r: ValidationResult<T>, ok: (value: T) => SpecFileResult): SpecFileResult {
  return r.ok ? ok(r.value) : { ok: false, problems: r.problems };
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

export async function loadYamlSource(path: string, options: YamlSourceOptions = {}): Promise<YamlSourceResult> {
  const text = await readText(path);
  const parsed = parseSpecText(text, basename(path));
  const format = detectFormat(parsed.data, text);
  // Canonical files are re-read by spec-file.ts for line numbers; every other format converts the parsed data.
  const result = await fromDocument(format === 'canonical' || format === 'canonical-set' ? undefined : parsed.data, format, resolve(path), options, 0);
  if (result.kind === 'video') return { ...result, spec: applyOptions(result.spec, options) };
  return { ...result, specs: result.specs.map((s) => applyOptions(s, options)) };
}

export const yamlAdapter: SourceAdapter = {
  id: 'yaml',
  detect: (input) => !/^[a-z]+:\/\//i.test(input) && /\.(ya?ml|json)$/i.test(input),
  load: async (input, options) => {
    const { format: _format, ...result } = await loadYamlSource(input, options);
    return result;
  },
};
