import { collectPixelGarbage, readPixelsInto, type Surface } from '../media/canvas.ts';
import type { PixelPool } from '../media/pixel-pool.ts';
import { trackBands, type BandVersions } from '../media/yuv.ts';

/** A picture in a buffer of its own, for a reader that runs on while later pictures are drawn. */
export interface KeptPicture {
  pixels: Buffer;
  /** Returns `reader` and gives the buffer back to the pool once it settles: pass the picture's last reader. */
  readBy<T>(reader: Promise<T>): Promise<T>;
}

/**
 * The pictures of one segment, drawn on demand into the surface and read back into pooled buffers (pixel-pool.ts):
 * frame i's picture is drawn only when its key differs from the picture drawn last.
 */
export class SegmentPictures {
  /** The picture drawn last, overwritten by the next one drawn. */
  private readonly shown: Buffer;
  private shownKey: string | undefined;
  /** Which bands of `shown` each read-back changed: the encoders' converter converts only those (yuv.ts). */
  private readonly bands: BandVersions;
  /** Pictures drawn so far. */
  drawn = 0;

  /**
   * `keys[i]`: what frame i shows (frames with equal keys are identical). `prepare(i)`: what frame i's picture needs
   * before it can be drawn (decoded footage). `draw(i)`: paints it on `surface`, synchronously.
   */
  constructor(
    private readonly surface: Surface,
    private readonly pool: PixelPool,
    private readonly keys: readonly string[],
    private readonly draw: (i: number) => void,
    private readonly prepare?: (i: number) => Promise<void>,
  ) {
    this.shown = pool.take();
    this.bands = trackBands(this.shown, surface.canvas.height);
  }

  /**
   * Frame i's pixels, valid until the next call: an encoder's writeFrame has taken them when it resolves. A reader
   * that runs on meanwhile takes kept(i).
   */
  async at(i: number): Promise<Buffer> {
    if (this.keys[i] === this.shownKey) return this.shown;
    await this.prepare?.(i);
    // No await between drawing and reading back: the segment slots share the surface and draw in turn.
    this.draw(i);
    readPixelsInto(this.surface, this.shown, this.bands);
    this.shownKey = this.keys[i];
    this.drawn++;
    collectPixelGarbage();
    return this.shown;
  }

  /** Frame i's pixels in a buffer of their own, back in the pool once the reader given to readBy settles. */
  async kept(i: number): Promise<KeptPicture> {
    const pixels = this.pool.take();
    pixels.set(await this.at(i));
    const release = (): void => this.pool.give(pixels);
    return { pixels, readBy: (reader) => (void reader.then(release, release), reader) };
  }

  /** Gives the shown picture's buffer back; only once nothing reads it (every write of it was awaited). */
  close(): void {
    this.pool.give(this.shown);
  }
}
