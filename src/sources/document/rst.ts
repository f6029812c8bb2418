/**
 * Minimal reStructuredText → Markdown, keeping a map from each Markdown line to its RST line for citations.
 * Handles underlined (and overlined) headings, `.. code-block::`/`.. code::` and `::` literal blocks, bullet and
 * enumerated lists, and common inline markup. Other directives keep their indented text (notes, tips) or are dropped.
 */

const ADORNMENT = /^([=\-~^"'`*+#:.<>_])\1{2,}\s*$/;
const DROP = /^\.\.\s+(?:image|figure|_|\||toctree|include|raw|meta|contents|index|\[)/;
const CODE = /^\.\.\s+(?:code-block|code|sourcecode)::\s*(\S*)/;
/** Bibliographic fields (docutils "docinfo"): shown on a title page, not content, and never the video's subtitle. */
const DOCINFO = /^:(?:authors?|organi[sz]ation|address|contact|version|revision|status|date|copyright|licen[cs]e|dedication|abstract|maintainer|web\s*site|manual\s*section|manual\s*group|tags?|category|slug|summary):\s/i;

function inline(text: string): string {
  return text
    .replace(/:[\w:-]+:`([^`<]*?)(?:\s*<[^>]*>)?`/g, '`$1`')
    .replace(/``([^`]+)``/g, '`$1`')
    .replace(/`([^`<]+?)\s*<([^>]+)>`__?/g, '$1')
    .replace(/`([^`]+)`_\b/g, '$1')
    .replace(/^#\.\s/, '1. ');
}

export function rstToMarkdown(rst: string): { markdown: string; lineMap: number[] } {
  const lines = rst.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const map: number[] = [];
  const emit = (text: string, line: number) => {
    out.push(text);
    map.push(line);
  };
  const styles: string[] = [];
  const indent = (l: string) => l.length - l.trimStart().length;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const next = lines[i + 1] ?? '';
    const n = i + 1;
    // Overlined heading: ===, Title, ===.
    if (ADORNMENT.test(line) && lines[i + 2] !== undefined && ADORNMENT.test(lines[i + 2]!) && next.trim() && !ADORNMENT.test(next)) {
      const style = `o${line.trim()[0]}`;
      if (!styles.includes(style)) styles.push(style);
      emit('', n);
      emit(`${'#'.repeat(Math.min(6, styles.indexOf(style) + 1))} ${inline(next.trim())}`, n + 1);
      emit('', n + 2);
      i += 3;
      continue;
    }
    if (line.trim() && !ADORNMENT.test(line) && ADORNMENT.test(next) && next.trim().length >= line.trim().length && indent(line) === 0) {
      const style = `u${next.trim()[0]}`;
      if (!styles.includes(style)) styles.push(style);
      emit(`${'#'.repeat(Math.min(6, styles.indexOf(style) + 1))} ${inline(line.trim())}`, n);
      emit('', n + 1);
      i += 2;
      continue;
    }
    const code = CODE.exec(line.trim());
    const literal = !code && /::\s*$/.test(line) && !/^\.\./.test(line.trim());
    if (code || literal) {
      if (literal) emit(inline(line.replace(/::\s*$/, line.trim() === '::' ? '' : ':')), n);
      const base = indent(line);
      let j = i + 1;
      while (j < lines.length && /^\s+:[\w-]+:/.test(lines[j]!)) j++; // directive options
      const body: number[] = [];
      while (j < lines.length && (!lines[j]!.trim() || indent(lines[j]!) > base)) body.push(j++);
      while (body.length && !lines[body.at(-1)!]!.trim()) body.pop();
      const depth = Math.min(...body.filter((k) => lines[k]!.trim()).map((k) => indent(lines[k]!)));
      emit(`\`\`\`${code?.[1] ?? ''}`, code ? n : n + 1);
      for (const k of body) emit(lines[k]!.slice(Number.isFinite(depth) ? depth : 0), k + 1);
      emit('```', (body.at(-1) ?? i) + 1);
      i = body.length ? body.at(-1)! + 1 : i + 1;
      continue;
    }
    if (DOCINFO.test(line)) {
      // A field's value may continue on indented lines.
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() && indent(lines[j]!) > 0) j++;
      for (let k = i; k < j; k++) emit('', k + 1);
      i = j;
      continue;
    }
    if (/^\.\./.test(line.trim())) {
      // Dropped directives lose their indented body too; admonitions (note, tip, warning) keep it as text.
      const keep = !DROP.test(line.trim()) && /::/.test(line);
      const base = indent(line);
      let j = i + 1;
      emit('', n);
      while (j < lines.length && (!lines[j]!.trim() || indent(lines[j]!) > base)) {
        if (keep) emit(inline(lines[j]!.trim()), j + 1);
        j++;
      }
      i = j;
      continue;
    }
    emit(inline(line), n);
    i++;
  }
  return { markdown: out.join('\n'), lineMap: map };
}
