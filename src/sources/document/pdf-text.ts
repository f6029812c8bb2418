import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { VideogenError } from '../../errors.ts';

/**
 * PDF text → Markdown. pdf.js gives positioned text runs; this rebuilds lines, drops running headers, footers and
 * page numbers (lines that repeat on most pages), infers headings from font size (clearly above the body size) or
 * numbering ("1.", "2.3 ", "Chapter 4"), joins hyphenated line breaks and turns bullets into list items.
 */

interface Line {
  text: string;
  size: number;
  y: number;
  page: number;
  /** Vertical gap to the previous line on the page, in multiples of this line's size. */
  gap: number;
}

interface TextRun {
  str: string;
  transform: number[];
  height: number;
  width: number;
}

async function extractLines(data: Uint8Array): Promise<Line[][]> {
  const task = getDocument({ data, useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    throw new VideogenError('SOURCE_UNREADABLE', `cannot read the PDF: ${(error as Error).message}`, {}, { cause: error });
  }
  const pages: Line[][] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const runs = (content.items as TextRun[]).filter((i) => typeof i.str === 'string' && i.str.trim());
      const rows: { y: number; size: number; parts: { x: number; end: number; str: string }[] }[] = [];
      for (const run of runs) {
        const y = run.transform[5]!;
        const size = Math.abs(run.transform[3]!) || run.height;
        const row = rows.find((r) => Math.abs(r.y - y) < Math.max(2, size * 0.4));
        const part = { x: run.transform[4]!, end: run.transform[4]! + run.width, str: run.str.normalize('NFKC') };
        if (row) {
          row.parts.push(part);
          row.size = Math.max(row.size, size);
        } else rows.push({ y, size, parts: [part] });
      }
      rows.sort((a, b) => b.y - a.y);
      const lines: Line[] = rows.map((row, i) => {
        row.parts.sort((a, b) => a.x - b.x);
        let text = '';
        let end = -Infinity;
        for (const part of row.parts) {
          text += text && part.x - end > row.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(part.str) ? ` ${part.str}` : part.str;
          end = part.end;
        }
        const previous = rows[i - 1];
        return { text: text.replace(/\s+/g, ' ').trim(), size: Math.round(row.size * 10) / 10, y: row.y, page: p, gap: previous ? (previous.y - row.y) / row.size : 0 };
      });
      pages.push(lines.filter((l) => l.text));
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

const PAGE_NUMBER = /^(?:page\s+)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$/i;
const NUMBERED = /^(?:(?:chapter|part|section)\s+[\dIVX]+\b|\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z])/i;
const BULLET = /^[•◦▪‣●○■\-–*]\s+/;

/** Running headers/footers: the same text (digits ignored) at the top or bottom of most pages. */
function repeating(pages: Line[][]): Set<string> {
  const key = (t: string) => t.toLowerCase().replace(/\d+/g, '#');
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map((l) => key(l.text)));
    edge.forEach((k) => counts.set(k, (counts.get(k) ?? 0) + 1));
  }
  const min = Math.max(2, Math.ceil(pages.length * 0.6));
  return new Set([...counts].filter(([, n]) => pages.length >= 2 && n >= min).map(([k]) => k));
}

const escape = (s: string) => s.replace(/([\\`*_[\]<>])/g, '\\$1').replace(/^([#+>|-])/, '\\$1').replace(/^(\d+)([.)])(\s)/, '$1\\$2$3');

export async function pdfToMarkdown(data: Uint8Array): Promise<string> {
  // pdf.js refuses Buffer (a Uint8Array subclass) and detaches what it is given, so it gets its own copy.
  const pages = await extractLines(new Uint8Array(data));
  const drop = repeating(pages);
  const lines = pages.flat().filter((l) => !PAGE_NUMBER.test(l.text) && !drop.has(l.text.toLowerCase().replace(/\d+/g, '#')));
  if (!lines.length) throw new VideogenError('SOURCE_UNREADABLE', 'the PDF has no text layer (is it a scan?); videogen reads PDFs with selectable text only');
  // Body size: the size carrying the most characters.
  const weight = new Map<number, number>();
  lines.forEach((l) => weight.set(l.size, (weight.get(l.size) ?? 0) + l.text.length));
  const body = [...weight].sort((a, b) => b[1] - a[1])[0]![0];
  const isHeading = (l: Line) => l.text.length <= 100 && !/[.,;]$/.test(l.text) && (l.size >= body * 1.15 || (NUMBERED.test(l.text) && l.text.length <= 80 && l.gap > 1.6));
  const headingSizes = [...new Set(lines.filter(isHeading).map((l) => l.size))].sort((a, b) => b - a);
  const out: string[] = [];
  let previous: Line | undefined;
  let sawTitle = false;
  for (const line of lines) {
    if (isHeading(line)) {
      const numbering = /^(\d+(?:\.\d+)*)\.?\s/.exec(line.text)?.[1];
      let depth = line.size >= body * 1.15 ? headingSizes.indexOf(line.size) + 1 : 2;
      if (numbering) depth = Math.max(2, numbering.split('.').length + 1);
      if (!sawTitle && line === lines[0]) depth = 1;
      else depth = Math.max(2, depth);
      sawTitle ||= depth === 1;
      out.push('', `${'#'.repeat(Math.min(6, depth))} ${line.text}`, '');
    } else if (BULLET.test(line.text) || /^\d{1,2}[.)]\s/.test(line.text)) {
      if (previous && !isHeading(previous) && !BULLET.test(previous.text)) out.push('');
      out.push(/^\d/.test(line.text) ? line.text.replace(/^(\d+)[.)]\s+/, '$1. ') : `- ${escape(line.text.replace(BULLET, ''))}`);
    } else {
      const last = out.at(-1);
      const newParagraph = !previous || isHeading(previous) || line.gap > 1.8;
      if (last !== undefined && /\p{L}-$/u.test(last) && /^\p{Ll}/u.test(line.text) && !newParagraph) {
        out[out.length - 1] = last.slice(0, -1) + escape(line.text); // "docu-" + "ment" → "document"
      } else {
        if (newParagraph || (previous && BULLET.test(previous.text) && line.gap > 1.3)) out.push('');
        else if (previous && !isHeading(previous) && (BULLET.test(previous.text) || /^\d{1,2}[.)]\s/.test(previous.text))) {
          out[out.length - 1] = `${out.at(-1)} ${escape(line.text)}`; // wrapped list item
          previous = line;
          continue;
        }
        out.push(escape(line.text));
      }
    }
    previous = line;
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
