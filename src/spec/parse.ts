import { CST, Composer, LineCounter, Lexer, Parser, YAMLParseError, isNode, type Document } from 'yaml';
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
 * flow mapping aborts the whole process in V8's regexp compiler). So nesting is measured before composing, without
 * recursion: the lexer's flow brackets stop a `[[[[…` bomb after MAX_DEPTH tokens (skipped when the text has too
 * few brackets to nest that deep), and the concrete syntax tree (built iteratively by yaml's Parser) is walked with
 * an explicit stack for block nesting (`- - - - x`, indentation). The same tokens are then composed, parsed once.
 */
function checkFlowDepth(source: string, label: string): void {
  let brackets = 0;
  for (let i = 0; i < source.length && brackets <= MAX_DEPTH; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) brackets++;
  }
  if (brackets <= MAX_DEPTH) return;
  let flow = 0;
  for (const token of new Lexer().lex(source)) {
    const type = CST.tokenType(token);
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (++flow > MAX_DEPTH) throw depthError(label);
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') flow = Math.max(0, flow - 1);
  }
}

function checkTreeDepth(tokens: readonly CST.Token[], label: string): void {
  const stack: { token: unknown; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
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

/** yaml's parseDocument, split so the depth checks run between parsing and composing. */
function composeDocument(source: string, label: string, lineCounter: LineCounter): Document {
  checkFlowDepth(source, label);
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(source));
  checkTreeDepth(tokens, label);
  let doc: Document | undefined;
  for (const next of new Composer({ uniqueKeys: true, logLevel: 'error' }).compose(tokens, true, source.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'the file holds several YAML documents (--- separators); keep one'));
      break;
    }
  }
  return doc!;
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
  const lineCounter = new LineCounter();
  let doc: Document;
  let data: unknown;
  try {
    doc = composeDocument(source, shown, lineCounter);
    if (doc.errors.length > 0) {
      const problems: SpecProblem[] = doc.errors.map((e) => {
        const line = e.pos[0] >= 0 ? lineCounter.linePos(e.pos[0]).line : undefined;
        return { path: '', message: safeToShow(e.message.split('\n')[0] ?? e.message, 300), ...(line ? { line } : {}) };
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
