import type { MediaElement } from './elements.ts';
import { blend, contrast } from './color.ts';

/** WCAG AA for body text. */
const AA = 4.5;
/** Above this the picture is gone; a text colour needing more is a layout bug the contrast tests catch. */
const MAX_SCRIM = 0.95;

/**
 * The colour behind text over a picture in the worst case: a pure white picture under `alpha` of black. Any real
 * picture is darker or equal there, so light text that passes against this passes against every picture.
 */
export function scrimBackdrop(alpha: number): string {
  return blend('#000000', '#ffffff', alpha);
}

/**
 * The least darkening (to 0.01) at which every colour in `colors` keeps `ratio` against the worst-case backdrop, and
 * never less than `requested`. The spec's `scrim` is a wish; readability is not negotiable.
 */
export function minScrimAlpha(colors: readonly string[], requested = 0, ratio = AA): number {
  for (let step = Math.max(0, Math.ceil(requested * 100 - 1e-9)); step <= MAX_SCRIM * 100; step++) {
    const alpha = step / 100;
    const backdrop = scrimBackdrop(alpha);
    if (colors.every((c) => contrast(c, backdrop) >= ratio)) return alpha;
  }
  return MAX_SCRIM;
}

/** Darkens the element's box: evenly at `scrim`, and to `scrimBand.alpha` across the band, with soft edges. */
export function drawScrim(ctx: CanvasRenderingContext2D, el: MediaElement): void {
  const base = el.scrim ?? 0;
  const band = el.scrimBand;
  const { x, y, w, h } = el.box;
  if (!band || band.alpha <= base) {
    if (base <= 0) return;
    ctx.fillStyle = `rgba(0, 0, 0, ${base})`;
    ctx.fillRect(x, y, w, h);
    return;
  }
  const g = ctx.createLinearGradient(0, y, 0, y + h);
  const stop = (row: number, level: number) => g.addColorStop(Math.min(1, Math.max(0, (row - y) / h)), `rgba(0, 0, 0, ${(base + (band.alpha - base) * level).toFixed(4)})`);
  // Smoothstep ramps (sampled at thirds) read as soft light falloff; a straight ramp shows a kink where it meets the band.
  const ramp = [0, 0.259, 0.741, 1];
  ramp.forEach((level, i) => stop(band.top - band.feather * (1 - i / 3), level));
  ramp.forEach((level, i) => stop(band.bottom + band.feather * (i / 3), 1 - level));
  ctx.fillStyle = g;
  ctx.fillRect(x, y, w, h);
}
