import type { CodeElement, Element, TextElement } from './elements.ts';
import { drawIcon } from './icons.ts';
import { enterEnd, enterProgress, focusEnd, focusLevel, windowsLevel } from './motion.ts';
import { cssFont } from './fonts.ts';
import { NO_MEDIA_FRAMES, type MediaFrames } from './media.ts';
import { drawMedia } from './media-draw.ts';
import { mediaSettlesAt, mediaSignature } from './media-clips.ts';

type Ctx = CanvasRenderingContext2D;

const SHADOW_LAYERS = 5;

/**
 * A soft drop shadow made of a few translucent rounded rectangles growing outwards: it reads like a Gaussian shadow
 * at video sizes but costs a tenth of Skia's blur mask (which was 3 ms of every animated 1080p frame).
 */
function drawSoftShadow(ctx: Ctx, box: { x: number; y: number; w: number; h: number }, radius: number, shadow: { color: string; blur: number; offsetY: number }): void {
  const m = /rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+))?\s*\)/.exec(shadow.color);
  const [r, g, b, a] = m ? [m[1], m[2], m[3], Number(m[4] ?? 1)] : ['0', '0', '0', 0.2];
  // Layers overlap, so each carries a share of the alpha that adds up to `a` under the card.
  const layerAlpha = 1 - (1 - a * 0.8) ** (1 / SHADOW_LAYERS);
  ctx.fillStyle = `rgba(${r}, ${g}, ${b}, ${layerAlpha.toFixed(4)})`;
  for (let i = SHADOW_LAYERS; i >= 1; i--) {
    const spread = (shadow.blur * 0.5 * i) / SHADOW_LAYERS;
    roundRectPath(ctx, box.x - spread, box.y - spread + shadow.offsetY, box.w + 2 * spread, box.h + 2 * spread, radius + spread);
    ctx.fill();
  }
}

/** Offset in px an element travels during its entrance, per unit of frame size. */
const TRAVEL = 28;

function roundRectPath(ctx: Ctx, x: number, y: number, w: number, h: number, r: number): void {
  const radius = Math.max(0, Math.min(r, w / 2, h / 2));
  ctx.beginPath();
  ctx.moveTo(x + radius, y);
  ctx.arcTo(x + w, y, x + w, y + h, radius);
  ctx.arcTo(x + w, y + h, x, y + h, radius);
  ctx.arcTo(x, y + h, x, y, radius);
  ctx.arcTo(x, y, x + w, y, radius);
  ctx.closePath();
}

function drawText(ctx: Ctx, el: TextElement): void {
  const { text } = el;
  if (!text.lines.length) return;
  ctx.font = text.css;
  ctx.fillStyle = el.color;
  ctx.textBaseline = 'middle';
  ctx.direction = text.rtl ? 'rtl' : 'ltr';
  ctx.textAlign = text.align;
  if (el.tracking) (ctx as unknown as { letterSpacing: string }).letterSpacing = `${el.tracking}px`;
  const x = text.align === 'left' ? text.box.x : text.align === 'right' ? text.box.x + text.box.w : text.box.x + text.box.w / 2;
  text.lines.forEach((line, i) => {
    // Optical centre sits a little below the em box centre for Latin text.
    ctx.fillText(line, x, text.top + (i + 0.5) * text.lineHeight + text.font.size * 0.04);
  });
  if (el.tracking) (ctx as unknown as { letterSpacing: string }).letterSpacing = '0px';
}

function drawCode(ctx: Ctx, el: CodeElement, t: number): void {
  ctx.font = el.css;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.direction = 'ltr';
  el.lines.forEach((line, i) => {
    const p = enterProgress(line.enter, t);
    if (p <= 0) return;
    const y = el.box.y + i * el.lineHeight;
    const mid = y + el.lineHeight / 2 + el.fontSize * 0.04;
    ctx.globalAlpha = p;
    // A line the narration is talking about gets the emphasis band for as long as it does (faded in and out).
    const focus = windowsLevel(line.focus, t);
    const band = line.emphasis ? 1 : focus;
    if (band > 0) {
      ctx.globalAlpha = p * band;
      ctx.fillStyle = el.emphasisFill;
      ctx.fillRect(el.box.x - el.fontSize * 0.4, y, el.box.w + el.fontSize * 0.8, el.lineHeight);
      if (focus > 0 && el.focusMarker) {
        ctx.globalAlpha = p * focus;
        ctx.fillStyle = el.focusMarker;
        ctx.fillRect(el.box.x - el.fontSize * 0.4, y, el.fontSize * 0.16, el.lineHeight);
      }
      ctx.globalAlpha = p;
    }
    if (line.gutter) {
      ctx.fillStyle = line.gutter.color;
      ctx.fillText(line.gutter.text, el.box.x, mid);
    }
    let x = el.box.x + el.gutterWidth;
    for (const token of line.tokens) {
      // Monospace: every weight and style has the same advance, so styling never moves the columns.
      const font = token.italic || token.bold ? cssFont({ role: 'mono', weight: token.bold ? 700 : 400, size: el.fontSize, italic: Boolean(token.italic) }) : el.css;
      if (ctx.font !== font) ctx.font = font;
      ctx.fillStyle = token.color;
      ctx.fillText(token.text, x, mid);
      x += ctx.measureText(token.text).width;
    }
    ctx.globalAlpha = 1;
  });
}

function drawOne(ctx: Ctx, el: Element, t: number, unit: number, frames: MediaFrames): void {
  const p = enterProgress(el.enter, t);
  if (p <= 0) return;
  const alpha = (el.alpha ?? 1) * (el.enter ? Math.min(1, p * 1.15) : 1);
  ctx.save();
  ctx.globalAlpha *= alpha;
  if (el.enter && p < 1) {
    const d = (1 - p) * TRAVEL * unit;
    if (el.enter.from === 'up') ctx.translate(0, d);
    else if (el.enter.from === 'left') ctx.translate(-d, 0);
    else if (el.enter.from === 'right') ctx.translate(d, 0);
    else if (el.enter.from === 'scale') {
      const b = el.type === 'circle' ? { x: el.cx, y: el.cy, w: 0, h: 0 } : 'box' in el ? el.box : el.type === 'text' ? el.text.box : { x: 0, y: 0, w: 0, h: 0 };
      const s = 0.9 + 0.1 * p;
      ctx.translate(b.x + b.w / 2, b.y + b.h / 2);
      ctx.scale(s, s);
      ctx.translate(-(b.x + b.w / 2), -(b.y + b.h / 2));
    }
  }
  switch (el.type) {
    case 'rect': {
      const { x, y, w, h } = el.box;
      if (el.shadow) drawSoftShadow(ctx, el.box, el.radius, el.shadow);
      roundRectPath(ctx, x, y, w, h, el.radius);
      if (el.gradient) {
        const g = ctx.createLinearGradient(0, y, 0, y + h);
        g.addColorStop(0, el.gradient[0]);
        g.addColorStop(1, el.gradient[1]);
        ctx.fillStyle = g;
        ctx.fill();
      } else if (el.fill) {
        ctx.fillStyle = el.fill;
        ctx.fill();
      }
      if (el.stroke) {
        ctx.strokeStyle = el.stroke;
        ctx.lineWidth = el.lineWidth ?? 1;
        ctx.stroke();
      }
      break;
    }
    case 'circle':
      ctx.beginPath();
      ctx.arc(el.cx, el.cy, el.r, 0, Math.PI * 2);
      if (el.fill) {
        ctx.fillStyle = el.fill;
        ctx.fill();
      }
      if (el.stroke) {
        ctx.strokeStyle = el.stroke;
        ctx.lineWidth = el.lineWidth ?? 1;
        ctx.stroke();
      }
      break;
    case 'text':
      drawText(ctx, el);
      break;
    case 'icon':
      drawIcon(ctx, el.name, el.box, el.color, el.lineWidth);
      break;
    case 'code':
      drawCode(ctx, el, t);
      break;
    case 'line':
      ctx.beginPath();
      ctx.setLineDash(el.dash ?? []);
      ctx.moveTo(el.x1, el.y1);
      ctx.lineTo(el.x2, el.y2);
      ctx.strokeStyle = el.color;
      ctx.lineWidth = el.lineWidth;
      ctx.lineCap = 'round';
      ctx.stroke();
      ctx.setLineDash([]);
      break;
    case 'group':
      for (const child of el.children) drawOne(ctx, child, t, unit, frames);
      break;
    case 'media':
      drawMedia(ctx, el, t, frames);
      break;
  }
  const focus = el.focus ? focusLevel(el.focus, t) : 0;
  if (el.focus && focus > 0) {
    // The ring sits just outside the element so it never covers text and never changes a text/backdrop pair.
    const f = el.focus;
    const out = f.lineWidth * 1.5;
    ctx.globalAlpha *= focus;
    roundRectPath(ctx, f.box.x - out, f.box.y - out, f.box.w + 2 * out, f.box.h + 2 * out, f.radius + out);
    ctx.strokeStyle = f.color;
    ctx.lineWidth = f.lineWidth;
    ctx.stroke();
  }
  ctx.restore();
}

/** Draws a layout's elements at scene time `t` (seconds). Deterministic: same inputs, same pixels. */
export function drawElements(ctx: Ctx, elements: readonly Element[], t: number, unit: number, frames: MediaFrames = NO_MEDIA_FRAMES): void {
  for (const el of elements) drawOne(ctx, el, t, unit, frames);
}

/**
 * Scene time after which nothing moves: the end of the last entrance (including per-line code entrances) and of the
 * last emphasis (item rings and code line bands). Footage, a Ken Burns push, the gradient fallback or cuts between
 * clips keep the picture moving: such a scene never settles (Infinity), and holds come from equal signatures instead.
 */
export function elementsSettleAt(elements: readonly Element[]): number {
  let end = 0;
  for (const el of elements) {
    if (el.type === 'media') end = Math.max(end, mediaSettlesAt(el));
    end = Math.max(end, enterEnd(el.enter), el.focus ? focusEnd(el.focus) : 0);
    if (el.type === 'group') end = Math.max(end, elementsSettleAt(el.children));
    if (el.type === 'code') {
      for (const line of el.lines) {
        end = Math.max(end, enterEnd(line.enter));
        for (const w of line.focus ?? []) end = Math.max(end, focusEnd(w));
      }
    }
  }
  return end;
}

/** Every text element, at any depth, for checks (bounds, contrast). */
export function textElements(elements: readonly Element[]): (TextElement | CodeElement)[] {
  const out: (TextElement | CodeElement)[] = [];
  for (const el of elements) {
    if (el.type === 'text' || el.type === 'code') out.push(el);
    else if (el.type === 'group') out.push(...textElements(el.children));
  }
  return out;
}

/**
 * A key that is equal for two scene times exactly when every element is at the same point of its entrance and of its
 * emphasis, i.e. when the two frames are pixel-identical. Lets the encoder hold a frame instead of drawing and piping
 * it again (the first frames before anything enters, pauses between staggered entrances and between reveals while the
 * voice talks, and everything after the scene settles).
 */
export function elementsSignature(elements: readonly Element[], t: number): string {
  const parts: string[] = [];
  const walk = (list: readonly Element[]) => {
    for (const el of list) {
      if (el.enter) parts.push(enterProgress(el.enter, t).toFixed(4));
      if (el.focus) parts.push(`f${focusLevel(el.focus, t).toFixed(4)}`);
      if (el.type === 'group') walk(el.children);
      if (el.type === 'media') parts.push(mediaSignature(el, t));
      if (el.type === 'code') {
        for (const line of el.lines) {
          if (line.enter) parts.push(`l${enterProgress(line.enter, t).toFixed(4)}`);
          if (line.focus) parts.push(`b${windowsLevel(line.focus, t).toFixed(4)}`);
        }
      }
    }
  };
  walk(elements);
  return parts.join(',');
}
