import type { VideoSpec } from '../spec/index.ts';
import type { Frame } from './geometry.ts';
import { cssFont } from './fonts.ts';
import { fitText, isRtl, isRtlContent, type Measurer } from './text.ts';
import { textStyle } from './type-scale.ts';
import type { CaptionCue, TimedWord } from '../timeline/cues.ts';

export interface CaptionStyle {
  position: 'bottom' | 'middle' | 'top';
  mode?: 'sentence' | 'words' | 'karaoke';
  size: 'small' | 'medium' | 'large';
}

const SIZES = { small: 38, medium: 44, large: 52 } as const;

/**
 * Burned-in captions: white text on a dark box at 78 % opacity, which keeps ≥ 4.5:1 over any picture
 * (white on black at 78 % over pure white is #383838: 11:1). Cue text already has its line break (≤ 2 lines).
 */
export function drawCaption(ctx: CanvasRenderingContext2D, frame: Frame, cue: CaptionCue, style: CaptionStyle, measure: Measurer, seconds: number): void {
  if (style.mode === 'words' || style.mode === 'karaoke') return drawWordCaption(ctx, frame, cue, style, measure, seconds, style.mode);
  const text = cue.text;
  const u = frame.unit;
  const maxW = frame.safe.w * (frame.portrait ? 0.96 : 0.8);
  const fitted = fitText(text, { x: 0, y: 0, w: maxW, h: SIZES[style.size] * 1.3 * u * 2 }, textStyle('caption', u, { size: SIZES[style.size], maxLines: 2, align: 'center' }), measure);
  if (!fitted.lines.length) return;
  const padX = 24 * u;
  const padY = 12 * u;
  const w = Math.max(...fitted.widths) + 2 * padX;
  const h = fitted.lines.length * fitted.lineHeight + 2 * padY;
  const x = frame.width / 2 - w / 2;
  const y = style.position === 'top' ? frame.safe.y : style.position === 'middle' ? frame.safe.y + frame.safe.h * 0.62 - h / 2 : frame.safe.y + frame.safe.h - h;
  ctx.save();
  ctx.fillStyle = 'rgba(0, 0, 0, 0.78)';
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 12 * u);
  ctx.fill();
  ctx.font = fitted.css;
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.direction = readsRtl(text) ? 'rtl' : 'ltr';
  fitted.lines.forEach((line, i) => ctx.fillText(line, frame.width / 2, y + padY + (i + 0.5) * fitted.lineHeight));
  ctx.restore();
}

/**
 * A caption's base direction: right to left when it starts with a right-to-left letter or is mostly right-to-left (an
 * Arabic sentence that opens with "Python" still reads from the right).
 */
function readsRtl(text: string): boolean {
  return isRtl(text) || isRtlContent([text]);
}

/** Equal for two video times exactly when the burned-in caption looks the same (same cue; same highlighted word). */
export function captionSignature(cue: CaptionCue | undefined, seconds: number, style: CaptionStyle): string {
  if (!cue) return '';
  if (style.mode === 'words' || style.mode === 'karaoke') return wordCaptionSignature(cue, seconds, style.mode);
  return String(cue.index);
}

/**
 * Word-by-word captions (the Shorts look): big bold white words with a thick dark outline and a soft shadow, legible
 * over any footage without a box; the word being said is accent yellow and pops (scale 1 → 1.08 over 120 ms).
 * Karaoke: the whole cue in the same style, its spoken part filling in yellow as it is said.
 */
type WordCaptionMode = 'words' | 'karaoke';
type WordCaptionStyle = Pick<CaptionStyle, 'position' | 'size'>;

/** Units (1080p short side; a 9:16 unit is 1.15 px at 1080 wide): ≈ 64–83 px words at 1080×1920. */
const WORD_SIZES = { small: 56, medium: 64, large: 72 } as const;
const KARAOKE_SIZES = { small: 44, medium: 50, large: 56 } as const;
const HIGHLIGHT = '#ffd60a';
const FILL = '#ffffff';
const OUTLINE = 'rgba(0, 0, 0, 0.92)';
const POP_SECONDS = 0.12;
const POP_SCALE = 1.08;

/** The word being said at `seconds`: the last one that has started (it stays lit through the pause after it). */
export function activeWord(words: readonly TimedWord[] | undefined, seconds: number): number {
  if (!words) return -1;
  let active = -1;
  words.forEach((w, i) => {
    if (w.start <= seconds) active = i;
  });
  return active;
}

/** Scale of the active word: eases out from 1 to 1.08 over its first 120 ms, then holds. */
export function popScale(elapsed: number): number {
  const t = Math.min(1, Math.max(0, elapsed / POP_SECONDS));
  return 1 + (POP_SCALE - 1) * (1 - (1 - t) ** 3);
}

/** How much of each word is filled in karaoke: 0 before it is said, 1 once said, linear while it is spoken. */
export function karaokeFill(word: TimedWord, seconds: number): number {
  if (seconds < word.start) return 0;
  if (word.end <= word.start || seconds >= word.end) return 1;
  return (seconds - word.start) / (word.end - word.start);
}

/** Equal for two times exactly when the drawing is the same: the lit word and its pop, or the karaoke fill. */
export function wordCaptionSignature(cue: CaptionCue, seconds: number, mode: WordCaptionMode): string {
  const words = cue.words ?? [];
  if (mode === 'karaoke') return `${cue.index}|${words.map((w) => Math.round(karaokeFill(w, seconds) * 1000)).join(',')}`;
  const active = activeWord(words, seconds);
  const pop = active >= 0 ? popScale(seconds - words[active]!.start).toFixed(4) : '';
  return `${cue.index}|${active}|${pop}`;
}

interface PlacedWord {
  text: string;
  x: number;
  width: number;
  line: number;
  /** Index into cue.words, or -1 when the text has more words than timings. */
  timed: number;
}

/**
 * Vertical centre of the caption block. Portrait keeps clear of YouTube's Shorts UI (title, buttons and progress bar
 * over the bottom fifth): `bottom` sits at 66 % of the height, `middle` at 58 %.
 */
function centreY(frame: Frame, style: WordCaptionStyle, blockHeight: number): number {
  if (style.position === 'top') return frame.safe.y + blockHeight / 2;
  if (frame.portrait) return frame.height * (style.position === 'middle' ? 0.58 : 0.66);
  if (style.position === 'middle') return frame.safe.y + frame.safe.h * 0.62;
  return frame.safe.y + frame.safe.h - blockHeight / 2;
}

export function drawWordCaption(ctx: CanvasRenderingContext2D, frame: Frame, cue: CaptionCue, style: WordCaptionStyle, measure: Measurer, seconds: number, mode: WordCaptionMode): void {
  const lines = cue.text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!lines.length) return;
  const rtl = readsRtl(cue.text);
  const cjk = !/\s/.test(cue.text.replace(/\n/g, '')) && /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/.test(cue.text);
  const given = tokensOfLines(lines, cue.words, cjk);
  // Keep the block inside the safe area and out of the Shorts buttons (right 12 %): centred, as wide as the narrower side allows.
  const centreX = frame.width / 2;
  const half = Math.min(centreX - frame.safe.x, Math.min(frame.safe.x + frame.safe.w, frame.width * 0.88) - centreX);
  const maxWidth = 2 * half * 0.94;
  const base = (mode === 'karaoke' ? KARAOKE_SIZES : WORD_SIZES)[style.size] * frame.unit;
  const fontAt = (size: number) => cssFont({ role: 'sans', weight: 800, size });
  // Bold faces have narrow spaces; the outline and the pop need a wider gap to keep words apart.
  // In `words` mode the spoken word grows by POP_SCALE around its centre; the extra gap keeps it off its neighbours.
  const popRoom = mode === 'words' ? 0.14 : 0;
  const space = (size: number) => (cjk ? 0 : Math.max(measure.width(' ', fontAt(size)), 0.36 * size) + popRoom * size);
  const lineWidth = (words: string[], size: number) => words.reduce((w, t) => w + measure.width(t, fontAt(size)), 0) + space(size) * Math.max(0, words.length - 1);
  // Karaoke shows a whole sentence cue (lines of up to 42 characters): at its big size it re-wraps to the width, up
  // to 3 lines, shrinking only when 3 are not enough. Word groups are short and keep their own lines.
  let size = base;
  let tokens = given;
  if (mode === 'karaoke') {
    const flat = given.flat();
    for (; ; size *= 0.92) {
      tokens = wrapTokens(flat, maxWidth, (t) => measure.width(t, fontAt(size)), space(size));
      if (tokens.length <= 3 || size <= base * 0.6) break;
    }
  }
  // The pop enlarges a word by 8 %; leave room for it so a popped word never reaches the safe edge.
  const widest = Math.max(...tokens.map((ws) => lineWidth(ws.map((t) => t.text), size))) * (mode === 'words' ? POP_SCALE : 1);
  if (widest > maxWidth) size *= maxWidth / widest;
  const font = fontAt(size);
  const lineHeight = size * 1.18;
  const blockHeight = tokens.length * lineHeight;
  const top = centreY(frame, style, blockHeight) - blockHeight / 2;
  const placed: PlacedWord[] = [];
  tokens.forEach((ws, line) => {
    const widths = ws.map((t) => measure.width(t.text, font));
    const total = widths.reduce((a, b) => a + b, 0) + space(size) * Math.max(0, ws.length - 1);
    let x = rtl ? centreX + total / 2 : centreX - total / 2;
    ws.forEach((t, i) => {
      const w = widths[i]!;
      placed.push({ text: t.text, x: rtl ? x - w : x, width: w, line, timed: t.timed });
      x += (rtl ? -1 : 1) * (w + space(size));
    });
  });
  const words = cue.words ?? [];
  const active = activeWord(words, seconds);
  ctx.save();
  ctx.font = font;
  ctx.textBaseline = 'middle';
  ctx.direction = rtl ? 'rtl' : 'ltr';
  // Each word is drawn from its reading start: its left edge, or its right edge in right-to-left text.
  ctx.textAlign = rtl ? 'right' : 'left';
  ctx.lineJoin = 'round';
  ctx.miterLimit = 2;
  for (const p of placed) {
    const cy = top + (p.line + 0.5) * lineHeight;
    const lit = mode === 'words' && p.timed >= 0 && p.timed === active;
    const scale = lit ? popScale(seconds - words[active]!.start) : 1;
    ctx.save();
    ctx.translate(p.x + p.width / 2, cy);
    ctx.scale(scale, scale);
    const anchor = rtl ? p.width / 2 : -p.width / 2;
    ctx.shadowColor = 'rgba(0, 0, 0, 0.55)';
    ctx.shadowBlur = size * 0.22;
    ctx.shadowOffsetY = size * 0.06;
    ctx.strokeStyle = OUTLINE;
    ctx.lineWidth = Math.max(6 * frame.unit, size * 0.2);
    ctx.strokeText(p.text, anchor, 0);
    ctx.shadowColor = 'transparent';
    ctx.fillStyle = lit ? HIGHLIGHT : FILL;
    ctx.fillText(p.text, anchor, 0);
    if (mode === 'karaoke' && p.timed >= 0) {
      const fill = karaokeFill(words[p.timed]!, seconds);
      if (fill > 0) {
        // The spoken part of the word, from its reading start (left, or right in RTL).
        ctx.beginPath();
        const w = p.width * fill;
        ctx.rect(rtl ? p.width / 2 - w : -p.width / 2, -size, w, size * 2);
        ctx.clip();
        ctx.fillStyle = HIGHLIGHT;
        ctx.fillText(p.text, anchor, 0);
      }
    }
    ctx.restore();
  }
  ctx.restore();
}

/**
 * The drawn words of each line, each tied to its timing in `cue.words` by reading order across the cue (the n-th word
 * drawn is the n-th timed word with the same text). CJK lines have no spaces, so they are cut as the timed words were.
 */
function tokensOfLines(lines: readonly string[], timed: readonly TimedWord[] | undefined, cjk: boolean): { text: string; timed: number }[][] {
  const words = timed ?? [];
  let cursor = 0;
  const take = (matches: (w: TimedWord) => boolean): number => {
    for (let i = cursor; i < words.length; i++) {
      if (matches(words[i]!)) {
        cursor = i + 1;
        return i;
      }
    }
    return -1;
  };
  return lines.map((line) => {
    if (!cjk) return line.split(/\s+/).map((text) => ({ text, timed: take((w) => w.text === text) }));
    const out: { text: string; timed: number }[] = [];
    let rest = line;
    while (rest) {
      const i = take((w) => w.text !== '' && rest.startsWith(w.text));
      if (i < 0) {
        out.push({ text: rest, timed: -1 });
        break;
      }
      out.push({ text: words[i]!.text, timed: i });
      rest = rest.slice(words[i]!.text.length);
    }
    return out;
  });
}

/** Greedy wrap of drawn words into lines no wider than `maxWidth`; a word wider than a line gets a line to itself. */
function wrapTokens<T extends { text: string }>(tokens: readonly T[], maxWidth: number, width: (text: string) => number, space: number): T[][] {
  const lines: T[][] = [];
  let line: T[] = [];
  let used = 0;
  for (const t of tokens) {
    const w = width(t.text);
    if (line.length && used + space + w > maxWidth) {
      lines.push(line);
      line = [];
      used = 0;
    }
    used += (line.length ? space : 0) + w;
    line.push(t);
  }
  if (line.length) lines.push(line);
  return lines;
}

/**
 * The band of the frame (pixels, top to bottom) that burned-in word or karaoke captions may cover, so scene layouts can
 * keep their text out of it (compose.ts `captionBand`). Sentence captions sit at the edge of the safe area as before
 * and reserve nothing.
 */
export function captionBand(frame: Frame, style: CaptionStyle): { top: number; bottom: number } | undefined {
  if (style.mode !== 'words' && style.mode !== 'karaoke') return undefined;
  const size = (style.mode === 'karaoke' ? KARAOKE_SIZES : WORD_SIZES)[style.size] * frame.unit;
  const lines = style.mode === 'karaoke' ? 3 : 2;
  const block = lines * size * 1.18 * POP_SCALE;
  const centre = centreY(frame, style, block);
  return { top: centre - block / 2, bottom: centre + block / 2 };
}

/** The rows burned-in word captions will cover in this video, for layouts to keep clear of (none otherwise). */
export function captionBandFor(spec: Pick<VideoSpec, 'captions'>, frame: Frame): { top: number; bottom: number } | undefined {
  return spec.captions.burnIn ? captionBand(frame, spec.captions.style) : undefined;
}
