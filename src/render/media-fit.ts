import type { Box } from './geometry.ts';

/** How far the Ken Burns push goes (1.00 → 1.08) and its time constant: most of it in the first ~10 s, never a stop. */
export const KENBURNS_ZOOM = 0.08;
const KENBURNS_TAU = 9;
/** Share of the margin the push creates that the drift may use: the crop never reaches the picture's edge. */
const DRIFT_SHARE = 0.7;

/** Where a picture's pixels go: a source rectangle (fractional, so motion is smooth) drawn into a destination. */
export interface Placement {
  source: Box;
  dest: Box;
}

/** The picture shown whole inside `box`, centred (contain). */
export function containRect(width: number, height: number, box: Box): Box {
  const k = Math.min(box.w / width, box.h / height);
  const w = width * k;
  const h = height * k;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

/** Push-in and drift at `local` seconds: scale ≥ 1 and a drift in [-1, 1]² of the margin the push made. */
export function kenburnsAt(local: number, seed: number): { scale: number; dx: number; dy: number } {
  const ramp = 1 - Math.exp(-Math.max(0, local) / KENBURNS_TAU);
  // The drift direction comes from the picture's ref, so consecutive pictures do not all slide the same way.
  const angle = (seed % 360) * (Math.PI / 180);
  return { scale: 1 + KENBURNS_ZOOM * ramp, dx: Math.cos(angle) * ramp, dy: Math.sin(angle) * ramp };
}

/**
 * The source rectangle of a `width`×`height` picture and where it goes in `box`: cover crops the picture to the box's
 * shape, contain shows it whole in a centred rectangle. Ken Burns then crops a further 1/scale around a centre moved by
 * the drift, always inside the first crop, so no edge of the picture is ever revealed.
 */
export function placePicture(width: number, height: number, box: Box, fit: 'cover' | 'contain', motion: { scale: number; dx: number; dy: number } | undefined): Placement {
  const dest = fit === 'contain' ? containRect(width, height, box) : box;
  // The first crop: the part of the picture with the destination's shape.
  const k = Math.max(dest.w / width, dest.h / height);
  const baseW = dest.w / k;
  const baseH = dest.h / k;
  const scale = motion?.scale ?? 1;
  const w = baseW / scale;
  const h = baseH / scale;
  const cx = width / 2 + (motion ? motion.dx * DRIFT_SHARE * ((baseW - w) / 2) : 0);
  const cy = height / 2 + (motion ? motion.dy * DRIFT_SHARE * ((baseH - h) / 2) : 0);
  return { source: { x: cx - w / 2, y: cy - h / 2, w, h }, dest };
}

/** A stable number from a string (FNV-1a), for deterministic per-picture choices. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
