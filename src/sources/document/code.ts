import { codeFacts } from '../../writing/code-facts.ts';
import { tokenizeCode } from '../../writing/code-tokens.ts';
import type { DocBlock } from './model.ts';

/** Code blocks: telling terminal sessions from source code, and shaping each for its scene. */

const SHELL = new Set(['sh', 'bash', 'shell', 'console', 'zsh', 'fish', 'shellsession', 'shell-session', 'terminal', 'cmd', 'powershell', 'ps1', 'pwsh', 'bat']);
const MAX_CODE_LINES = 18;

/** A shell-language block, or an unlabelled block that starts with a "$" prompt. */
export function isShell(block: Extract<DocBlock, { type: 'code' }>): boolean {
  if (block.language) return SHELL.has(block.language);
  const first = block.code.split('\n').find((l) => l.trim());
  return first !== undefined && /^\s*\$\s/.test(first);
}

/**
 * Terminal lines for a `command` scene: with prompts in the source, prompted lines are commands ("$ …") and the rest
 * output ("→ …"); without prompts every line is a command. Comments stay comments; "\" continuations are joined.
 */
export function commandLines(code: string): string[] {
  const raw: string[] = [];
  for (const line of code.split('\n')) {
    const prev = raw.at(-1);
    if (prev !== undefined && /\\\s*$/.test(prev)) raw[raw.length - 1] = `${prev.replace(/\\\s*$/, '').trimEnd()} ${line.trim()}`;
    else raw.push(line);
  }
  const lines = raw.map((l) => l.trimEnd()).filter((l) => l.trim() && !/^#!/.test(l.trim()));
  const prompted = lines.some((l) => /^\s*[$%>]\s/.test(l));
  return lines.map((line) => {
    const t = line.trim();
    if (/^#/.test(t)) return t.replace(/^#+\s*/, '# ');
    if (prompted) return /^[$%>]\s/.test(t) ? `$ ${t.slice(2).trim()}` : `→ ${t}`;
    return `$ ${t}`;
  });
}

export interface CodePart {
  code: string;
  /** The first function or class defined in this part, for its title ("listenForMessage"). */
  name?: string;
}

/** How many parts one block may fill; the rest is marked as left out rather than silently cut. */
const MAX_PARTS = 4;
const COMMENT: [RegExp, string][] = [
  [/^(?:py|python|rb|ruby|sh|bash|shell|zsh|console|yaml|yml|toml|r|perl|pl|dockerfile|makefile|conf|ini|ps1|powershell)$/i, '#'],
  [/^(?:sql|lua|haskell|hs)$/i, '--'],
  [/^(?:html|xml|svg|vue|markdown|md)$/i, '<!--'],
];
const commentPrefix = (language: string) => COMMENT.find(([re]) => re.test(language))?.[1] ?? '//';

/** Bracket depth at the start of each line (0 = top level), from the tokenizer so strings and comments do not count. */
function lineDepths(code: string, language: string): number[] {
  const lines = code.split('\n');
  const { tokens } = tokenizeCode(code, language);
  const depths: number[] = Array.from({ length: lines.length }, () => -1);
  for (const t of tokens) if (depths[t.line] === -1) depths[t.line] = t.depth;
  // Lines with no token (blank, comment-only) take the depth left by the previous line's last token.
  let carry = 0;
  for (let l = 0; l < lines.length; l++) {
    if (depths[l] === -1) depths[l] = carry;
    const last = tokens.filter((t) => t.line === l).at(-1);
    if (last) carry = last.depth + ('([{'.includes(last.text) && last.kind === 'punct' ? 1 : 0);
  }
  return depths;
}

const isIndented = (line: string) => /^\s/.test(line);
const isCloser = (line: string) => /^\s*[)\]}]/.test(line);

/** What is left after a window says nothing on its own: only closing brackets, or a few lines. */
const thinTail = (rest: readonly string[]) => {
  const kept = rest.filter((l) => l.trim());
  return kept.length > 0 && (kept.length <= 3 || kept.every((l) => /^\s*[)\]}][)\]};,\s]*$/.test(l)));
};

/**
 * The last line in (floor, end] that starts a statement at the smallest depth found there, right after a sibling
 * ended (a closing bracket, a ";" or a blank line): e.g. the second `it(…)` inside a `describe`. -1 when none.
 */
function nestedCut(lines: readonly string[], depths: readonly number[], floor: number, end: number): number {
  let best = -1;
  let bestDepth = Infinity;
  for (let l = floor + 1; l <= end && l < lines.length; l++) {
    const line = lines[l]!;
    const before = lines[l - 1]!.trim();
    if (!line.trim() || isCloser(line) || depths[l]! === 0) continue;
    if (!(before === '' || isCloser(lines[l - 1]!) || /;$/.test(before)) || depths[l - 1]! < depths[l]!) continue;
    if (depths[l]! <= bestDepth) {
      best = l;
      bestDepth = depths[l]!;
    }
  }
  return best;
}

/**
 * Long code split at top-level boundaries (between functions, classes, statements) into parts of at most
 * MAX_CODE_LINES lines, so every line is shown across consecutive scenes. A block longer than MAX_PARTS parts ends
 * with a comment saying how many lines are left out, and a warning.
 */
export function splitCode(code: string, language: string, ctx: { warnings: string[] }): CodePart[] {
  const lines = code.replace(/\s+$/, '').split('\n');
  if (lines.length <= MAX_CODE_LINES) return [{ code: lines.join('\n') }];
  const depths = lineDepths(lines.join('\n'), language);
  const indentLanguage = /^(?:py|python|yaml|yml|coffee|nim)$/i.test(language);
  const topLevel = (l: number) => lines[l]!.trim() !== '' && depths[l] === 0 && !(indentLanguage && isIndented(lines[l]!)) && !/^\s*[)\]}]/.test(lines[l]!);
  const parts: CodePart[] = [];
  let start = 0;
  while (start < lines.length && parts.length < MAX_PARTS) {
    while (start < lines.length && !lines[start]!.trim()) start++;
    if (start >= lines.length) break;
    let end = Math.min(lines.length, start + MAX_CODE_LINES);
    if (end < lines.length) {
      // Best: a top-level line after a blank one; then any top-level line; never in the first third of the window.
      const floor = start + Math.ceil(MAX_CODE_LINES / 3);
      let cut = -1;
      for (let l = end; l > floor && cut < 0; l--) if (topLevel(l) && !lines[l - 1]!.trim()) cut = l;
      for (let l = end; l > floor && cut < 0; l--) if (topLevel(l)) cut = l;
      // One wrapping block (a describe() around its tests) leaves no top-level line: rather than a last part of bare
      // closing brackets, which has nothing to say, cut between the shallowest sibling statements inside it.
      if (cut < 0 && thinTail(lines.slice(end))) cut = nestedCut(lines, depths, floor, end);
      if (cut > 0) end = cut;
    }
    const body = lines.slice(start, end).join('\n').replace(/\s+$/, '');
    const name = codeFacts(body, language).definitions[0]?.name;
    parts.push({ code: body, ...(name ? { name } : {}) });
    start = end;
  }
  const left = lines.slice(start).filter((l) => l.trim()).length;
  if (left) {
    const last = parts.at(-1)!;
    const kept = last.code.split('\n');
    // The marker takes the last line's place when the part is full, so the panel never grows past its limit.
    const full = kept.length >= MAX_CODE_LINES;
    const rest = left + (full && kept.at(-1)!.trim() ? 1 : 0);
    const prefix = commentPrefix(language);
    const marker = `${prefix} … ${rest} more ${rest === 1 ? 'line' : 'lines'} in the document${prefix === '<!--' ? ' -->' : ''}`;
    last.code = [...(full ? kept.slice(0, -1) : kept), marker].join('\n');
    ctx.warnings.push(`a ${lines.length}-line code block was shown in ${parts.length} parts; its last ${rest} lines were left out (marked in the code)`);
  }
  return parts;
}
