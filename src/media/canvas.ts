import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { registerFonts } from './fonts.ts';
import { canvasMeasurer, type Measurer } from '../render/text.ts';

/** A Skia canvas for Node, typed as the DOM canvas the isomorphic renderer draws on. */
export interface Surface {
  canvas: Canvas;
  ctx: CanvasRenderingContext2D;
}

/**
 * `opaque`: the surface is always painted edge to edge with opaque colour (a video frame, a scene background), so Skia
 * may treat it as having no alpha. Copying such a surface onto another is then a plain copy instead of a blend:
 * measured at 1080p (2-core machine), background copy + read-back 3.1–4.3 ms → 1.9–2.0 ms a picture.
 */
export function createSurface(width: number, height: number, opts: { opaque?: boolean } = {}): Surface {
  registerFonts();
  const canvas = createCanvas(width, height);
  const ctx = (opts.opaque ? canvas.getContext('2d', { alpha: false }) : canvas.getContext('2d')) as SKRSContext2D;
  return { canvas, ctx: ctx as unknown as CanvasRenderingContext2D };
}

let sharedMeasurer: Measurer | undefined;

/** One measuring context for layouts in this process (measurement does not depend on the target canvas). */
export function nodeMeasurer(): Measurer {
  if (!sharedMeasurer) sharedMeasurer = canvasMeasurer(createSurface(8, 8).ctx);
  return sharedMeasurer;
}

export async function encodePng(surface: Surface): Promise<Buffer> {
  return surface.canvas.encode('png');
}

/** Pictures read back in this process since the last collection (all renders together). */
let readSinceCollection = 0;
/**
 * Collect after this many 8 MB (1080p) pictures: about 24 MB of dropped pixel buffers at most. Measured on 2026-12-03
 * (compiled package, 2-core machine, render allocator settings of render-env.ts), peak RSS of a 10-minute 1080p render:
 * every 4 pictures 390–404 MB, every 3 pictures 381 MB; a minor collection costs ~5 ms, so the extra ones cost ~0.1 s
 * on deck-12. (With full collections every 8 pictures saved ~0.8 s of Node CPU but peaked at 423 MB.)
 */
const READS_PER_COLLECTION = 3;

/**
 * Call after each full-frame read-back. Every read-back is a new buffer (getImageData cannot fill an existing one)
 * outside the JS heap, and V8 collects such garbage only once ~64 MB more has piled up; with two segment slots that
 * was the largest part of a render's peak RSS. When the process runs with --expose-gc (the `videogen` bin's render
 * commands and the benches do), a collection every few pictures keeps the pile small; without it V8's own schedule
 * applies.
 *
 * A minor collection (scavenge) is enough: a picture's buffer lives only until its encoder has read it, so it is
 * still young when it is dropped. Measured on deck-12 at 1080p (2-core machine, 73 collections): full collections
 * 1.75–1.81 s, minor 0.34–0.40 s, peak RSS 355 → 366 MB.
 */
export function collectPixelGarbage(): void {
  const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
  if (!gc || ++readSinceCollection < READS_PER_COLLECTION) return;
  readSinceCollection = 0;
  gc({ type: 'minor' });
}
