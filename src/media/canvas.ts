import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { registerFonts } from './fonts.ts';
import { canvasMeasurer, type Measurer } from '../render/text.ts';
import type { BandVersions } from './yuv.ts';

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

/**
 * Copies the surface's pixels (RGBA; on an opaque surface equal to the premultiplied ones) into `target`, which has
 * width × height × 4 bytes; with `bands`, notes which pairs of rows changed (yuv.ts BandVersions). getImageData is
 * 2–3× cheaper than canvas.data() here, but it cannot fill an existing
 * buffer: it reads into a new one, which this function drops before it returns, so that the next collection finds
 * it dead and young (pixel-pool.ts says why that matters). Its own frame is the last reference: a caller's frame
 * would keep it alive until that function returned.
 */
export function readPixelsInto(surface: Surface, target: Uint8Array, bands?: BandVersions): void {
  const { width, height } = surface.canvas;
  const data = surface.ctx.getImageData(0, 0, width, height).data;
  if (!bands) return target.set(data);
  // Band by band, copying only what differs from the picture the buffer held and noting it (yuv.ts I420Converter
  // converts only those bands): comparing costs about what copying the unchanged bands did.
  const version = ++bands.version;
  const fresh = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const held = Buffer.from(target.buffer, target.byteOffset, target.byteLength);
  const band = width * 8;
  // compare and copy with offsets: no view allocated per band (see yuv.ts pixelWords for why that matters).
  for (let b = 0, at = 0; at < fresh.length; b++, at += band) {
    if (bands.changedAt[b] !== 0 && fresh.compare(held, at, at + band, at, at + band) === 0) continue;
    fresh.copy(held, at, at, at + band);
    bands.changedAt[b] = version;
  }
}

/** Pictures read back in this process since the last collection (all renders together). */
let readSinceCollection = 0;
/**
 * Collect after this many 8 MB (1080p) read-backs: at most ~16 MB of them dead and uncollected. Measured on 2026-12-04
 * with read-backs copied into pooled buffers (readPixelsInto; compiled package, 2-core machine, render settings of
 * render-env.ts): peak RSS deck-12 / 10 minutes at 1080p, every picture 300–313 / 336 MB, every 2 pictures 318–330 /
 * 348 MB, every 3 pictures 344 MB (deck-12). A scavenge costs ~2 ms here, so every picture cost the 10-minute render
 * ~3 s more collection time than every 2. Every picture since 2026-12-06: with frames converted to yuv420p in Node
 * (yuv.ts), x264 takes them faster and read-backs come quicker; every 2 pictures the 10-minute video then peaked at
 * 422 MB, with ~24 MB more of dead read-backs in the canvas's allocator, every picture at 392 MB for no measurable
 * CPU (Node 38.5 s either way; 2-core Xeon host).
 */
const READS_PER_COLLECTION = 1;

/**
 * Call after each full-frame read-back. Every read-back is a new buffer outside the JS heap, and V8 collects such
 * garbage only once ~64 MB more has piled up, with a full collection. When the process runs with --expose-gc (the
 * `videogen` bin's render commands and the benches do), a minor collection every few pictures frees them while they
 * are young; without it V8's own schedule applies. Young is what readPixelsInto ensures: a read-back is dead once it
 * is copied into a pooled buffer, whereas a read-back handed to its encoder often outlived two collections and was
 * promoted (pixel-pool.ts).
 */
export function collectPixelGarbage(): void {
  const gc = (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
  if (!gc || ++readSinceCollection < READS_PER_COLLECTION) return;
  readSinceCollection = 0;
  gc({ type: 'minor' });
}
