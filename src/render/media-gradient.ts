import type { Box } from './geometry.ts';
import { blend, withAlpha } from './color.ts';

/** Colours when a media element carries none (elements made before palettes existed): the dark page and blue. */
const DEFAULT_PALETTE = { page: '#0b1120', accent: '#3b82f6' };

/**
 * Glows of the fallback: position (share of the box), radius (share of its long side), strength, and the periods
 * (seconds) of their slow Lissajous paths. Periods are long and unrelated, so the motion never visibly repeats and
 * stays far below any flashing threshold.
 */
const GLOWS = [
  { x: 0.22, y: 0.3, r: 0.62, a: 0.55, px: 23, py: 31, ax: 0.12, ay: 0.1 },
  { x: 0.8, y: 0.72, r: 0.55, a: 0.42, px: 29, py: 19, ax: 0.1, ay: 0.12 },
  { x: 0.62, y: 0.18, r: 0.4, a: 0.3, px: 37, py: 27, ax: 0.14, ay: 0.08 },
] as const;

/**
 * The picture drawn when there is none (no footage found offline, a frame not decoded): a deep accent-tinted page
 * with soft glows drifting over it at scene time `t`. It reads as a designed backdrop, never as a missing image.
 */
export function drawMediaGradient(ctx: CanvasRenderingContext2D, box: Box, t: number, palette = DEFAULT_PALETTE): void {
  const { x, y, w, h } = box;
  const time = Number.isFinite(t) ? t : 0;
  const deep = blend(palette.accent, palette.page, 0.18);
  const base = ctx.createLinearGradient(x, y, x + w, y + h);
  base.addColorStop(0, deep);
  base.addColorStop(1, blend('#000000', palette.page, 0.35));
  ctx.fillStyle = base;
  ctx.fillRect(x, y, w, h);
  const long = Math.max(w, h);
  GLOWS.forEach((g, i) => {
    const cx = x + w * (g.x + g.ax * Math.sin((2 * Math.PI * time) / g.px + i));
    const cy = y + h * (g.y + g.ay * Math.cos((2 * Math.PI * time) / g.py + 2 * i));
    const r = long * g.r;
    // The second glow is a lighter shade so the backdrop has depth rather than one flat hue.
    const color = i === 1 ? blend('#ffffff', palette.accent, 0.25) : palette.accent;
    const glow = ctx.createRadialGradient(cx, cy, 0, cx, cy, r);
    glow.addColorStop(0, withAlpha(color, g.a));
    glow.addColorStop(0.55, withAlpha(color, g.a * 0.35));
    glow.addColorStop(1, withAlpha(color, 0));
    ctx.fillStyle = glow;
    // Only the glow's own square (inside the box): radial fills are the costly part of this picture.
    const x0 = Math.max(x, cx - r);
    const y0 = Math.max(y, cy - r);
    const x1 = Math.min(x + w, cx + r);
    const y1 = Math.min(y + h, cy + r);
    if (x1 > x0 && y1 > y0) ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  });
}
