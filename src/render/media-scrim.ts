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

/** Darkens the element's box: evenly at `scrim`, and towards `scrimBand.alpha` from the band down. */
export function drawScrim(ctx: CanvasRenderingContext2D, el: MediaElement): void {
  const base = el.scrim ?? 0;
  const band = el.scrimBand;
  const { x, y, w, h } = el.box;
  if (!band) {
    if (base <= 0) return;
    ctx.fillStyle = `rgba(0, 0, 0, ${base})`;
    ctx.fillRect(x, y, w, h);
    return;
  }
  const at = (v: number) => Math.min(1, Math.max(0, (v - y) / h));
  const g = ctx.createLinearGradient(0, y, 0, y + h);
  g.addColorStop(0, `rgba(0, 0, 0, ${base})`);
  g.addColorStop(at(band.from), `rgba(0, 0, 0, ${base})`);
  // An eased ramp (three stops) reads as soft light falloff; a straight two-stop ramp shows a visible kink at the top.
  g.addColorStop(at((band.from * 2 + band.full) / 3), `rgba(0, 0, 0, ${base + (band.alpha - base) * 0.22})`);
  g.addColorStop(at((band.from + band.full * 2) / 3), `rgba(0, 0, 0, ${base + (band.alpha - base) * 0.68})`);
  g.addColorStop(Math.max(at(band.full), at((band.from + band.full * 2) / 3)), `rgba(0, 0, 0, ${band.alpha})`);
  g.addColorStop(1, `rgba(0, 0, 0, ${band.alpha})`);
  ctx.fillStyle = g;
  ctx.fillRect(x, y, w, h);
}
