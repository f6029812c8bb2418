import type { Frame } from './geometry.ts';
import { fitText, type Measurer } from './text.ts';
import { textStyle } from './type-scale.ts';
import type { CaptionCue } from '../timeline/cues.ts';

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
export function drawCaption(ctx: CanvasRenderingContext2D, frame: Frame, cue: CaptionCue, style: CaptionStyle, measure: Measurer, _seconds: number): void {
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
  ctx.direction = fitted.rtl ? 'rtl' : 'ltr';
  fitted.lines.forEach((line, i) => ctx.fillText(line, frame.width / 2, y + padY + (i + 0.5) * fitted.lineHeight));
  ctx.restore();
}

/** Equal for two video times exactly when the burned-in caption looks the same (same cue; same highlighted word). */
export function captionSignature(cue: CaptionCue | undefined, _seconds: number, _style: CaptionStyle): string {
  return cue ? String(cue.index) : '';
}
