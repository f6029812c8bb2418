import type { PdfLine } from './pdf-lines.ts';

/**
 * Running headers, footers and page numbers: text that is not part of the flow. A header is the same text (digits
 * ignored, so "Page 3 of 9" matches "Page 4 of 9") at about the same height among the top or bottom lines of many
 * pages; the height is part of the match, so a document title set large on page 1 is not mistaken for the small
 * running header that repeats it.
 */

const PAGE_NUMBER = /^(?:page\s+)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^[ivxlc]{1,6}$/i;
const EDGE = 2;

const key = (line: PdfLine) => `${line.text.toLowerCase().replace(/\d+/g, '#')}@${Math.round(line.y / 6)}`;
const edges = (lines: readonly PdfLine[]) => [...lines.slice(0, EDGE), ...lines.slice(-EDGE)];

export function dropRunningText(pages: readonly PdfLine[][]): PdfLine[][] {
  const counts = new Map<string, number>();
  for (const lines of pages) new Set(edges(lines).map(key)).forEach((k) => counts.set(k, (counts.get(k) ?? 0) + 1));
  // Two-sided layouts alternate headers (book title / chapter title), so each may appear on only half the pages.
  const min = Math.max(2, Math.ceil(pages.length * 0.4));
  const running = new Set([...counts].filter(([, n]) => n >= min).map(([k]) => k));
  return pages.map((lines) => {
    const edge = new Set(edges(lines));
    return lines.filter((l) => !(edge.has(l) && (running.has(key(l)) || PAGE_NUMBER.test(l.text))));
  });
}
