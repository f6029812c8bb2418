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

/** Long code is cut at the last blank line (or line) that fits, so the panel stays readable. */
export function trimCode(code: string, ctx: { warnings: string[] }): string {
  const lines = code.split('\n');
  if (lines.length <= MAX_CODE_LINES) return code;
  let cut = MAX_CODE_LINES;
  for (let i = MAX_CODE_LINES; i > MAX_CODE_LINES / 2; i--) {
    if (!lines[i - 1]?.trim()) {
      cut = i - 1;
      break;
    }
  }
  ctx.warnings.push(`a ${lines.length}-line code block was cut to its first ${cut} lines to fit the screen`);
  return lines.slice(0, cut).join('\n').replace(/\s+$/, '');
}
