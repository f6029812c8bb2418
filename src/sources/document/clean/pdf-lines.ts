import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { VideogenError } from '../../../errors.ts';
import { repairText } from './repair-text.ts';

/**
 * pdf.js text runs → visual lines with what layout analysis needs: the dominant font size (by characters, so a
 * bullet or a superscript does not make a line "large"), left/right edges, how much of it is set in a monospace font,
 * and the dominant font (headings are usually a bold face of the body size or larger). Sizes and positions are in
 * PDF points.
 */
export interface PdfLine {
  text: string;
  size: number;
  x: number;
  right: number;
  y: number;
  page: number;
  /** Share of the line's visible characters set in a monospace font, 0–1. */
  mono: number;
  font: string;
  /** Vertical distance to the previous line on the same page, in multiples of this line's size (0 for a page's first line). */
  gap: number;
  /** 0 on single-column pages and for lines spanning both columns; 1 or 2 for the left or right column. */
  column: number;
}

export interface PdfText {
  pages: PdfLine[][];
  /** The document information dictionary's Title, or XMP dc:title, as written. */
  metadataTitle?: string;
}

interface TextRun {
  str: string;
  transform: number[];
  height: number;
  width: number;
  fontName: string;
}

interface Part {
  x: number;
  end: number;
  y: number;
  size: number;
  str: string;
  font: string;
  mono: boolean;
}

/** The dominant value of `key` over parts, weighted by visible characters. */
function dominant<T>(parts: readonly Part[], key: (p: Part) => T): T {
  const weight = new Map<T, number>();
  for (const p of parts) weight.set(key(p), (weight.get(key(p)) ?? 0) + p.str.replace(/\s/g, '').length + 0.01);
  return [...weight].sort((a, b) => b[1] - a[1])[0]![0];
}

type Row = { y: number; size: number; parts: Part[] };

/**
 * The gutter of a two-column page: an x that falls in a wide gap between runs on many rows and inside the text of
 * few. Rows are split there; without it, a line of the left column and the line beside it would be read as one.
 */
function gutterOf(rows: readonly Row[]): number | undefined {
  const parts = rows.flatMap((r) => r.parts);
  if (rows.length < 6 || !parts.length) return undefined;
  const left = Math.min(...parts.map((p) => p.x));
  const right = Math.max(...parts.map((p) => p.end));
  const gaps = rows.flatMap((r) => {
    const sorted = [...r.parts].sort((a, b) => a.x - b.x);
    return sorted.slice(1).flatMap((b, i) => (b.x - sorted[i]!.end > Math.max(12, 1.5 * r.size) ? [{ from: sorted[i]!.end, to: b.x }] : []));
  });
  let best: { at: number; rows: number } | undefined;
  // Candidates 4 pt apart at most, so a page of many small runs costs (page width / 4) passes, not gaps².
  const candidates = [...new Map(gaps.map((g) => [Math.round((g.from + g.to) / 8), (g.from + g.to) / 2])).values()];
  for (const at of candidates) {
    if (at < left + (right - left) * 0.3 || at > left + (right - left) * 0.7) continue;
    const split = gaps.filter((g) => g.from < at && g.to > at).length;
    const crossing = parts.filter((p) => p.x < at - 1 && p.end > at + 1).length;
    if (split >= Math.max(4, rows.length * 0.3) && crossing < split && (!best || split > best.rows)) best = { at, rows: split };
  }
  return best?.at;
}

/** Rows of a two-column page in reading order: what spans the columns above them, the left column, the right one, the rest. */
function splitColumns(rows: readonly Row[], gutter: number): (Row & { column: number })[] {
  const out: (Row & { column: number })[] = [];
  for (const row of rows) {
    if (row.parts.some((p) => p.x < gutter - 1 && p.end > gutter + 1)) {
      out.push({ ...row, column: 0 });
      continue;
    }
    for (const [column, parts] of [[1, row.parts.filter((p) => p.x < gutter)], [2, row.parts.filter((p) => p.x >= gutter)]] as const) {
      if (parts.length) out.push({ y: row.y, size: Math.max(...parts.map((p) => p.size)), parts: [...parts], column });
    }
  }
  const columnTop = Math.max(...out.filter((r) => r.column).map((r) => r.y));
  const rank = (r: { y: number; column: number }) => (r.column === 0 ? (r.y >= columnTop ? 0 : 3) : r.column);
  return out.sort((a, b) => rank(a) - rank(b) || b.y - a.y);
}

function toLine(parts: Part[], page: number): Omit<PdfLine, 'gap' | 'column'> {
  parts.sort((a, b) => a.x - b.x);
  const size = dominant(parts, (p) => Math.round(p.size * 10) / 10);
  let text = '';
  let end = -Infinity;
  let previous: Part | undefined;
  for (const part of parts) {
    let str = part.str;
    // LaTeX sets "ª"/"º" as a raised small a/o; after a mojibake lead byte it is the second byte of "ê", "ú", …
    if (previous && part.size < size * 0.8 && part.y > previous.y + 1 && /^[ao]$/.test(str.trim()) && /[ÂÃ]$/.test(text)) str = str.trim() === 'a' ? 'ª' : 'º';
    // A bold label set flush against the text after it ("KDE" + "The KDE desktop") is still two words.
    const labelled = !!previous && previous.font !== part.font && part.x - end > -0.5 && /\p{L}$/u.test(text) && /^\p{Lu}/u.test(str);
    const spaced = text && (part.x - end > size * 0.15 || labelled) && !/\s$/.test(text) && !/^\s/.test(str) && !/[ªº]$/.test(str);
    text += spaced ? ` ${str}` : str;
    end = part.end;
    previous = part;
  }
  const visible = parts.reduce((n, p) => n + p.str.replace(/\s/g, '').length, 0);
  const mono = visible ? parts.filter((p) => p.mono).reduce((n, p) => n + p.str.replace(/\s/g, '').length, 0) / visible : 0;
  const baseline = parts.find((p) => Math.round(p.size * 10) / 10 === size) ?? parts[0]!;
  return { text: repairText(text).replace(/\s+/g, ' ').trim(), size, x: parts[0]!.x, right: end, y: baseline.y, page, mono, font: dominant(parts, (p) => p.font) };
}

export async function extractPdfText(data: Uint8Array): Promise<PdfText> {
  const task = getDocument({ data, useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    throw new VideogenError('SOURCE_UNREADABLE', `cannot read the PDF: ${(error as Error).message}`, {}, { cause: error });
  }
  const pages: PdfLine[][] = [];
  let metadataTitle: string | undefined;
  try {
    const meta = await doc.getMetadata().catch(() => undefined);
    const info = meta?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title : meta?.metadata?.get('dc:title');
    if (typeof title === 'string' && title.trim()) metadataTitle = repairText(title).replace(/\s+/g, ' ').trim();
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const styles = content.styles as Record<string, { fontFamily?: string }>;
      const runs = (content.items as TextRun[]).filter((i) => typeof i.str === 'string' && i.str.trim());
      const rows: Row[] = [];
      for (const run of runs) {
        const y = run.transform[5]!;
        const size = Math.abs(run.transform[3]!) || run.height;
        const font = run.fontName;
        const part: Part = { x: run.transform[4]!, end: run.transform[4]! + run.width, y, size, str: run.str, font, mono: styles[font]?.fontFamily === 'monospace' || /mono|courier|code/i.test(font) };
        // Superscripts and small bullets sit a little off the baseline; half the larger size keeps them on their line.
        const row = rows.find((r) => Math.abs(r.y - y) < Math.max(2, Math.max(r.size, size) * 0.5));
        if (row) {
          row.parts.push(part);
          if (size > row.size) row.size = size;
        } else rows.push({ y, size, parts: [part] });
      }
      const gutter = gutterOf(rows);
      const ordered = gutter === undefined ? [...rows].sort((a, b) => b.y - a.y).map((r) => ({ ...r, column: 0 })) : splitColumns(rows, gutter);
      const lines = ordered.map((r) => ({ ...toLine(r.parts, p), column: r.column })).filter((l) => l.text);
      // The gap is measured within a column; the first line of a column (or page) has none.
      pages.push(lines.map((l, i) => ({ ...l, gap: i && lines[i - 1]!.column === l.column && lines[i - 1]!.y > l.y ? (lines[i - 1]!.y - l.y) / l.size : 0 })));
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return metadataTitle ? { pages, metadataTitle } : { pages };
}
