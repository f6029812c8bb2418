/**
 * Plain text → Markdown, line for line (so citations keep the file's line numbers): the first line is the title,
 * short isolated lines are headings, "•" bullets become "-", and "$ " command runs become indented code.
 */
export function textToMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blank = (i: number) => i < 0 || i >= lines.length || !lines[i]!.trim();
  const firstLine = lines.findIndex((l) => l.trim());
  let inCommands = false;
  return lines
    .map((line, i) => {
      const t = line.trim();
      if (!t) {
        inCommands = false;
        return '';
      }
      if (i === firstLine) return `# ${t}`;
      if (/^\$\s/.test(t) && blank(i - 1)) inCommands = true;
      if (inCommands) return `    ${t}`;
      if (/^[•·▪◦‣]\s*/.test(t)) return `- ${t.replace(/^[•·▪◦‣]\s*/, '')}`;
      const isolated = blank(i - 1) && blank(i + 1);
      const headingLike = t.length <= 70 && !/[.,;!?:]$/.test(t) && !/^[-*+>]\s|^\d+[.)]\s+\S.*[.!?]$/.test(t) && /[A-Za-z]/.test(t);
      const nextIsUnderline = /^[=-]{3,}$/.test(lines[i + 1]?.trim() ?? '');
      if (isolated && headingLike && !nextIsUnderline) return `## ${t}`;
      return line;
    })
    .join('\n');
}
