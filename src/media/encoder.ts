import type { Readable, Writable } from 'node:stream';
import { launchTool, type ToolProcess } from './spawn-host.ts';
import { I420Converter } from './yuv.ts';
import { findFfmpeg } from './ffmpeg-path.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { commitFile, discardFile, partialPath } from './atomic.ts';
import { StderrTail, cancelledError, ffmpegFailed } from './process.ts';
import { rawYuvInput, validateFrameSize, videoCodecArgs } from './presets.ts';
import type { CodecTweaks, EncodePreset, FrameRate, PresetName } from './presets.ts';
import { VideogenError } from '../errors.ts';

export interface FrameEncoderOptions {
  /** Final path of the MP4; it appears only when finish() succeeds. */
  output: string;
  width: number;
  height: number;
  fps: FrameRate;
  preset: PresetName | EncodePreset;
  /** Move the moov atom to the front; for files that are played directly, not for segments joined later. */
  faststart?: boolean;
  tools?: MediaTools;
  signal?: AbortSignal;
  /**
   * Static holds: for each, input frames `at` and `at + 1` (0-based) carry the same picture and ffmpeg inserts `count`
   * more copies of it between them (its loop filter, after conversion to YUV), so a held picture crosses the pipe and
   * the colour converter twice instead of `count + 2` times. Holds must not overlap; any order is accepted.
   */
  holds?: readonly Hold[];
  /** Departures from the preset that keep the parameter sets (presets.ts CodecTweaks), e.g. thread counts. */
  tweaks?: CodecTweaks;
  /**
   * 'h264' writes the raw Annex B stream (parameter sets in band) instead of an MP4, for pieces joined with
   * synthesised frames in Node (hold.ts writeJoinedPieces).
   */
  container?: 'mp4' | 'h264';
  /**
   * Code the frames with these 0-based indices (counted after holds) as IDRs, besides the GOP's own: e.g. a picture
   * whose synthesised hold follows, or the first frame after a fade's two pictures.
   */
  keyframes?: readonly number[];
  /**
   * Converts the RGBA frames to the yuv420p the pipe carries (yuv.ts), shared with the encoders before and after this
   * one in a segment slot so unchanged rows are not converted again; the encoder makes its own when none is given.
   */
  converter?: I420Converter;
}

export interface Hold {
  at: number;
  count: number;
}

export interface EncodeResult {
  output: string;
  frames: number;
  /** Wall-clock time from spawn to the renamed file, milliseconds. */
  elapsedMs: number;
}

/** The encoder's process: frames go in on stdin, errors come out on stderr. */
type Child = ToolProcess & { stdin: Writable; stderr: Readable };

/** Frames the holds add to what was piped. */
export function heldFrames(holds: readonly Hold[]): number {
  return holds.reduce((n, h) => n + Math.max(0, h.count), 0);
}

/**
 * The -vf chain for a set of holds: one `loop` filter per hold, each counting the frames its predecessors added.
 * Why a pair of identical frames per hold: ffmpeg 5.1's loop filter repeats the frame *before* `start` (measured:
 * start=S repeats input frame S−1; start=0 and 1 both repeat frame 0), while the documentation says frame `start`.
 * With frames `at` and `at + 1` identical and start = at + 1, either reading inserts the same pictures at the same
 * place, so the output is exact whichever version runs (system ffmpeg 5.1+, the npm 4.1 fallback).
 */
export function holdFilter(holds: readonly Hold[]): string {
  const parts: string[] = [];
  let added = 0;
  for (const h of [...holds].filter((x) => x.count > 0).sort((a, b) => a.at - b.at)) {
    parts.push(`loop=loop=${h.count}:size=1:start=${h.at + 1 + added}`);
    added += h.count;
  }
  if (added) parts.push('setpts=N/FRAME_RATE/TB');
  return parts.length ? parts.join(',') : 'null';
}

/**
 * Streams raw RGBA frames (straight from the canvas, premultiplied alpha is fine on an opaque background) into one
 * ffmpeg process that writes an H.264 MP4 segment. Every write waits until ffmpeg has taken the bytes, which is both the
 * backpressure and the guarantee that the caller may redraw into the same buffer as soon as writeFrame resolves.
 */
export class FrameEncoder {
  private readonly partial: string;
  private readonly tail = new StderrTail();
  private readonly closed: Promise<void>;
  private readonly started = performance.now();
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private spawnError: Error | undefined;
  private state: 'open' | 'finishing' | 'done' | 'failed' | 'aborted' = 'open';
  private aborting: Promise<void> | undefined;
  private frames = 0;
  private converter: I420Converter | undefined;
  private readonly frameBytes: number;
  private readonly onAbort = (): void => void this.abort();

  private constructor(
    private readonly opts: FrameEncoderOptions,
    private readonly tools: MediaTools,
    private readonly child: Child,
    private readonly args: string[],
    partial: string,
  ) {
    this.partial = partial;
    this.frameBytes = opts.width * opts.height * 4;
    this.converter = opts.converter;
    child.stderr.on('data', (c: Buffer) => this.tail.push(c));
    // EPIPE when ffmpeg dies early is reported through the write callback and the exit code; swallow the event.
    child.stdin.on('error', () => undefined);
    this.closed = child.done.then((exit) => {
      if (exit.error) this.spawnError = exit.error;
      else this.exit = { code: exit.code, signal: exit.signal };
    });
    opts.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Starts ffmpeg for one segment. Resolves once the process is spawned; frames can be written immediately. */
  static async open(opts: FrameEncoderOptions): Promise<FrameEncoder> {
    validateFrameSize(opts.width, opts.height);
    for (const k of opts.keyframes ?? []) {
      if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`keyframes: ${k} must be a frame index (an integer ≥ 0)`);
    }
    if (opts.signal?.aborted) throw cancelledError();
    const tools = opts.tools ?? (await findFfmpeg());
    const partial = partialPath(opts.output);
    const args = [
      '-hide_banner', '-nostats', '-loglevel', 'error', '-y',
      ...rawYuvInput(opts.width, opts.height, opts.fps),
      '-an', '-vf', holdFilter(opts.holds ?? []),
      ...videoCodecArgs(opts.preset, opts.fps, opts.tweaks),
      ...(opts.keyframes?.length ? ['-force_key_frames', `expr:${opts.keyframes.map((k) => `eq(n,${k})`).join('+')}`] : []),
      ...(opts.faststart ? ['-movflags', '+faststart'] : []),
      '-f', opts.container ?? 'mp4', partial,
    ];
    const child = await launchTool(tools.ffmpeg, args, ['pipe', 'ignore', 'pipe']);
    if (!child.stdin || !child.stderr) {
      const exit = await child.done;
      throw new VideogenError('FFMPEG_MISSING', `cannot run ${tools.ffmpeg}: ${exit.error?.message ?? 'it did not start'}`, { bin: tools.ffmpeg });
    }
    return new FrameEncoder(opts, tools, child as Child, args, partial);
  }

  get framesWritten(): number {
    return this.frames;
  }

  /** Sends one frame (width × height × 4 bytes, RGBA). */
  async writeFrame(frame: Uint8Array): Promise<void> {
    this.assertOpen();
    if (frame.byteLength !== this.frameBytes) {
      throw new RangeError(`frame has ${frame.byteLength} bytes; ${this.opts.width}x${this.opts.height} RGBA needs ${this.frameBytes}`);
    }
    this.converter ??= new I420Converter(this.opts.width, this.opts.height);
    // The converter's buffer is free again once this write has been taken: the caller awaits it before the next.
    await this.write(this.converter.convert(frame));
    this.frames++;
  }

  /**
   * Sends the same frame n times (a static hold) without the caller redrawing it. Short holds are cheaper as
   * `holds` (ffmpeg repeats the converted picture); long ones as tiles (tile.ts: encoded once, repeated by concat).
   */
  async repeatFrame(frame: Uint8Array, count: number): Promise<void> {
    for (let i = 0; i < count; i++) await this.writeFrame(frame);
  }

  /** Closes the input, waits for ffmpeg, and publishes the file under its final name. */
  async finish(): Promise<EncodeResult> {
    this.assertOpen();
    this.state = 'finishing';
    this.child.stdin.end();
    await this.closed;
    if (this.aborting) throw cancelledError(); // aborted while ffmpeg was flushing
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    const failure = this.failure();
    if (failure) {
      this.state = 'failed';
      await discardFile(this.partial);
      throw failure;
    }
    await commitFile(this.partial, this.opts.output);
    this.state = 'done';
    return { output: this.opts.output, frames: this.frames + heldFrames(this.opts.holds ?? []), elapsedMs: performance.now() - this.started };
  }

  /**
   * Stops ffmpeg and deletes the partial file. Safe to call more than once (every call resolves once the partial file
   * is gone), and after a failure.
   */
  abort(): Promise<void> {
    if (this.state === 'done') return Promise.resolve();
    this.aborting ??= (async () => {
      this.state = 'aborted';
      this.opts.signal?.removeEventListener('abort', this.onAbort);
      this.child.kill('SIGKILL');
      await this.closed;
      await discardFile(this.partial);
    })();
    return this.aborting;
  }

  private write(frame: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.child.stdin.write(frame, (err) => {
        if (!err) return resolve();
        // The pipe broke: ffmpeg exited. Wait for its exit status so the error carries its stderr.
        void this.closed.then(async () => {
          if (this.aborting) return reject(cancelledError());
          this.state = 'failed';
          await discardFile(this.partial);
          reject(this.failure() ?? ffmpegFailed(this.tools.ffmpeg, this.args, null, this.tail));
        });
      });
    });
  }

  private failure(): VideogenError | undefined {
    if (this.spawnError) {
      return new VideogenError('FFMPEG_MISSING', `cannot run ${this.tools.ffmpeg}: ${this.spawnError.message}`, { bin: this.tools.ffmpeg });
    }
    if (this.exit && this.exit.code !== 0) return ffmpegFailed(this.tools.ffmpeg, this.args, this.exit.code, this.tail, this.exit.signal);
    return undefined;
  }

  private assertOpen(): void {
    if (this.aborting) throw cancelledError();
    if (this.state === 'failed') throw this.failure() ?? cancelledError();
    if (this.state !== 'open') throw new Error(`FrameEncoder is ${this.state}; no more frames can be written`);
  }
}
