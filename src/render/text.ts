import type { Box } from './geometry.ts';
import { cssFont, type FontSpec } from './fonts.ts';

/** Measures text width in pixels for a CSS font; backed by a canvas context, memoised per layout. */
export interface Measurer {
  width(text: string, font: string): number;
}

/**
 * A canvas measurer whose memo can be dropped. In a browser a width measured before a FontFace finished loading is
 * the fallback font's; `reset()` (or resetMeasurerWhenFontsLoad) forgets every width so the next layout measures the
 * real glyphs.
 */
export interface CanvasMeasurer extends Measurer {
  reset(): void;
}

export function canvasMeasurer(ctx: Pick<CanvasRenderingContext2D, 'font' | 'measureText'>): CanvasMeasurer {
  const cache = new Map<string, number>();
  let current = '';
  return {
    width(text, font) {
      const key = `${font}\u0000${text}`;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      if (current !== font) {
        ctx.font = font;
        current = font;
      }
      const w = ctx.measureText(text).width;
      if (cache.size > 20_000) cache.clear();
      cache.set(key, w);
      return w;
    },
    reset() {
      cache.clear();
      // Set the font again on the next measurement: the context resolved the string against the fonts of that moment.
      current = '';
    },
  };
}

/**
 * Resets `measurer` whenever a font load finishes (`document.fonts` fires `loadingdone`), and calls `onReset` so the
 * caller can lay out and draw again. Returns the function that stops listening.
 */
export function resetMeasurerWhenFontsLoad(measurer: CanvasMeasurer, fonts: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>, onReset?: () => void): () => void {
  const listener = () => {
    measurer.reset();
    onReset?.();
  };
  fonts.addEventListener('loadingdone', listener);
  return () => fonts.removeEventListener('loadingdone', listener);
}

export interface TextStyle {
  font: FontSpec;
  /** Smallest size the text may shrink to before it is cut (QUALITY: body ≥ 28, titles ≥ 48 at 1080p). */
  minSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  maxLines?: number;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle' | 'bottom';
  /** BCP-47 language of the text (the spec's), for word-aware line breaking; absent: the runtime's default. */
  lang?: string;
}

export interface FittedText {
  lines: string[];
  /** Width of each line in pixels. */
  widths: number[];
  font: FontSpec;
  css: string;
  /** Pixels between baselines. */
  lineHeight: number;
  /** The box the text must stay inside. */
  box: Box;
  /** Top of the first line, after vertical alignment. */
  top: number;
  align: 'left' | 'center' | 'right';
  rtl: boolean;
  /** True when the text did not fit even at the floor size and was cut with an ellipsis. */
  truncated: boolean;
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
// Tested one code point at a time, so combining marks inside the ranges are intended.
// eslint-disable-next-line no-misleading-character-class
const LTR = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0900-\u097F\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/;
/** Scripts written without spaces: lines break between the words Intl.Segmenter finds (see cjkPieces). */
const CJK = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;
/** Punctuation that must not start a line (kinsoku shori, simplified). */
const NO_LINE_START = /^[、。，．！？：；）」』】〉》,.!?:;)\]}’”…]/;

/** Direction of the first strong character decides the paragraph direction, as the Unicode bidi algorithm does. */
export function isRtl(text: string): boolean {
  for (const ch of text) {
    if (RTL.test(ch)) return true;
    if (LTR.test(ch)) return false;
  }
  return false;
}

/** Languages written right to left (primary subtags), unless a script subtag says otherwise ("ks-Deva", "az-Arab"). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg']);

/** Whether a BCP-47 language tag names a right-to-left language ("ar", "he-IL", "fa", "ur", "az-Arab"). */
export function isRtlLanguage(tag: string | undefined): boolean {
  if (!tag) return false;
  const parts = tag.toLowerCase().split(/[-_]/);
  const script = parts.slice(1).find((p) => p.length === 4);
  if (script) return RTL_SCRIPTS.has(script);
  return RTL_LANGUAGES.has(parts[0]!);
}

/** Whether any character of the text is right to left (a Latin-first line in Arabic still has an Arabic base). */
export function hasRtl(text: string): boolean {
  return RTL.test(text);
}

/**
 * Whether a scene reads right to left: more strong right-to-left characters than left-to-right ones in its on-screen
 * text (an Arabic list with a few Latin product names is still an Arabic list).
 */
export function isRtlContent(texts: readonly string[]): boolean {
  let rtl = 0;
  let ltr = 0;
  for (const text of texts) {
    for (const ch of text) {
      if (RTL.test(ch)) rtl++;
      else if (LTR.test(ch)) ltr++;
    }
  }
  return rtl > ltr;
}

const graphemeSegmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

export function graphemes(text: string): string[] {
  return graphemeSegmenter ? Array.from(graphemeSegmenter.segment(text), (s) => s.segment) : Array.from(text);
}

/** Opening brackets and quotes must not end a line (kinsoku): they go down with the word they open. */
const NO_LINE_END = /^[（「『【〈《〔［｛([{‘“]$/;

const wordSegmenters = new Map<string, Intl.Segmenter>();

/** A word segmenter per locale; undefined where the runtime has none (then CJK falls back to single characters). */
function wordSegmenter(locale: string | undefined): Intl.Segmenter | undefined {
  if (typeof Intl === 'undefined' || !('Segmenter' in Intl)) return undefined;
  const key = locale ?? '';
  let seg = wordSegmenters.get(key);
  if (!seg) {
    try {
      seg = new Intl.Segmenter(locale, { granularity: 'word' });
    } catch {
      // A tag ICU refuses (validation stops these in specs; library callers may pass anything): the default locale.
      seg = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    wordSegmenters.set(key, seg);
  }
  return seg;
}

/**
 * The break opportunities inside a run without spaces that contains CJK: between the words Intl.Segmenter finds
 * (dictionary-based for Chinese and Japanese), never inside one. Latin letters, digits and symbols between CJK words
 * stay one piece, so "https://example.com" or "v3.12" inside Chinese text is not cut at its dots and slashes.
 */
function cjkPieces(run: string, locale: string | undefined): string[] {
  const segmenter = wordSegmenter(locale);
  const segments = segmenter ? Array.from(segmenter.segment(run), (s) => s.segment) : graphemes(run);
  const pieces: string[] = [];
  let latin = false;
  for (const segment of segments) {
    const cjk = CJK.test(segment);
    const previous = pieces[pieces.length - 1];
    if (/^\s+$/.test(segment) && previous !== undefined) pieces[pieces.length - 1] += segment;
    else if (!cjk && latin && !NO_LINE_END.test(segment)) pieces[pieces.length - 1] += segment;
    else if (previous !== undefined && isSuffix(segment, previous)) pieces[pieces.length - 1] += segment;
    else pieces.push(segment);
    latin = !cjk && !/\s$/.test(segment) && !NO_LINE_END.test(segment);
  }
  return pieces;
}

const HAN_OR_KANA = /^[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF]$/;

/**
 * A one-character word after a short CJK word is mostly its suffix or particle (线|程, 文件|的, 次|の): a reader sees
 * one word, so the line does not break between them. Longer runs keep their break opportunities.
 */
function isSuffix(segment: string, previous: string): boolean {
  const before = graphemes(previous);
  return HAN_OR_KANA.test(segment) && before.length <= 5 && HAN_OR_KANA.test(before[before.length - 1]!);
}

/**
 * Splits a paragraph into break opportunities: words with their trailing spaces, and in CJK text the words
 * Intl.Segmenter finds. Kinsoku: punctuation that must not start a line sticks to the piece before it, an opening
 * bracket to the piece after it. Korean is written with spaces and breaks at them like Latin text.
 */
function tokens(paragraph: string, locale: string | undefined): string[] {
  const out: string[] = [];
  let opening = '';
  for (const run of paragraph.match(/\s+|\S+\s*/g) ?? []) {
    for (const piece of CJK.test(run) ? cjkPieces(run, locale) : [run]) {
      const previous = out[out.length - 1];
      if (!opening && previous !== undefined && !/\s$/.test(previous) && NO_LINE_START.test(piece)) out[out.length - 1] = previous + piece;
      else if (NO_LINE_END.test(piece)) opening += piece;
      else {
        out.push(opening + piece);
        opening = '';
      }
    }
  }
  if (opening) out.push(opening);
  return out;
}

/** Breaks a word that is wider than the line on grapheme boundaries (URLs, identifiers, long compounds). */
function breakWord(word: string, maxWidth: number, measure: (s: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const g of graphemes(word)) {
    if (piece && measure(piece + g) > maxWidth) {
      // Closing punctuation must not start the next line: take the grapheme before it down too.
      const back = NO_LINE_START.test(g) ? graphemes(piece) : [];
      if (back.length > 1) {
        pieces.push(back.slice(0, -1).join(''));
        piece = back[back.length - 1]! + g;
      } else {
        pieces.push(piece);
        piece = g;
      }
    } else piece += g;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * Greedy line breaking; honours hard newlines. Trailing spaces never count toward a line's width. A word is broken
 * only when it alone is wider than the line. `locale` (the spec's language) picks the word segmenter's dictionary.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number, locale?: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const token of tokens(paragraph, locale)) {
      const candidate = line + token;
      if (measure(candidate.trimEnd()) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      if (measure(token.trimEnd()) <= maxWidth) line = token;
      else {
        const parts = breakWord(token.trimEnd(), maxWidth, measure);
        lines.push(...parts.slice(0, -1));
        // Keep the space that followed the word, or the next word would be glued to it.
        line = (parts[parts.length - 1] ?? '') + token.slice(token.trimEnd().length);
      }
    }
    lines.push(line.trimEnd());
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Cuts a line so that it plus "…" fits. */
export function ellipsize(line: string, maxWidth: number, measure: (s: string) => number): string {
  const parts = graphemes(line);
  while (parts.length && measure(parts.join('').trimEnd() + '…') > maxWidth) parts.pop();
  return parts.join('').trimEnd() + '…';
}

/**
 * Fits text into a box: wrap at the preferred size; if it is too tall, shrink step by step to the floor; if it still
 * does not fit, keep the lines that fit and end the last one with an ellipsis. The caller records a warning when
 * `truncated` is set. Every returned line is no wider than the box and all lines together no taller.
 */
export function fitText(text: string, box: Box, style: TextStyle, measurer: Measurer): FittedText {
  const clean = text.replace(/\t/g, '  ');
  const align = style.align ?? 'left';
  const rtl = isRtl(clean);
  let size = style.font.size;
  const floor = Math.min(style.minSize, size);
  for (;;) {
    const font = { ...style.font, size };
    const css = cssFont(font);
    const measure = (s: string) => measurer.width(s, css);
    const lineHeight = size * style.lineHeight;
    const fitByHeight = Math.max(1, Math.floor((box.h + 0.01) / lineHeight));
    const allowed = Math.min(style.maxLines ?? Infinity, fitByHeight);
    const lines = wrapText(clean, box.w, measure, style.lang);
    const atFloor = size <= floor;
    // A word (not a URL or an identifier run) wider than the line is shrunk rather than broken, down to the floor.
    const brokenWord = !atFloor && clean.split(/\s+/).some((w) => w.length <= 24 && !CJK.test(w) && measure(w) > box.w);
    if ((lines.length <= allowed && !brokenWord) || atFloor) {
      let kept = lines;
      let truncated = false;
      if (lines.length > allowed) {
        kept = lines.slice(0, allowed);
        kept[allowed - 1] = ellipsize(kept[allowed - 1]!, box.w, measure);
        truncated = true;
      }
      // A single grapheme wider than the box (an emoji in a tiny box) cannot be broken further: cut it.
      kept = kept.map((line) => {
        if (measure(line) <= box.w) return line;
        truncated = true;
        const cut = ellipsize(line, box.w, measure);
        return measure(cut) <= box.w ? cut : '';
      });
      // A line taller than the box (box smaller than one line at the floor) cannot be drawn inside it.
      if (lineHeight > box.h + 0.01) {
        kept = [];
        truncated = clean.trim().length > 0;
      }
      const height = kept.length * lineHeight;
      const valign = style.valign ?? 'top';
      const top = valign === 'top' ? box.y : valign === 'middle' ? box.y + (box.h - height) / 2 : box.y + box.h - height;
      const resolvedAlign = rtl && align === 'left' ? 'right' : align;
      return { lines: kept, widths: kept.map(measure), font, css, lineHeight, box, top, align: resolvedAlign, rtl, truncated };
    }
    size = Math.max(floor, size * 0.92);
  }
}

/** The rectangle the fitted lines occupy (for placing things next to text). */
export function textBounds(fitted: FittedText): Box {
  const w = Math.max(0, ...fitted.widths);
  const h = fitted.lines.length * fitted.lineHeight;
  const x = fitted.align === 'left' ? fitted.box.x : fitted.align === 'right' ? fitted.box.x + fitted.box.w - w : fitted.box.x + (fitted.box.w - w) / 2;
  return { x, y: fitted.top, w, h };
}
