import { forgetBands } from './yuv.ts';

/**
 * Frame-sized buffers that pictures are read back into, reused from segment to segment.
 *
 * Why not hand the encoder the buffer Skia reads back into: each read-back is a fresh 8 MB buffer (1080p) that lives
 * until ffmpeg has taken it, and ffmpeg takes it late when x264 is busy. Meanwhile the other segment slot draws and
 * collections run, so most of those buffers outlived two minor collections, were promoted, and could be freed only
 * by a full collection: V8 ran one per ~64 MB of them (15–17 on deck-12, 108 on a 10-minute video), and meanwhile
 * the dead ones piled up in the canvas's allocator (~150 MB resident while a 10-minute 1080p video rendered). Copied
 * into a pooled buffer at once, a read-back is garbage before the next collection, which frees it while it is young.
 */
export class PixelPool {
  private readonly free: Buffer[] = [];

  /** `bytes`: one picture, width × height × 4 (RGBA). */
  constructor(readonly bytes: number) {}

  /** A buffer of `bytes` bytes with undefined contents: a free one, or a new one when all are in use. */
  take(): Buffer {
    const buffer = this.free.pop();
    if (!buffer) return Buffer.allocUnsafeSlow(this.bytes);
    // Its next owner may write it any way: a record of which rows changed (yuv.ts) would no longer be true.
    forgetBands(buffer);
    return buffer;
  }

  /** Returns a buffer for reuse. Only once nothing reads it any more: the next take() may overwrite it. */
  give(buffer: Buffer): void {
    if (buffer.byteLength === this.bytes && !this.free.includes(buffer)) this.free.push(buffer);
  }

  /** Buffers waiting to be reused (for tests). */
  get idle(): number {
    return this.free.length;
  }
}
