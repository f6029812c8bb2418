import { CST, LineCounter, Lexer, Parser, isNode, parseDocument, type Document } from 'yaml';
import { VideogenError } from '../errors.ts';
import { SPEC_LIMITS, checkSpecLimits, limitExceeded, utf8Length } from './limits.ts';
import type { SpecProblem } from './problems.ts';
import { safeToShow } from './safe-text.ts';

export interface ParsedText {
  data: unknown;
  /** 1-based line of the value at a path like ['scenes', 3, 'items'], when known. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

const MAX_DEPTH = SPEC_LIMITS['spec.depth'];

const depthError = (label: string) => limitExceeded('spec.depth', `${label} nests more than ${MAX_DEPTH} levels deep; a spec needs fewer than 10`);

/**
 * yaml's composer recurses once per nesting level, and on some deep inputs it does not fail cleanly (a 5,000-deep
 * flow mapping aborts the whole process in V8's regexp compiler). So nesting is measured first without recursion:
 * the lexer's flow brackets stop a `[[[[…` bomb after MAX_DEPTH tokens, and the parser's concrete syntax tree (built
 * iteratively) is walked with an explicit stack for block nesting (`- - - - x`, indentation).
 */
function checkTextDepth(source: string, label: string): void {
  let flow = 0;
  for (const token of new Lexer().lex(source)) {
    const type = CST.tokenType(token);
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (++flow > MAX_DEPTH) throw depthError(label);
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') flow = Math.max(0, flow - 1);
  }
  const stack: { token: unknown; depth: number }[] = [];
  for (const token of new Parser().parse(source)) stack.push({ token, depth: 0 });
  while (stack.length) {
    const { token, depth } = stack.pop()!;
    if (!token || typeof token !== 'object') continue;
    const t = token as { type?: string; value?: unknown; items?: { key?: unknown; value?: unknown }[] };
    const collection = t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection';
    const inner = collection ? depth + 1 : depth;
    if (inner > MAX_DEPTH) throw depthError(label);
    if (t.type === 'document' && t.value) stack.push({ token: t.value, depth: inner });
    for (const item of t.items ?? []) {
      if (item.key) stack.push({ token: item.key, depth: inner });
      if (item.value) stack.push({ token: item.value, depth: inner });
    }
  }
}

/**
 * Parses YAML or JSON (JSON is YAML) and keeps a way back from a data path to its source line, so validation messages
 * can say "line 42". Syntax errors become SPEC_UNREADABLE with the line and column; input over a safety limit (size,
 * nesting, alias expansion, list lengths, text length; src/spec/limits.ts) becomes LIMIT_EXCEEDED naming the limit.
 */
export function parseSpecText(source: string, label = 'spec'): ParsedText {
  const shown = safeToShow(label);
  const bytes = source.length > SPEC_LIMITS['spec.bytes'] ? source.length : utf8Length(source);
  if (bytes > SPEC_LIMITS['spec.bytes']) throw limitExceeded('spec.bytes', `${shown} is ${bytes} bytes; a spec may be at most ${SPEC_LIMITS['spec.bytes']} bytes (split it into several files)`);
  checkTextDepth(source, shown);
  const lineCounter = new LineCounter();
  let doc: Document;
  let data: unknown;
  try {
    doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const problems: SpecProblem[] = doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
        return { path: '', message: safeToShow(first, 300), ...(pos ? { line: pos.line } : {}) };
      });
      throw new VideogenError('SPEC_UNREADABLE', `${shown} is not valid YAML/JSON: ${problems[0]?.message}${problems[0]?.line ? ` (line ${problems[0].line})` : ''}`, { problems });
    }
    data = doc.toJS({ maxAliasCount: SPEC_LIMITS['spec.aliases'] });
  } catch (error) {
    if (error instanceof VideogenError) throw error;
    // yaml throws a ReferenceError when aliases expand past maxAliasCount (a "billion laughs" document).
    if (error instanceof ReferenceError && /alias/i.test(error.message)) throw limitExceeded('spec.aliases', `${shown} expands YAML aliases (*name) too often; at most ${SPEC_LIMITS['spec.aliases']} alias expansions are allowed (write the values out or use fewer anchors)`);
    if (error instanceof RangeError) throw depthError(shown);
    throw new VideogenError('SPEC_UNREADABLE', `${shown} is not valid YAML/JSON: ${safeToShow((error as Error).message, 200)}`, undefined, { cause: error });
  }
  checkSpecLimits(data);
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
