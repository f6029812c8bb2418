import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { encodeStill } from './still.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { gopFrames, videoCodecArgs } from './presets.ts';
import { YUV_CONVERSION } from './yuv.ts';
import type { FrameRate, PresetName } from './presets.ts';

/**
 * The fallback for long holds when the stream offers no reusable skip slices (hold.ts skipTemplateFor returns
 * undefined; synthesised holds are used otherwise). Tiled holds: a long static hold is not encoded frame by frame. One tile of the held picture (an IDR and
 * tileFrames − 1 frames that copy it) is encoded once and listed again and again in the concat demuxer's list, so a
 * 4 s hold costs one 1 s encode plus a stream copy. Tiles are encoded with the very arguments of every other piece
 * (videoCodecArgs), so SPS/PPS are identical and the join is seamless.
 */

/** Bump when a tile file changes shape (arguments, filter, container), so old cache entries are never reused. */
const TILE_VERSION = 't1';

/**
 * Frames per tile: half a GOP (1 s at 30 fps). Every tile starts with an IDR, so this is the keyframe spacing inside a
 * tiled hold, and a divisor of the GOP keeps every gap ≤ 2 s. Why not the whole GOP: a 2 s tile leaves up to 2 s of
 * each hold to the streamed piece and saves nothing on holds under 6 s (the deck's settled holds are ~3.6 s); 1 s
 * tiles cost one more IDR per second of hold (a 1080p slide: ~25–60 KB), which stays far below the streamed parts.
 */
export function tileFramesFor(fps: FrameRate): number {
  const gop = gopFrames(fps);
  return gop % 2 === 0 ? gop / 2 : gop;
}

/**
 * A run is tiled only when it fills at least this many tiles. Break-even, measured on the 2-core machine at 1080p
 * standard (busy, ±30 %): a held frame costs x264 ~8 ms inside a stream, a 30-frame tile ~0.39 s including ffmpeg's
 * start-up (~0.13 s), and splitting a stream around the hold costs one more encoder start (~0.15 s) plus the segment's
 * join (~0.1 s, shared by its tiles). One tile saves nothing (its frames are encoded either way), two save ~30 frames
 * ≈ 0.25 s against ~0.3–0.4 s of extra process starts, three or more win clearly (≥ 0.5 s saved). At 720p draft a held
 * frame costs ~1.5 ms, so there a tile pays only when it is reused (cached) or the hold is long; three tiles is the
 * bar that pays at 1080p and stays harmless at 720p. Whole deck-12 (12 holds of 108 frames → 3 tiles each), ffmpeg
 * CPU: 33.1 s untiled → 27.5 s (bar 3) against 31.6–32.2 s with the bar at 4 (one tile); wall time moved less than
 * the shared machine's noise (20.6–38.2 s for the same code).
 */
export const MIN_TILE_REPEATS = 3;

export interface TileOptions {
  width: number;
  height: number;
  fps: FrameRate;
  preset: PresetName;
  tools: MediaTools;
  tileFrames: number;
  signal?: AbortSignal;
}

/**
 * The content address of a tile: the picture's pixels and everything that changes the bits x264 writes for them (size,
 * rate, codec arguments, colour conversion, tile length, ffmpeg build).
 */
export function tileKey(pixels: Uint8Array, opts: TileOptions): string {
  const hash = createHash('sha256');
  hash.update(pixels);
  hash.update(
    JSON.stringify({
      v: TILE_VERSION,
      width: opts.width,
      height: opts.height,
      fps: String(opts.fps),
      tileFrames: opts.tileFrames,
      codec: videoCodecArgs(opts.preset, opts.fps),
      filter: YUV_CONVERSION,
      ffmpeg: opts.tools.version,
    }),
  );
  return hash.digest('hex');
}

/** Tiles being encoded by this process, by path: two segments holding the same picture wait for one encode. */
const inFlight = new Map<string, Promise<boolean>>();

/**
 * Makes sure the tile at `path` exists (content-addressed, so an existing file is always right). Resolves true when
 * this call encoded it, false when it was there already or another caller encoded it.
 */
export function ensureTile(pixels: Uint8Array, path: string, opts: TileOptions): Promise<boolean> {
  const pending = inFlight.get(path);
  if (pending) return pending.then(() => false);
  const work = (async () => {
    if (await access(path).then(() => true, () => false)) return false;
    await encodeStill(pixels, opts.tileFrames, { output: path, width: opts.width, height: opts.height, fps: opts.fps, preset: opts.preset, tools: opts.tools, ...(opts.signal ? { signal: opts.signal } : {}) });
    return true;
  })();
  inFlight.set(path, work);
  const forget = () => void inFlight.delete(path);
  work.then(forget, forget);
  return work;
}
