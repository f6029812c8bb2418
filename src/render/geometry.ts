import type { Aspect, Resolution } from '../spec/index.ts';

/** Pixels in the frame. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The frame a layout works in. `unit` is the short side over 1080, so type sizes are written once for 1080p and
 * reflow (not scale) across 16:9, 9:16 and 1:1: the same 40-unit body text is 40 px in all three at 1080p.
 */
export interface Frame {
  width: number;
  height: number;
  unit: number;
  aspect: Aspect;
  portrait: boolean;
  /** Title-safe area: everything with meaning sits inside it. */
  safe: Box;
}

const SHORT_SIDE: Record<Resolution, number> = { '720p': 720, '1080p': 1080, '1440p': 1440, '2160p': 2160 };

export function frameFor(aspect: Aspect, resolution: Resolution | number = '1080p'): Frame {
  const short = typeof resolution === 'number' ? resolution : SHORT_SIDE[resolution];
  const long = Math.round((short * 16) / 9 / 2) * 2;
  const width = aspect === '16:9' ? long : short;
  const height = aspect === '9:16' ? long : short;
  const portrait = aspect === '9:16';
  // Shorts are watched on phones held close: type and spacing run 15 % larger than on a 16:9 slide of the same width.
  const unit = (short / 1080) * (portrait ? 1.15 : 1);
  // 5 % margins (90 % title-safe). Shorts put their own buttons over the bottom and right, so keep clear of those.
  const left = width * (portrait ? 0.06 : 0.05);
  const right = width * (portrait ? 0.1 : 0.05);
  const top = height * (portrait ? 0.07 : 0.06);
  const bottom = height * (portrait ? 0.14 : 0.06);
  return { width, height, unit, aspect, portrait, safe: { x: left, y: top, w: width - left - right, h: height - top - bottom } };
}

export function inset(box: Box, dx: number, dy = dx): Box {
  return { x: box.x + dx, y: box.y + dy, w: Math.max(0, box.w - 2 * dx), h: Math.max(0, box.h - 2 * dy) };
}

/** Takes `h` off the top of a box; returns the slice and what is left below it (after `gap`). */
export function sliceTop(box: Box, h: number, gap = 0): [Box, Box] {
  const height = Math.min(h, box.h);
  return [
    { x: box.x, y: box.y, w: box.w, h: height },
    { x: box.x, y: box.y + height + gap, w: box.w, h: Math.max(0, box.h - height - gap) },
  ];
}

export function sliceBottom(box: Box, h: number, gap = 0): [Box, Box] {
  const height = Math.min(h, box.h);
  return [
    { x: box.x, y: box.y + box.h - height, w: box.w, h: height },
    { x: box.x, y: box.y, w: box.w, h: Math.max(0, box.h - height - gap) },
  ];
}

export function sliceLeft(box: Box, w: number, gap = 0): [Box, Box] {
  const width = Math.min(w, box.w);
  return [
    { x: box.x, y: box.y, w: width, h: box.h },
    { x: box.x + width + gap, y: box.y, w: Math.max(0, box.w - width - gap), h: box.h },
  ];
}

/** Splits a box into `n` equal rows (or columns) separated by `gap`. */
export function rows(box: Box, n: number, gap: number): Box[] {
  const h = (box.h - gap * (n - 1)) / n;
  return Array.from({ length: n }, (_, i) => ({ x: box.x, y: box.y + i * (h + gap), w: box.w, h }));
}

export function columns(box: Box, n: number, gap: number): Box[] {
  const w = (box.w - gap * (n - 1)) / n;
  return Array.from({ length: n }, (_, i) => ({ x: box.x + i * (w + gap), y: box.y, w, h: box.h }));
}

/** A box of at most `w`×`h` centred in `box`. */
export function centered(box: Box, w: number, h: number): Box {
  const width = Math.min(w, box.w);
  const height = Math.min(h, box.h);
  return { x: box.x + (box.w - width) / 2, y: box.y + (box.h - height) / 2, w: width, h: height };
}

export function contains(outer: Box, inner: Box, tolerance = 0.5): boolean {
  return (
    inner.x >= outer.x - tolerance &&
    inner.y >= outer.y - tolerance &&
    inner.x + inner.w <= outer.x + outer.w + tolerance &&
    inner.y + inner.h <= outer.y + outer.h + tolerance
  );
}
