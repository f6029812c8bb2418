import { readFile } from 'node:fs/promises';
import { VideogenError } from '../errors.ts';
import { isSetDocument, parseSpecText, pathSegments, validateSet, validateSpec, type SpecProblem, type VideoSet, type VideoSpec } from '../spec/index.ts';

export type SpecFileResult =
  | { ok: true; kind: 'video'; spec: VideoSpec }
  | { ok: true; kind: 'set'; set: VideoSet }
  | { ok: false; problems: SpecProblem[] };

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VideogenError('SPEC_UNREADABLE', code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
}

/** Reads a YAML/JSON spec or set and validates it; problems carry the source line of the field they name. */
export async function loadSpecFile(path: string): Promise<SpecFileResult> {
  const parsed = parseSpecText(await readText(path), path);
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

/** Loads a single-video spec or throws SPEC_INVALID with every problem listed. */
export async function loadVideoSpec(path: string): Promise<VideoSpec> {
  const result = await loadSpecFile(path);
  if (!result.ok) throw new VideogenError('SPEC_INVALID', `${path} has ${result.problems.length} problem(s)`, { problems: result.problems });
  if (result.kind !== 'video') throw new VideogenError('USAGE', `${path} is a video set; this command takes one video spec`);
  return result.spec;
}
