import { VideogenError } from '../errors.ts';
import { isSetDocument, parseSpecText, pathSegments, safeToShow, validateSet, validateSpec, type SpecProblem, type VideoSet, type VideoSpec } from '../spec/index.ts';
import { readSpecFile } from './document/read.ts';
import { loadYamlSource } from './yaml.ts';

export type SpecFileResult =
  | { ok: true; kind: 'video'; spec: VideoSpec }
  | { ok: true; kind: 'set'; set: VideoSet }
  | { ok: false; problems: SpecProblem[] };

/**
 * Reads a canonical YAML/JSON spec or set and validates it without resolving anything it names; problems carry the
 * source line of the field they name. Commands use `loadYamlSource` (sources/yaml.ts) instead, which also loads
 * template instances and video_gen files and confines the paths they name.
 */
export async function loadSpecFile(path: string): Promise<SpecFileResult> {
  const parsed = parseSpecText(await readSpecFile(path), path);
  const withLines = (problems: SpecProblem[]) =>
    problems.map((p) => {
      const line = parsed.lineOf(pathSegments(p.path));
      return line ? { ...p, line } : p;
    });
  if (isSetDocument(parsed.data)) {
    const result = validateSet(parsed.data);
    return result.ok ? { ok: true, kind: 'set', set: result.value } : { ok: false, problems: withLines(result.problems) };
  }
  const result = validateSpec(parsed.data);
  return result.ok ? { ok: true, kind: 'video', spec: result.value } : { ok: false, problems: withLines(result.problems) };
}

/**
 * One video from a spec file (canonical, template instance or video_gen), through the same loader as `create` and
 * `validate`; throws SPEC_INVALID with every problem, or USAGE for a set.
 */
export async function loadVideoSpec(path: string): Promise<VideoSpec> {
  const result = await loadYamlSource(path);
  if (result.kind !== 'video') throw new VideogenError('USAGE', `${safeToShow(path)} is a video set; this command takes one video spec (render each video of the set, or use create)`);
  return result.spec;
}
