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
 * Collect after this many 8 MB (1080p) pictures: about 32 MB of dropped pixel buffers at most. Measured on
 * 2026-12-03 (compiled package, 2-core machine): every 8 pictures saves ~0.8 s of Node CPU on deck-12 but a 10-minute
 * 1080p render peaks at 423 MB instead of 386 MB; no collections at all, 428 MB on deck-12.
 */
const READS_PER_COLLECTION = 4;

/**
 * Call after each full-frame read-back. Every read-back is a new buffer (getImageData cannot fill an existing one)
 * outside the JS heap, and V8 collects such garbage only once ~64 MB more has piled up; with two segment slots that
 * was the largest part of a render's peak RSS. When the process runs with --expose-gc (the `videogen` bin's render
 * commands and the benches do), a collection every few pictures keeps the pile small; without it V8's own schedule
 * applies.
 *
 * A minor collection (scavenge) is enough: a picture's buffer lives only until its encoder has read it, so it is
 * still young when it is dropped. Measured on deck-12 at 1080p (2-core machine, 73 collections): full collections
 * 1.75–1.81 s, minor 0.34–0.40 s, peak RSS 355 → 366 MB; a 10-minute 1080p render peaks at 388 MB.
 */
export function collectPixelGarbage(): void {
  const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
  if (!gc || ++readSinceCollection < READS_PER_COLLECTION) return;
  readSinceCollection = 0;
  gc({ type: 'minor' });
}
