import { tokenizeCode, type CodeToken } from './code-tokens.ts';

/**
 * What a piece of code is made of, as a listener would want it named: the modules it loads, the objects it creates,
 * the functions, classes and methods it defines (with the calls inside each), the events it listens for and the calls
 * its top level makes. Read from the tokens of writing/code-tokens.ts; no parser, so it works on README fragments
 * that would not compile.
 */

export interface CodeFacts {
  imports: string[];
  /** Classes whose instances are created, in order, with how many. */
  instances: [string, number][];
  definitions: Definition[];
  /** Events listened for with on/once/addEventListener. */
  events: string[];
  /** Receiver → methods called at the top level ("" for plain function calls), in order. */
  calls: Map<string, string[]>;
  prints: boolean;
  comments: { text: string; line: number }[];
  /** Top-level keys of a configuration file (JSON, YAML, TOML). */
  keys: string[];
  /** Results of verb-named calls kept in a variable: `const worker = createWorker(…)` → "creates a worker". */
  made: string[];
  /** Names declared through option/argument/command calls (CLI builders): "--pizza-type" → "pizza-type". */
  declared: { options: string[]; commands: string[]; arguments: string[] };
}

interface Definition {
  kind: 'function' | 'class' | 'method';
  name: string;
  async: boolean;
  calls: string[];
  start: number;
  end: number;
}

export const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

const KEYWORDS = new Set('if for while switch catch return typeof function def fn func class new await async yield else do try with elif match case sizeof super this self import require from export default const let var in of delete void instanceof assert print println'.split(' '));
/** Plumbing every example calls; naming it tells a listener nothing. */
const QUIET_RECEIVERS = new Set(['this', 'self', 'console', 'Math', 'JSON', 'Object', 'Array', 'String', 'Number', 'Promise', 'Date', 'process', 'fmt', 'System', 'log', 'logger', 'std', 'Buffer', 'Symbol', 'Reflect', 'window', 'document', 'module', 'exports']);
const QUIET_METHODS = new Set(['then', 'catch', 'finally', 'forEach', 'map', 'filter', 'reduce', 'push', 'log', 'toString', 'require', 'setInterval', 'setTimeout', 'length', 'slice', 'join', 'split', 'keys', 'values', 'entries', 'bind', 'apply', 'call', 'resolve', 'reject', 'on', 'once', 'addEventListener', 'addListener', 'expect', 'describe', 'it', 'test', 'suite', 'xit', 'xdescribe', 'fit', 'fdescribe', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'before', 'after', 'time', 'timeEnd', 'toBe', 'toEqual', 'toStrictEqual', 'toThrow', 'toMatch', 'toHaveBeenCalled', 'ok', 'equal', 'deepEqual', 'strictEqual', 'deepStrictEqual', 'len', 'range', 'str', 'int', 'print', 'println', 'printf', 'Println', 'Printf', 'unwrap', 'clone', 'to_string', 'into', 'iter']);
const PRINTERS = /^(?:console\.(?:log|info|error|warn)|print|println|printf|fmt\.Print\w*|System\.out\.print\w*|puts|echo)$/;
export const CONFIG = /^(?:json|jsonc|json5|ya?ml|toml|ini|env|properties)$/i;
/** Blocks of program output or plain text: "failed after 1 tests (seed: …)" has words before parentheses, not calls. */
export const PLAIN = /^(?:text|txt|plain|plaintext|output|log|logs|console-output|none|nohighlight)$/i;

function matching(tokens: readonly CodeToken[], open: number): number {
  const depth = tokens[open]!.depth;
  for (let j = open + 1; j < tokens.length; j++) if (tokens[j]!.kind === 'punct' && ')]}'.includes(tokens[j]!.text) && tokens[j]!.depth === depth) return j;
  return tokens.length - 1;
}

/** The receiver at the start of a call chain: `program.option(…).parse()` → "program". */
function receiverOf(tokens: readonly CodeToken[], dot: number): string {
  let j = dot - 1;
  for (let guard = 0; j >= 0 && guard < 50; guard++) {
    const t = tokens[j]!;
    if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) {
      let k = j - 1;
      while (k >= 0 && !(tokens[k]!.depth === t.depth && '(['.includes(tokens[k]!.text) && tokens[k]!.kind === 'punct')) k--;
      j = k - 1;
      continue;
    }
    if (t.kind === 'ident') {
      if (tokens[j - 1]?.text === '.' || tokens[j - 1]?.text === '?.') {
        j -= 2;
        continue;
      }
      return t.text;
    }
    break;
  }
  return '';
}

function moduleName(spec: string): string | undefined {
  if (/^\.{0,2}\//.test(spec)) return undefined; // a local file, not something a listener would recognise
  return spec.replace(/^node:/, '');
}

function configKeys(code: string, language: string, tokens: readonly CodeToken[]): string[] {
  if (/^ya?ml$/i.test(language)) return [...code.matchAll(/^([A-Za-z_][\w-]*)\s*:/gm)].map((m) => m[1]!);
  if (/^(?:toml|ini|env|properties)$/i.test(language)) return [...code.matchAll(/^\s*(?:\[([\w.-]+)\]|([A-Za-z_][\w.-]*)\s*=)/gm)].map((m) => (m[1] ?? m[2])!);
  return tokens.filter((t, i) => t.kind === 'string' && t.depth === 1 && tokens[i + 1]?.text === ':').map((t) => t.text);
}

const VERBS = new Set('add apply build call check close compute configure connect convert create define delete destroy disable emit enable enqueue exec export fetch filter find flush format generate get handle import init initialize insert install listen load log make map open parse print process publish query read register remove render run save schedule send serve set sort spawn start stop subscribe transform update use validate watch wrap write'.split(' '));
export const thirdPerson = (verb: string) => (/(?:s|x|z|ch|sh)$/.test(verb) ? `${verb}es` : /[^aeiou]y$/.test(verb) ? `${verb.slice(0, -1)}ies` : `${verb}s`);
const camelWords = (name: string) => name.replace(/([a-z\d])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_]+/).filter(Boolean);

/** `createWorker` kept in `worker` → "creates a worker"; `defineJob` kept in `sendWelcomeEmail` → "defines the sendWelcomeEmail job". */
function madeBy(callee: string, variable: string): string | undefined {
  const [verb = '', ...noun] = camelWords(callee);
  if (!VERBS.has(verb) || !noun.length) return undefined;
  const thing = noun.join(' ');
  const own = camelWords(variable).join(' ');
  return own === thing || own.endsWith(` ${thing}`) || thing.endsWith(own) ? `${thirdPerson(verb)} ${article(thing)} ${thing}` : `${thirdPerson(verb)} the ${variable} ${thing}`;
}

/**
 * For each token, whether it sits at statement level: at the top, or directly inside a block ("{" after ")", "=>",
 * "else", …) such as a callback's body. Calls inside arguments or object literals (`payload: z.object(…)`) are detail.
 */
function statementLevel(tokens: readonly CodeToken[]): boolean[] {
  const stack: boolean[] = [];
  return tokens.map((t, i) => {
    const here = stack.length === 0 || stack.at(-1)!;
    if (t.kind === 'punct' && '([{'.includes(t.text)) {
      const before = tokens[i - 1]?.text ?? '';
      stack.push(t.text === '{' && /^(?:\)|=>|else|try|do|finally|;|\{|\}|:)$/.test(before) && !(before === ':' && tokens[i - 2]?.kind === 'ident'));
    } else if (t.kind === 'punct' && ')]}'.includes(t.text)) stack.pop();
    return here;
  });
}

/** Lifecycle calls read as what they do: `worker.start()` → "starts worker". */
export const LIFECYCLE = new Set(['start', 'stop', 'close', 'connect', 'disconnect', 'listen', 'quit', 'destroy', 'parse']);

export function codeFacts(code: string, language = ''): CodeFacts {
  const { tokens, comments } = tokenizeCode(code, language);
  const facts: CodeFacts = { imports: [], instances: [], definitions: [], events: [], calls: new Map(), prints: false, comments, keys: [], made: [], declared: { options: [], commands: [], arguments: [] } };
  if (CONFIG.test(language)) {
    facts.keys = [...new Set(configKeys(code, language, tokens))];
    return facts;
  }
  if (PLAIN.test(language)) return { ...facts, comments: [] };
  const addImport = (m: string | undefined) => m && !facts.imports.includes(m) && facts.imports.push(m);
  const instance = (name: string) => {
    const found = facts.instances.find(([n]) => n === name);
    if (found) found[1]++;
    else facts.instances.push([name, 1]);
  };
  const enclosing = statementLevel(tokens);
  const lines = code.split('\n');
  const indent = (line: number) => /^\s*/.exec(lines[line] ?? '')![0].length;
  const blockEnd = (from: number, line: number): number => {
    // Brace languages: the matching "}" of the first "{" after the signature; otherwise the indented block (Python).
    const depth = tokens[from]?.depth ?? 0;
    for (let j = from; j < tokens.length && tokens[j]!.line <= line + 3; j++) {
      // `const f = (x) => x + 1;` ends at its ";" — the next statement's "{" is not its body.
      if (tokens[j]!.text === ';' && tokens[j]!.depth <= depth) return tokens[j]!.line;
      if (tokens[j]!.line > line && tokens[j]!.depth <= depth && tokens[j - 1]?.line === line && !/[,({[=>+\-*/&|?:]$/.test(tokens[j - 1]!.text)) return line;
      if (tokens[j]!.text === '{' && tokens[j]!.kind === 'punct') return tokens[matching(tokens, j)]!.line;
      if (tokens[j]!.text === ':' && tokens[j]!.line === line && /^(?:py|python)$/i.test(language)) break;
    }
    let end = line;
    for (let l = line + 1; l < lines.length; l++) {
      if (!lines[l]!.trim()) continue;
      if (indent(l) <= indent(line)) break;
      end = l;
    }
    return end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    if (t.kind !== 'ident') continue;
    if (t.text === 'import' && prev?.text !== '.') {
      if (/^(?:py|python)$/i.test(language)) {
        // `import requests`; the names after `from bs4 import …` belong to the module already counted.
        if (next?.kind === 'ident' && !tokens.slice(Math.max(0, i - 4), i).some((x) => x.text === 'from' && x.line === t.line)) addImport(next.text);
        continue;
      }
      if (next?.text === '(') {
        // Go: import ( "fmt" "net/http" )
        for (let j = i + 2; j < matching(tokens, i + 1); j++) if (tokens[j]!.kind === 'string') addImport(moduleName(tokens[j]!.text));
        continue;
      }
      const stop = tokens.findIndex((x, j) => j > i && (x.kind === 'string' || x.text === ';' || x.line > t.line + 4));
      const spec = stop > 0 && tokens[stop]!.kind === 'string' ? tokens[stop]!.text : undefined;
      addImport(spec ? moduleName(spec) : undefined);
      continue;
    }
    if (t.text === 'use' && /^(?:rs|rust)$/i.test(language) && t.depth === 0) {
      // Rust: `use std::collections::HashMap;` loads HashMap; `use serde::Serialize;` loads serde.
      const path: string[] = [];
      for (let j = i + 1; j < tokens.length && tokens[j]!.text !== ';'; j++) if (tokens[j]!.kind === 'ident') path.push(tokens[j]!.text);
      addImport(path[0] === 'std' || path[0] === 'crate' ? path.at(-1) : path[0]);
      continue;
    }
    if (t.text === 'from' && /^(?:py|python)$/i.test(language) && next?.kind === 'ident' && t.depth === 0) addImport(next.text);
    if (t.text === 'require' && next?.text === '(' && tokens[i + 2]?.kind === 'string') addImport(moduleName(tokens[i + 2]!.text));
    if (t.text === 'new' && next?.kind === 'ident') {
      // new Redis.Cluster(…) creates a Cluster.
      let k = i + 1;
      while (tokens[k + 1]?.text === '.' && tokens[k + 2]?.kind === 'ident') k += 2;
      instance(tokens[k]!.text);
      i = k;
      continue;
    }
    const isAsync = prev?.text === 'async' || tokens[i - 2]?.text === 'async';
    if ((t.text === 'function' || t.text === 'def' || t.text === 'fn' || t.text === 'func') && prev?.text !== '.') {
      let k = i + 1;
      if (tokens[k]?.text === '*') k++;
      if (tokens[k]?.text === '(' && t.text === 'func') k = matching(tokens, k) + 1; // Go method receiver
      const name = tokens[k];
      if (name?.kind === 'ident') facts.definitions.push({ kind: 'function', name: name.text, async: isAsync, calls: [], start: t.line, end: blockEnd(k, t.line) });
      continue;
    }
    if (t.text === 'class' && next?.kind === 'ident') {
      facts.definitions.push({ kind: 'class', name: next.text, async: false, calls: [], start: t.line, end: blockEnd(i + 1, t.line) });
      continue;
    }
    // const name = (…) => …, const name = async x => …, const name = function (…)
    if ((t.text === 'const' || t.text === 'let' || t.text === 'var') && next?.kind === 'ident' && tokens[i + 2]?.text === '=') {
      const rest = tokens.slice(i + 3).filter((x) => x.line === t.line);
      if (rest.some((x) => x.text === '=>') || rest[0]?.text === 'function' || (rest[0]?.text === 'async' && rest.length > 1)) {
        facts.definitions.push({ kind: 'function', name: next.text, async: rest[0]?.text === 'async', calls: [], start: t.line, end: blockEnd(i + 3, t.line) });
        continue;
      }
      const k = tokens[i + 3]?.text === 'await' ? i + 4 : i + 3;
      const made = t.depth === 0 && tokens[k]?.kind === 'ident' && tokens[k + 1]?.text === '(' ? madeBy(tokens[k]!.text, next.text) : undefined;
      if (made) {
        facts.made.push(made);
        i = k;
      }
      continue;
    }
    // Method shorthand in an object or class: `async handle(payload, ctx) { … }`.
    if (next?.text === '(' && t.depth > 0 && !KEYWORDS.has(t.text) && prev?.text !== '.' && (prev?.text === 'async' || prev?.text === ',' || prev?.text === '{' || prev?.text === '}' || prev?.text === ';')) {
      const close = matching(tokens, i + 1);
      if (tokens[close + 1]?.text === '{') {
        facts.definitions.push({ kind: 'method', name: t.text, async: prev?.text === 'async', calls: [], start: t.line, end: tokens[matching(tokens, close + 1)]!.line });
        i = close;
        continue;
      }
    }
    if (next?.text !== '(' || KEYWORDS.has(t.text) || /^(?:function|def|fn|func|class)$/.test(prev?.text ?? '') || prev?.text === '*' || (prev?.text === ')' && tokens[i - 2] && facts.definitions.at(-1)?.start === t.line)) continue;
    // Python builds objects by calling the class: `BeautifulSoup(html)` creates one.
    if (/^(?:py|python)$/i.test(language) && prev?.text !== '.' && /^[A-Z][a-z]/.test(t.text) && !facts.definitions.some((d) => d.kind !== 'class' && t.line > d.start && t.line <= d.end)) {
      instance(t.text);
      continue;
    }
    const dotted = prev?.text === '.' || prev?.text === '?.';
    const receiver = dotted ? receiverOf(tokens, i - 1) : '';
    const full = dotted ? `${tokens[i - 2]?.kind === 'ident' ? tokens[i - 2]!.text : receiver}.${t.text}` : t.text;
    if (PRINTERS.test(full) || PRINTERS.test(t.text)) {
      facts.prints = true;
      continue;
    }
    if (/^(?:on|once|addEventListener|addListener)$/.test(t.text) && tokens[i + 2]?.kind === 'string') {
      const event = tokens[i + 2]!.text;
      if (!facts.events.includes(event)) facts.events.push(event);
      continue;
    }
    const firstArg = tokens[i + 2]?.kind === 'string' ? tokens[i + 2]!.text : undefined;
    if (firstArg && /option/i.test(t.text) && /--(?:no-)?([a-z][\w-]*)/i.test(firstArg)) {
      const flag = /--(?:no-)?([a-z][\w-]*)/i.exec(firstArg)![1]!;
      if (!facts.declared.options.includes(flag)) facts.declared.options.push(flag);
      continue;
    }
    if (firstArg && /^(?:command|argument|addArgument|addCommand)$/.test(t.text) && /^[<[]?[a-z][\w-]*/i.test(firstArg)) {
      const name = /^[<[]?([a-z][\w-]*)/i.exec(firstArg)![1]!;
      const list = /command/i.test(t.text) ? facts.declared.commands : facts.declared.arguments;
      if (!list.includes(name)) list.push(name);
      continue;
    }
    const owner = facts.definitions.filter((d) => d.kind !== 'class' && t.line >= d.start && t.line <= d.end).at(-1);
    if (owner) {
      if (!QUIET_METHODS.has(t.text) && !QUIET_RECEIVERS.has(receiver) && !owner.calls.includes(t.text)) owner.calls.push(t.text);
      continue;
    }
    // Calls nested in arguments and callbacks are detail; the statements at the top level say what the code does.
    if (!enclosing[i] || QUIET_METHODS.has(t.text) || QUIET_RECEIVERS.has(receiver) || facts.definitions.some((d) => d.kind === 'class' && t.line > d.start && t.line <= d.end)) continue;
    const list = facts.calls.get(receiver) ?? [];
    // `redis.pipeline().set(…).exec()` runs the chain, not the receiver: only a direct call is a lifecycle verb.
    const direct = tokens[i - 2]?.text === receiver && tokens[i - 3]?.text !== '.';
    const entry = LIFECYCLE.has(t.text) && !direct ? `${t.text}()` : t.text;
    if (!list.includes(entry)) list.push(entry);
    facts.calls.set(receiver, list);
  }
  return facts;
}

