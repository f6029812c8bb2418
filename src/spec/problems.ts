import type { z } from 'zod';
import { safeToShow } from './safe-text.ts';

/** One thing wrong with a spec, phrased for the person who wrote it. */
export interface SpecProblem {
  /** `scenes[3].items[1]` style path; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the source text, when the spec came from text. */
  line?: number;
}

export type PathSegment = string | number;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      // Keys come from the user's document: shown escaped, never raw (bidi overrides, controls).
      const key = safeToShow(String(segment), 80);
      out += out ? `.${key}` : key;
    }
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = temp;
    }
  }
  return row[b.length]!;
}

/** The closest known name, if it is close enough to be a typo. */
export function suggest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function knownKeysAt(schema: z.ZodType | undefined): string[] {
  const def = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return def ? Object.keys(def) : [];
}

type Issue = z.core.$ZodIssue;

/** Turns zod issues into messages that name the field and say how to fix it. */
export function issuesToProblems(issues: readonly Issue[], shapeAt: (path: readonly PropertyKey[]) => z.ZodType | undefined): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(shapeAt(issue.path));
      for (const key of issue.keys) {
        // Typos are short; a long key is no typo, and comparing it would cost time quadratic in its length.
        const hint = key.length <= 40 ? suggest(key, known) : undefined;
        const shown = safeToShow(key, 80);
        problems.push({
          path: formatPath([...issue.path, key]),
          message: hint ? `unknown field "${shown}"; did you mean "${hint}"?` : `unknown field "${shown}"; remove it${known.length ? ` (known fields: ${known.join(', ')})` : ''}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && (issue as { note?: string }).note === 'No matching discriminator') {
      const path = issue.path[issue.path.length - 1] === 'kind' ? issue.path : [...issue.path, 'kind'];
      problems.push({ path: formatPath(path), message: issue.message });
      continue;
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      const field = issue.path[issue.path.length - 1];
      const description = shapeAt(issue.path)?.description;
      problems.push({ path: formatPath(issue.path), message: `missing; add \`${String(field)}\`${description ? ` (${description.replace(/\.$/, '')})` : ''}` });
      continue;
    }
    problems.push({ path: formatPath(issue.path), message: issue.message });
  }
  return problems;
}

export function formatProblems(problems: readonly SpecProblem[], fileLabel?: string): string {
  const head = `${problems.length} problem${problems.length === 1 ? '' : 's'}${fileLabel ? ` in ${safeToShow(fileLabel)}` : ''}:`;
  const lines = problems.map((p) => `  ${safeToShow(p.path || '(document)', 200)}${p.line ? ` (line ${p.line})` : ''}: ${safeToShow(p.message, 400)}`);
  return [head, ...lines].join('\n');
}
