import { stringify } from 'yaml';
import { isVideogenError } from '../../../src/errors.ts';
import { formatProblems, parseSpecText, pathSegments, validateSpec, type SpecProblem, type VideoSpec } from '../../../src/spec/index.ts';

/**
 * The builder's draft is YAML text. Reading it goes exactly the way `videogen validate` reads a file
 * (src/sources/yaml.ts: parseSpecText, then validateSpec, then each problem gets its source line), so the problems
 * shown next to the fields are the ones the CLI would print for the same text.
 */
export interface DraftState {
  /** The parsed document, or undefined when the YAML does not parse. */
  data: Record<string, unknown> | undefined;
  /** YAML syntax errors (with lines) or limit errors: the text could not be read at all. */
  readProblems: SpecProblem[];
  /** Schema problems of a readable document. */
  problems: SpecProblem[];
  /** The normalised spec when the document is valid. */
  spec: VideoSpec | undefined;
}

export function readDraft(yaml: string): DraftState {
  let parsed: ReturnType<typeof parseSpecText>;
  try {
    parsed = parseSpecText(yaml, 'spec.yaml');
  } catch (error) {
    if (!isVideogenError(error)) throw error;
    const problems = (error.details?.problems as SpecProblem[] | undefined) ?? [{ path: '', message: error.message }];
    return { data: undefined, readProblems: problems, problems: [], spec: undefined };
  }
  const data = parsed.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { data: undefined, readProblems: [{ path: '', message: 'expected a mapping with title and scenes' }], problems: [], spec: undefined };
  }
  let result: ReturnType<typeof validateSpec>;
  try {
    result = validateSpec(data);
  } catch (error) {
    if (!isVideogenError(error)) throw error;
    return { data: data as Record<string, unknown>, readProblems: [{ path: '', message: error.message }], problems: [], spec: undefined };
  }
  if (result.ok) return { data: data as Record<string, unknown>, readProblems: [], problems: [], spec: result.value };
  const problems = result.problems.map((p) => {
    const line = parsed.lineOf(pathSegments(p.path));
    return line ? { ...p, line } : p;
  });
  return { data: data as Record<string, unknown>, readProblems: [], problems, spec: undefined };
}

/** The summary lines, word for word as `videogen validate` prints them (minus the heading and indentation). */
export function problemLines(problems: readonly SpecProblem[]): string[] {
  return formatProblems(problems).split('\n').slice(1).map((line) => line.trim());
}

/** The form's edits written back as YAML. Comments in hand-written YAML do not survive a form edit. */
export function toYaml(data: Record<string, unknown>): string {
  return stringify(data, { lineWidth: 0 });
}

/** Problems whose path is `path` or lies under it (`scenes[1].items` also owns `scenes[1].items[2]`). */
export function problemsAt(problems: readonly SpecProblem[], path: string, nested = false): SpecProblem[] {
  return problems.filter((p) => p.path === path || (nested && (p.path.startsWith(`${path}[`) || p.path.startsWith(`${path}.`))));
}
