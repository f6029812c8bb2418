import type { MediaFrames, MediaNeed } from '../render/media.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { coverSize, decodePicture } from './image-decode.ts';
import { VideoFrameReader } from './video-frames.ts';

/** An asset as the feeder needs it: where its bytes are and what they are. */
export interface FeederAsset {
  ref: string;
  kind: 'image' | 'video';
  path: string;
  width: number;
  height: number;
  duration: number;
}

/** A per-segment decoder over the video's assets; frames must be prepared (decoded) before a synchronous draw. */
export interface MediaFeeder extends MediaFrames {
  prepare(needs: readonly MediaNeed[]): Promise<void>;
  close(): Promise<void>;
}

/** Decoded pictures kept across segments. Eight covers every scene two segments render at once, with room to spare. */
const PICTURES_KEPT = 8;

/**
 * Pictures decoded once per asset and shared by every feeder of a render, the least recently used dropped first, so
 * memory is bounded by a few frame-sized bitmaps however many pictures the video has.
 */
export class PictureCache {
  private readonly decoded = new Map<string, Promise<CanvasImageSource>>();

  constructor(private readonly frame: { width: number; height: number }) {}

  get(asset: FeederAsset): Promise<CanvasImageSource> {
    let picture = this.decoded.get(asset.ref);
    if (picture) this.decoded.delete(asset.ref);
    else picture = decodePicture(asset.path, this.frame);
    this.decoded.set(asset.ref, picture);
    picture.catch(() => this.decoded.delete(asset.ref));
    while (this.decoded.size > PICTURES_KEPT) this.decoded.delete(this.decoded.keys().next().value!);
    return picture;
  }
}

export interface FeederOptions {
  assets: ReadonlyMap<string, FeederAsset>;
  pictures: PictureCache;
  frame: { width: number; height: number };
  fps: number;
  tools: MediaTools;
}

/**
 * Feeds one segment's draws: pictures from the shared cache, footage from one ffmpeg reader per clip in view (two
 * when the same file shows twice, e.g. a transition between two stretches of one clip). Readers outlive `prepare`
 * calls so consecutive frames decode as one stream; `close` kills them.
 */
export class NodeMediaFeeder implements MediaFeeder {
  private readonly pictures = new Map<string, CanvasImageSource>();
  private readonly readers = new Map<string, VideoFrameReader[]>();
  private closed = false;

  constructor(private readonly opts: FeederOptions) {}

  async prepare(needs: readonly MediaNeed[]): Promise<void> {
    if (this.closed) return;
    const byRef = new Map<string, number[]>();
    for (const need of needs) {
      const asset = this.opts.assets.get(need.ref);
      if (!asset) continue;
      if (asset.kind === 'image') {
        if (!this.pictures.has(asset.ref)) this.pictures.set(asset.ref, await this.opts.pictures.get(asset));
      } else byRef.set(asset.ref, [...(byRef.get(asset.ref) ?? []), need.seconds]);
    }
    for (const [ref, wanted] of byRef) {
      const asset = this.opts.assets.get(ref)!;
      const readers = this.readers.get(ref) ?? [];
      this.readers.set(ref, readers);
      const times = [...new Set(wanted)].sort((a, b) => a - b);
      for (const [k, seconds] of times.entries()) {
        if (!readers[k]) {
          const size = coverSize(asset.width, asset.height, this.opts.frame.width, this.opts.frame.height);
          readers[k] = new VideoFrameReader({ path: asset.path, duration: asset.duration }, size.width, size.height, this.opts.fps, this.opts.tools);
        }
        await readers[k].seek(seconds);
      }
    }
  }

  frameAt(ref: string, seconds: number): CanvasImageSource | undefined {
    const picture = this.pictures.get(ref);
    if (picture) return picture;
    const readers = this.readers.get(ref);
    if (!readers?.length) return undefined;
    // The reader whose frame is nearest `seconds` (exactly it when the draw asks for what prepare was told).
    let best = readers[0]!;
    for (const r of readers) if (Math.abs(r.seconds - seconds) < Math.abs(best.seconds - seconds)) best = r;
    return best.current();
  }

  async close(): Promise<void> {
    this.closed = true;
    const readers = [...this.readers.values()].flat();
    this.readers.clear();
    this.pictures.clear();
    await Promise.all(readers.map((r) => r.close()));
  }
}
