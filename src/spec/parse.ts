import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { VideogenError } from '../errors.ts';
import type { SpecProblem } from './problems.ts';

export interface ParsedText {
  data: unknown;
  /** 1-based line of the value at a path like ['scenes', 3, 'items'], when known. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses YAML or JSON (JSON is YAML) and keeps a way back from a data path to its source line, so validation messages
 * can say "line 42". Syntax errors become SPEC_UNREADABLE with the line and column.
 */
export function parseSpecText(source: string, label = 'spec'): ParsedText {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems: SpecProblem[] = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return { path: '', message: e.message.split('\n')[0] ?? e.message, ...(pos ? { line: pos.line } : {}) };
    });
    throw new VideogenError('SPEC_UNREADABLE', `${label} is not valid YAML/JSON: ${problems[0]?.message}${problems[0]?.line ? ` (line ${problems[0].line})` : ''}`, { problems });
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  return {
    data,
    lineOf(path) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = doc.getIn(path.slice(0, depth) as unknown[], true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** Converts `scenes[3].items[1]` back into segments, to look up lines for problems. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return out;
}
