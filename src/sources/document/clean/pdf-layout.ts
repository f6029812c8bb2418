import type { PdfLine } from './pdf-lines.ts';
import { joinWrapped } from './pdf-title.ts';

/**
 * Visual lines → Markdown blocks. Paragraphs are reflowed: lines join while the spacing stays that of a line (not a
 * paragraph gap), across page breaks when the sentence has not ended, and a hyphen at a line end is undone when the
 * joined word is what the document writes elsewhere (kept when it writes the hyphenated form, as in "mime-type").
 * Headings come from size (clearly above the body) or numbering in a heading face; monospace runs and markup lines
 * become code blocks with their indentation; bullets and "1." items become list items, and a list item's wrapped
 * lines and indented follow-up paragraphs stay in the item.
 */

const NUMBERED = /^(?:(?:chapter|part|section|appendix)\s+[\dIVXA-H]+\b|\d{1,2}(?:\.\d{1,2})*\.?\s+\p{Lu}|[A-H](?:\.\d{1,2})+\.?\s+\p{Lu})/iu;
const BULLET = /^[•◦▪‣●○■□➢►\-–*]\s*(?=\S)/;
const ORDERED = /^\d{1,2}[.)]\s+(?=\S)/;
const MARKUP = /^<[?!/]?[\w:-]+[^>]*>?|^<\/[\w:-]+>$/;
const SENTENCE_END = /[.!?:;]["”’)]?$/;

const escapeInline = (s: string) => s.replace(/([\\`*_[\]<>])/g, '\\$1');
const escape = (s: string) => s.replace(/([\\`*_[\]<>])/g, '\\$1').replace(/^([#+>|-])/, '\\$1').replace(/^(\d+)([.)])(\s)/, '$1\\$2$3');

export interface Layout {
  body: number;
  bodyFont: string;
  isHeading: (line: PdfLine) => boolean;
  isCode: (line: PdfLine) => boolean;
  /** A full line of body text, in points (the 90th percentile of body line widths). */
  lineWidth: number;
}

export function analyse(lines: readonly PdfLine[]): Layout {
  const weight = new Map<number, number>();
  const fonts = new Map<string, number>();
  for (const l of lines) {
    if (l.mono > 0.5) continue;
    weight.set(l.size, (weight.get(l.size) ?? 0) + l.text.length);
    fonts.set(l.font, (fonts.get(l.font) ?? 0) + l.text.length);
  }
  const top = <K>(m: Map<K, number>, fallback: K) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallback;
  const body = top(weight, lines[0]?.size ?? 10);
  const bodyFont = top(fonts, '');
  const isCode = (l: PdfLine) => l.mono >= 0.97 || (MARKUP.test(l.text) && /[>"=]/.test(l.text) && !/\s\p{Ll}+\s\p{Ll}+\s\p{Ll}+/u.test(l.text.replace(/<[^>]*>/g, '')));
  const headingFonts = headingFaces(lines, body, bodyFont, isCode);
  const isHeading = (l: PdfLine) =>
    !isCode(l) &&
    l.text.length <= 100 &&
    !/[.,;:]$/.test(l.text) &&
    /\p{L}/u.test(l.text) &&
    !BULLET.test(l.text) &&
    !CAPTION.test(l.text) &&
    (l.size >= body * 1.15 || (l.font !== bodyFont && (l.gap === 0 || l.gap > 1.6) && ((NUMBERED.test(l.text) && l.text.length <= 80) || (headingFonts.has(l.font) && l.text.length <= 80))));
  const widths = lines.filter((l) => !isCode(l) && Math.abs(l.size - body) < 0.5).map((l) => l.right - l.x).sort((a, b) => a - b);
  const lineWidth = widths[Math.floor(widths.length * 0.9)] ?? 400;
  return { body, bodyFont, isHeading, isCode, lineWidth };
}

const CAPTION = /^(?:figure|fig\.|table|listing|source|example)\s*[\dIVX]+\b/i;

/**
 * Faces used for headings at body size (a bold face, in practice — pdf.js does not say which face is bold before
 * rendering): other than the body's, not monospace, and set almost only on short lines that stand alone.
 */
function headingFaces(lines: readonly PdfLine[], body: number, bodyFont: string, isCode: (l: PdfLine) => boolean): Set<string> {
  const stats = new Map<string, { all: number; alone: number }>();
  lines.forEach((l, i) => {
    if (l.font === bodyFont || isCode(l) || l.size !== body) return;
    const next = lines[i + 1];
    const alone = l.text.length <= 80 && !/[.,;:]$/.test(l.text) && (l.gap === 0 || l.gap > 1.5) && (!next || next.page !== l.page || next.gap > 1.6 || next.font !== l.font);
    const s = stats.get(l.font) ?? { all: 0, alone: 0 };
    s.all++;
    if (alone) s.alone++;
    stats.set(l.font, s);
  });
  return new Set([...stats].filter(([, s]) => s.all >= 2 && s.alone >= s.all * 0.6).map(([font]) => font));
}

/** Words the document writes whole, and hyphenated words it writes inside lines — to undo line-end hyphenation. */
function vocabulary(lines: readonly PdfLine[]): { whole: Set<string>; hyphenated: Set<string> } {
  const whole = new Set<string>();
  const hyphenated = new Set<string>();
  for (const l of lines) {
    const words = l.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*-?/gu) ?? [];
    words.forEach((w, i) => {
      if (i === words.length - 1 && w.endsWith('-')) return;
      if (w.includes('-')) hyphenated.add(w);
      else whole.add(w);
    });
  }
  return { whole, hyphenated };
}

export function joinLines(texts: readonly string[], vocab: { whole: Set<string>; hyphenated: Set<string> }): string {
  return texts.reduce((text, next) => {
    if (!text) return next;
    const hyphen = /(\p{L}+)-$/u.exec(text);
    const head = /^\p{Ll}+/u.exec(next);
    if (hyphen && head) {
      const joined = `${hyphen[1]}${head[0]}`.toLowerCase();
      const kept = `${hyphen[1]}-${head[0]}`.toLowerCase();
      if (vocab.hyphenated.has(kept) && !vocab.whole.has(joined)) return text + next;
      return text.slice(0, -1) + next;
    }
    return joinWrapped([text, next]);
  }, '');
}

interface Block {
  kind: 'p' | 'li' | 'code' | 'heading';
  lines: PdfLine[];
  ordered?: boolean;
  /** Indented paragraphs that belong to a list item, after its first paragraph. */
  more?: PdfLine[][];
  depth?: number;
}

export function layoutMarkdown(lines: readonly PdfLine[], layout: Layout): string {
  const { isHeading, isCode, body } = layout;
  const vocab = vocabulary(lines);
  const headingSizes = [...new Set(lines.filter((l) => isHeading(l) && l.size >= body * 1.15).map((l) => l.size))].sort((a, b) => b - a);
  const numberedAt = new Map<number, number>();
  for (const l of lines) {
    const numbering = isHeading(l) ? /^(\d+(?:\.\d+)*)\.?\s/.exec(l.text)?.[1] : undefined;
    const key = Math.round(l.x / 4);
    if (numbering) numberedAt.set(key, Math.min(numberedAt.get(key) ?? 6, numbering.split('.').length + 1));
  }
  const blocks: Block[] = [];
  let current: Block | undefined;
  const close = () => {
    if (current) blocks.push(current);
    current = undefined;
  };
  lines.forEach((line, index) => {
    const last = current?.lines.at(-1) ?? current?.more?.at(-1)?.at(-1);
    // A new page or column: the previous line's spacing says nothing about this one.
    const newPage = !!last && (last.page !== line.page || last.column !== line.column);
    const lineGap = newPage ? 0 : line.gap;
    const next = lines[index + 1];
    // One line set in monospace inside a paragraph (a path or a command that happens to fill the line) is prose.
    const inlineCode = current?.kind === 'p' && !!last && !newPage && lineGap <= 1.6 && !/:$/.test(last.text) && !MARKUP.test(line.text) && !!next && !isCode(next) && next.page === line.page && next.gap <= 1.6;
    if (isCode(line) && !inlineCode) {
      if (current?.kind !== 'code' || (!newPage && lineGap > 2.6)) {
        close();
        current = { kind: 'code', lines: [] };
      }
      current.lines.push(line);
      return;
    }
    if (isHeading(line)) {
      // A heading set on two lines: same size, line spacing, nothing between.
      if (current?.kind === 'heading' && !newPage && last && last.size === line.size && lineGap < 1.6) {
        current.lines.push(line);
        return;
      }
      close();
      const numbering = /^(\d+(?:\.\d+)*)\.?\s/.exec(line.text)?.[1];
      const bySize = line.size >= body * 1.15 ? headingSizes.indexOf(line.size) + 2 : 3;
      // An unnumbered heading ("References") set where the numbered chapters are set is at their level.
      const byPlace = numberedAt.get(Math.round(line.x / 4));
      current = { kind: 'heading', lines: [line], depth: Math.min(6, numbering ? numbering.split('.').length + 1 : Math.min(bySize, byPlace ?? bySize)) };
      return;
    }
    const bullet = BULLET.test(line.text);
    const ordered = !bullet && ORDERED.test(line.text) && line.size <= body * 1.05;
    if (bullet || ordered) {
      close();
      current = { kind: 'li', lines: [{ ...line, text: line.text.replace(bullet ? BULLET : ORDERED, '') }], ordered };
      return;
    }
    if (current?.kind === 'li' && last) {
      const itemX = current.lines[1]?.x ?? current.lines[0]!.x + 4;
      const indented = line.x >= current.lines[0]!.x + 4 || Math.abs(line.x - itemX) < 2;
      if (indented && (lineGap <= 1.6 || newPage) && !(current.more?.length)) {
        current.lines.push(line);
        return;
      }
      if (indented) {
        const more = (current.more ??= []);
        if (lineGap <= 1.6 && more.length) more.at(-1)!.push(line);
        else more.push([line]);
        return;
      }
    }
    if (current?.kind === 'p' && last) {
      const first = current.lines[0]!;
      // Hanging indents (bibliographies, definitions) indent the second line of a paragraph.
      const hanging = current.lines.length === 1 && line.x > first.x + 2 && line.x - first.x < 60 && !SENTENCE_END.test(last.text);
      // Paragraphs set without spacing show where they start by a first-line indent …
      const indentedFirst = current.lines.length === 1 && first.x - line.x > 2 && first.x - line.x < 40;
      const sameColumn = Math.abs(line.x - last.x) < 2 || Math.abs(line.x - first.x) < 2 || hanging || indentedFirst;
      // … or by a short last line that ends a sentence.
      const endsShort = SENTENCE_END.test(last.text) && last.right - last.x < layout.lineWidth * 0.7;
      // Across a page break only an unfinished sentence continues (the next page's first line has no gap to measure).
      const continues = newPage ? !SENTENCE_END.test(last.text) && sameColumn : lineGap <= 1.6 && sameColumn && !endsShort;
      if (continues) {
        current.lines.push(line);
        return;
      }
    }
    close();
    current = { kind: 'p', lines: [line] };
  });
  close();
  return render(blocks, vocab);
}

/**
 * Citation markers ("the MIME system[MIME]", "RFC 2119[RFC-2119]", "as shown [12].") point into the bibliography; on
 * a slide or in a voice they are noise. Only one-token labels starting with a capital or a digit are taken.
 */
export const withoutCitations = (text: string) => text.replace(/\s?\[(?:\p{Lu}|\d)[\p{L}\d.-]{0,24}(?:,\s?(?:\p{Lu}|\d)[\p{L}\d.-]{0,24})*\](?=[\s.,;:)!?]|$)/gu, '');

function render(blocks: readonly Block[], vocab: ReturnType<typeof vocabulary>): string {
  const out: string[] = [];
  let previous: Block | undefined;
  for (const block of blocks) {
    const text = () => withoutCitations(joinLines(block.lines.map((l) => l.text), vocab));
    if (block.kind === 'heading') out.push('', `${'#'.repeat(block.depth ?? 2)} ${escapeInline(text())}`, '');
    else if (block.kind === 'p') out.push('', escape(text()), '');
    else if (block.kind === 'li') {
      if (previous?.kind !== 'li' || previous.ordered !== block.ordered) out.push('');
      out.push(`${block.ordered ? '1.' : '-'} ${escape(text())}`);
      for (const para of block.more ?? []) out.push('', `   ${escape(withoutCitations(joinLines(para.map((l) => l.text), vocab)))}`);
      if (block.more?.length) out.push('');
    } else out.push('', ...fence(block.lines), '');
    previous = block;
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A code block with the listing's indentation rebuilt from x positions (monospace: one character width per column). */
function fence(lines: readonly PdfLine[]): string[] {
  const left = Math.min(...lines.map((l) => l.x));
  const widths = lines.filter((l) => l.text.length > 3).map((l) => (l.right - l.x) / l.text.length);
  const charWidth = widths.length ? widths.sort((a, b) => a - b)[Math.floor(widths.length / 2)]! : lines[0]!.size * 0.6;
  const code = lines.map((l) => `${' '.repeat(Math.max(0, Math.round((l.x - left) / charWidth)))}${l.text}`);
  const language = code.some((l) => /^\s*<[?\w]/.test(l)) && code.filter((l) => /^\s*</.test(l)).length >= code.length / 2 ? 'xml' : '';
  const marker = code.some((l) => l.includes('```')) ? '~~~~' : '```';
  return [`${marker}${language}`, ...code, marker];
}
