/**
 * Plain text → Markdown, with a map from each Markdown line to its text line (so citations keep the file's line
 * numbers): the first line is the title, short isolated lines are headings, "•" bullets become "-", "$ " command runs
 * become code, and an indented block right under a line of prose ("Reserved uids:" and an aligned table) becomes a
 * table when its columns are separated by "|", else code — instead of being run into the paragraph above it.
 */

const PIPE_RULE = /^[-+|=\s]+$/;

function indentedRun(lines: readonly string[], from: number): number {
  let j = from;
  while (j < lines.length && /^(?:\t| {2,})\S/.test(lines[j]!)) j++;
  return j - from;
}

/** Indented lines under "* item" or "1. item" are the item's wrapped text, not a block of their own. */
function inListItem(lines: readonly string[], i: number): boolean {
  for (let k = i - 1; k >= 0 && lines[k]!.trim(); k--) if (/^\s*(?:[-*+•·▪◦‣]|\d{1,2}[.)])\s+\S/.test(lines[k]!)) return true;
  return false;
}

export function textToMarkdown(text: string): { markdown: string; lineMap: number[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const map: number[] = [];
  const emit = (line: string, n: number) => {
    out.push(line);
    map.push(n);
  };
  const blank = (i: number) => i < 0 || i >= lines.length || !lines[i]!.trim();
  const firstLine = lines.findIndex((l) => l.trim());
  let inCommands = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trim();
    const n = i + 1;
    if (!t) {
      inCommands = false;
      emit('', n);
      continue;
    }
    if (i === firstLine) {
      emit(`# ${t}`, n);
      continue;
    }
    const run = !blank(i - 1) && !/^(?:\t| {2,})/.test(lines[i - 1]!) && !inListItem(lines, i) ? indentedRun(lines, i) : 0;
    if (run >= 2) {
      const block = lines.slice(i, i + run);
      const rows = block.filter((l) => !PIPE_RULE.test(l.trim()));
      emit('', n);
      if (rows.length >= 2 && rows.every((l) => l.includes('|'))) {
        const cells = (l: string) => `| ${l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()).join(' | ')} |`;
        block.forEach((l, k) => {
          if (k === 0) {
            emit(cells(l), n + k);
            emit(`| ${cells(l).split('|').slice(1, -1).map(() => '---').join(' | ')} |`, n + k);
          } else if (!PIPE_RULE.test(l.trim())) emit(cells(l), n + k);
        });
      } else {
        emit('```', n);
        block.forEach((l, k) => emit(l.replace(/^(?:\t| {2,4})/, ''), n + k));
        emit('```', n + run - 1);
      }
      emit('', n + run - 1);
      i += run - 1;
      continue;
    }
    if (/^\$\s/.test(t) && blank(i - 1)) inCommands = true;
    if (inCommands) {
      emit(`    ${t}`, n);
      continue;
    }
    if (/^[•·▪◦‣]\s*/.test(t)) {
      emit(`- ${t.replace(/^[•·▪◦‣]\s*/, '')}`, n);
      continue;
    }
    const isolated = blank(i - 1) && blank(i + 1);
    // "(Next allocation: 64070.)" ends a sentence inside its brackets; a line in brackets is an aside, not a heading.
    const bare = t.replace(/["'”’)\]]+$/, '');
    const headingLike = t.length <= 70 && !/[.,;!?:]$/.test(bare) && !/^[([].*[)\]]$/.test(t) && !/^[-*+>]\s|^\d+[.)]\s+\S.*[.!?]$/.test(t) && /[A-Za-z]/.test(t);
    const nextIsUnderline = /^[=-]{3,}$/.test(lines[i + 1]?.trim() ?? '');
    emit(isolated && headingLike && !nextIsUnderline ? `## ${t}` : line, n);
  }
  return { markdown: out.join('\n'), lineMap: map };
}
