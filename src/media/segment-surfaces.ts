import { createSurface, type Surface } from './canvas.ts';
import { PixelPool } from './pixel-pool.ts';
import { I420Converters } from './yuv.ts';

/**
 * The canvases a render's segments draw on (src/pipeline/segments.ts renderSegment). Segments drawn in turn by one
 * process share one set: drawing is synchronous, and the composer records what each surface holds.
 */
export interface SegmentSurfaces {
  /** The frame that is read back and encoded. */
  main: Surface;
  /** A transition's outgoing and incoming scenes. */
  a: Surface;
  b: Surface;
  /** Scene backgrounds, one per segment drawn at a time (VideoFrameComposer keeps each scene's while it is in use). */
  backgrounds: Surface[];
  /** Buffers the frames are read back into (pixel-pool.ts), shared like the surfaces. */
  pixels: PixelPool;
  /** RGBA → yuv420p converters (yuv.ts), one per segment drawn at a time: each remembers its last picture. */
  converters: I420Converters;
}

/** `slots`: how many segments share these surfaces, drawing in turn (the render's segment concurrency). */
export function createSegmentSurfaces(width: number, height: number, slots = 1): SegmentSurfaces {
  // Every one of them is painted edge to edge (a background first, or a whole scene): opaque surfaces copy faster.
  const surface = () => createSurface(width, height, { opaque: true });
  return { main: surface(), a: surface(), b: surface(), backgrounds: Array.from({ length: Math.max(1, slots) }, surface), pixels: new PixelPool(width * height * 4), converters: new I420Converters(width, height) };
}
