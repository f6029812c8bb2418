/**
 * RGBA → yuv420p (I420) with the BT.709 matrix in limited range, done here instead of by ffmpeg's swscale: every
 * picture the renderer draws reaches x264 this way (encoder.ts, still.ts, annexb-encode.ts), and the streams are
 * tagged BT.709 / limited (presets.ts videoCodecArgs), so players show the colours the canvas drew.
 *
 * Why here: a 1080p RGBA picture is 8.3 MB on the pipe, its I420 form 3.1 MB; swscale spent ~6.5 ms of the encoder's
 * CPU on each picture (2-core machine), and a streamed picture is mostly an animation step in which most rows stand
 * still, which I420Converter does not convert again.
 *
 * Exact to rounding (swscale's chroma was off by up to 12 levels at sharp colour edges): luma is each pixel's own
 * value, chroma the value of the 2×2 block's mean colour. 16-bit fixed point; the coefficients are BT.709's
 * Kr = 0.2126, Kb = 0.0722 scaled to 219 (luma) and 224 (chroma) levels. Alpha is ignored: frames are opaque.
 */

/** Names this conversion in cache keys (tiles, synthesised holds): a different conversion gives different pixels. */
export const YUV_CONVERSION = 'videogen-i420-bt709-limited-box-v1';

/** Converts a whole RGBA picture into `out` (i420Bytes long): the Y plane, then Cb, then Cr. */
export function rgbaToI420(rgba: Uint8Array, width: number, height: number, out: Uint8Array): void {
  if (width % 2 || height % 2) throw new RangeError(`yuv420p needs even sides, got ${width}x${height}`);
  if (rgba.byteLength !== width * height * 4) throw new RangeError(`an RGBA ${width}x${height} picture has ${width * height * 4} bytes, got ${rgba.byteLength}`);
  if (out.byteLength !== i420Bytes(width, height)) throw new RangeError(`an I420 ${width}x${height} picture has ${i420Bytes(width, height)} bytes, got ${out.byteLength}`);
  const px = pixelWords(rgba, width, height);
  for (let y = 0; y < height; y += 2) convertRows(px, width, height, y, out);
}

/**
 * The picture as one 32-bit word per pixel; little-endian, so R is the low byte (every platform Node runs on here
 * is). One view per picture, not per band: a render converts hundreds of thousands of bands, and views allocated
 * by the hundred per picture made the young generation fill and collect at moments that promoted read-backs.
 */
function pixelWords(rgba: Uint8Array, width: number, height: number): Uint32Array {
  return new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
}

/** Rows y and y + 1 of the picture into luma rows y, y + 1 and chroma row y / 2 of `out`. */
function convertRows(px: Uint32Array, width: number, height: number, y: number, out: Uint8Array): void {
  const lumaSize = width * height;
  const chromaWidth = width >> 1;
  const uPlane = lumaSize;
  const vPlane = lumaSize + (lumaSize >> 2);
  let top = y * width;
  let bottom = top + width;
  let u = uPlane + (y >> 1) * chromaWidth;
  let v = vPlane + (y >> 1) * chromaWidth;
  for (let x = 0; x < width; x += 2, top += 2, bottom += 2, u++, v++) {
    const a = px[top]!;
    const b = px[top + 1]!;
    const c = px[bottom]!;
    const d = px[bottom + 1]!;
    const ra = a & 255, ga = (a >>> 8) & 255, ba = (a >>> 16) & 255;
    const rb = b & 255, gb = (b >>> 8) & 255, bb = (b >>> 16) & 255;
    const rc = c & 255, gc = (c >>> 8) & 255, bc = (c >>> 16) & 255;
    const rd = d & 255, gd = (d >>> 8) & 255, bd = (d >>> 16) & 255;
    // Y = 16 + (0.2126 R + 0.7152 G + 0.0722 B) · 219/255, rounded: ×65536, + (16 + 0.5) · 65536.
    out[top] = (11966 * ra + 40254 * ga + 4064 * ba + 1081344) >> 16;
    out[top + 1] = (11966 * rb + 40254 * gb + 4064 * bb + 1081344) >> 16;
    out[bottom] = (11966 * rc + 40254 * gc + 4064 * bc + 1081344) >> 16;
    out[bottom + 1] = (11966 * rd + 40254 * gd + 4064 * bd + 1081344) >> 16;
    // Cb, Cr of the block's mean colour: sums of four (÷4 folded into the shift), + (128 + 0.5) · 262144.
    const r = ra + rb + rc + rd;
    const g = ga + gb + gc + gd;
    const bl = ba + bb + bc + bd;
    out[u] = (-6598 * r - 22189 * g + 28787 * bl + 33685504) >> 18;
    out[v] = (28787 * r - 26145 * g - 2642 * bl + 33685504) >> 18;
  }
}

/** A buffer for one I420 picture. */
function i420Buffer(width: number, height: number): Buffer {
  return Buffer.allocUnsafeSlow(i420Bytes(width, height));
}

/** Bytes of one yuv420p picture. */
export function i420Bytes(width: number, height: number): number {
  return width * height + 2 * ((width >> 1) * (height >> 1));
}

/**
 * Which bands (pairs of rows: what one chroma row of yuv420p covers) of a picture buffer changed, and when. The code
 * that fills the buffer keeps it (canvas.ts readPixelsInto, for the buffer a segment's pictures are read back into):
 * every fill is a new `version`, and a band that differed from what the buffer held gets that version. A buffer
 * written any other way has none (PixelPool.take forgets it), so a converter never trusts a stale record.
 */
export class BandVersions {
  version = 0;
  readonly changedAt: Uint32Array;

  constructor(height: number) {
    this.changedAt = new Uint32Array(height >> 1);
  }
}

const bandVersions = new WeakMap<Uint8Array, BandVersions>();

/** The record of `buffer`'s bands, created (every band new) if it has none. */
export function trackBands(buffer: Uint8Array, height: number): BandVersions {
  let versions = bandVersions.get(buffer);
  if (!versions) bandVersions.set(buffer, (versions = new BandVersions(height)));
  return versions;
}

/** Forgets `buffer`'s record: whoever writes into it next without one is not tracked. */
export function forgetBands(buffer: Uint8Array): void {
  bandVersions.delete(buffer);
}

/**
 * Converts pictures one after another, redoing only the bands that changed since the picture it converted last when
 * that was the same tracked buffer (BandVersions): a streamed picture is usually an animation step in which most of
 * the frame stands still (deck-12: 71 % of bands unchanged), and a picture piped again is not converted at all.
 * Holds the I420 form (3 MB at 1080p); a render keeps one per segment slot (SegmentSurfaces.converters), so the
 * pieces of a segment share it.
 */
export class I420Converter {
  readonly out: Buffer;
  private lastSource: BandVersions | undefined;
  private lastVersion = 0;
  /** Bands converted so far (the tests count them). */
  converted = 0;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.out = i420Buffer(width, height);
  }

  /** `rgba`'s I420 form, in `out` (valid until the next call). */
  convert(rgba: Uint8Array): Buffer {
    const { width, height } = this;
    if (rgba.byteLength !== width * height * 4) throw new RangeError(`an RGBA ${width}x${height} picture has ${width * height * 4} bytes, got ${rgba.byteLength}`);
    const source = bandVersions.get(rgba);
    const since = source && source === this.lastSource ? this.lastVersion : -1;
    const px = pixelWords(rgba, width, height);
    for (let band = 0; band < height >> 1; band++) {
      if (since >= 0 && source!.changedAt[band]! <= since) continue;
      convertRows(px, width, height, band * 2, this.out);
      this.converted++;
    }
    this.lastSource = source;
    this.lastVersion = source?.version ?? 0;
    return this.out;
  }
}

/** Converters reused from segment to segment, one per segment drawn at a time. */
export class I420Converters {
  private readonly free: I420Converter[] = [];

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {}

  take(): I420Converter {
    return this.free.pop() ?? new I420Converter(this.width, this.height);
  }

  /** Only once no write of its `out` is pending. */
  give(converter: I420Converter): void {
    if (!this.free.includes(converter)) this.free.push(converter);
  }
}

/** Free I420 buffers by size, so the pictures encoded alone do not leave a 3 MB buffer each for the collector. */
const spare = new Map<number, Buffer[]>();
/** Spare buffers kept per size: one, which serves a render that encodes such pictures one at a time. */
const SPARE_KEEP = 1;

/**
 * Runs `use` with the I420 forms of `pictures` (the few pictures encoded alone: stills, held pictures, fades) in
 * buffers that are reused once it settles. Why pooled: such a buffer lives as long as its ffmpeg run (~0.1–0.2 s),
 * long enough to be promoted, and promoted buffers wait for a full collection: on a 10-minute video, hundreds of them.
 */
export async function withI420<T>(pictures: readonly Uint8Array[], width: number, height: number, use: (i420: Buffer[]) => Promise<T>): Promise<T> {
  const bytes = i420Bytes(width, height);
  const free = spare.get(bytes) ?? [];
  spare.set(bytes, free);
  const buffers = pictures.map((rgba) => {
    const out = free.pop() ?? i420Buffer(width, height);
    rgbaToI420(rgba, width, height, out);
    return out;
  });
  try {
    return await use(buffers);
  } finally {
    for (const b of buffers) if (free.length < SPARE_KEEP) free.push(b);
  }
}
