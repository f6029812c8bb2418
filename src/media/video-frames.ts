import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createCanvas, ImageData, type Canvas } from '@napi-rs/canvas';
import { VideogenError } from '../errors.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { StderrTail, ffmpegFailed } from './process.ts';

export interface VideoSource {
  path: string;
  /** Seconds. */
  duration: number;
}

/** A need further ahead than this is reached by restarting ffmpeg at it rather than by decoding every frame between. */
const MAX_SKIP_SECONDS = 2;
/** Slack for the 1 ms rounding of the seconds a draw asks for. */
const ROUNDING = 0.0006;

/**
 * Streams one clip as raw RGBA frames at the output frame rate and size, one frame at a time: ffmpeg is paused by the
 * pipe (stdout is read only when the next frame is needed), so at most the current frame plus the pipe's buffer is in
 * memory whatever the clip's length. Seeking forward decodes on; going back (a loop, a second clip of the same file)
 * or far ahead restarts ffmpeg at the wanted second; past the end the last frame holds.
 */
export class VideoFrameReader {
  private child: ChildProcess | undefined;
  private pipe: FramePipe | undefined;
  private tail = new StderrTail();
  private exited: Promise<number | null> = Promise.resolve(0);
  private ended = false;
  /** Where the running ffmpeg started, and how many frames it has delivered. */
  private start = 0;
  private delivered = 0;
  private pixels: Buffer | undefined;
  private readonly canvas: Canvas;
  private painted = -1;
  private readonly frameBytes: number;
  private failure: VideogenError | undefined;
  private args: string[] = [];

  constructor(
    private readonly source: VideoSource,
    readonly width: number,
    readonly height: number,
    private readonly fps: number,
    private readonly tools: MediaTools,
  ) {
    this.frameBytes = width * height * 4;
    this.canvas = createCanvas(width, height);
  }

  /** Seconds into the clip of the frame held now (NaN before the first). */
  get seconds(): number {
    return this.delivered ? this.start + (this.delivered - 1) / this.fps : Number.NaN;
  }

  /** Decodes up to the frame shown at `seconds` into the clip. */
  async seek(seconds: number): Promise<void> {
    const frame = 1 / this.fps;
    const last = Math.max(0, this.source.duration - frame);
    const want = Math.min(Math.max(0, seconds), last);
    const held = this.seconds;
    if (!this.child || want < held - frame / 2 || want > held + MAX_SKIP_SECONDS) await this.restart(want);
    // The frame shown at `want` is the last one starting at or before it. Draws ask for seconds rounded to 1 ms
    // (render/media-clips.ts), so a frame starting up to half a millisecond later is the one meant; a held clip asks
    // for 1 ms before its end and must get its last real frame, not the first one after the trim.
    while (!this.ended && this.start + this.delivered / this.fps <= want + ROUNDING) await this.readFrame();
    if (!this.pixels) {
      // Asked past what the container really holds (durations lie): fall back to its last frames.
      await this.restart(Math.max(0, want - 1));
      while (!this.ended) await this.readFrame();
    }
  }

  /** The frame held now as a drawable canvas; converted once per frame, only when drawn. */
  current(): CanvasImageSource | undefined {
    if (!this.pixels) return undefined;
    if (this.painted !== this.delivered) {
      const data = new Uint8ClampedArray(this.pixels.buffer, this.pixels.byteOffset, this.frameBytes);
      this.canvas.getContext('2d').putImageData(new ImageData(data, this.width, this.height), 0, 0);
      this.painted = this.delivered;
    }
    return this.canvas as unknown as CanvasImageSource;
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    this.pipe?.close();
    this.pipe = undefined;
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await this.exited;
  }

  private async restart(seconds: number): Promise<void> {
    await this.close();
    this.start = seconds;
    this.delivered = 0;
    // The canvas shows a frame of the old stream: the first frame of this one must be painted whatever its number.
    this.painted = -1;
    this.pixels = undefined;
    this.ended = false;
    this.tail = new StderrTail();
    const args = [
      '-hide_banner', '-loglevel', 'error', '-nostdin',
      '-ss', seconds.toFixed(3), '-i', this.source.path,
      '-an', '-sn', '-dn',
      '-vf', `fps=${this.fps},scale=${this.width}:${this.height}:flags=bicubic,format=rgba`,
      '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1',
    ];
    const child = spawn(this.tools.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.pipe = new FramePipe(child.stdout, this.frameBytes);
    const tail = this.tail;
    child.stderr.on('data', (c: Buffer) => tail.push(c));
    this.exited = new Promise((resolve) => {
      child.on('error', () => resolve(null));
      child.on('close', (code) => resolve(code));
    });
    child.once('error', (err) => {
      if (this.child === child) this.failure = new VideogenError('FFMPEG_MISSING', `cannot run ${this.tools.ffmpeg}: ${err.message}. Install ffmpeg or set FFMPEG_PATH.`, { bin: this.tools.ffmpeg }, { cause: err });
    });
    this.args = args;
  }

  /** Reads exactly one frame from the pipe, or marks the end of the stream. */
  private async readFrame(): Promise<void> {
    const frame = await this.pipe?.next();
    if (this.failure) throw this.failure;
    if (frame) {
      this.pixels = frame;
      this.delivered++;
      return;
    }
    this.ended = true;
    const code = await this.exited;
    if (code !== 0 && code !== null && !this.delivered) throw ffmpegFailed(this.tools.ffmpeg, this.args, code, this.tail);
  }
}

/**
 * Cuts a byte stream into frames of `frameBytes`, pausing the stream once a whole frame is waiting: ffmpeg blocks on
 * the full pipe, so decoding never runs more than about one frame ahead of drawing.
 */
class FramePipe {
  private chunks: Buffer[] = [];
  private size = 0;
  private done = false;
  private wake: (() => void) | undefined;
  private readonly frame: Buffer;

  constructor(
    private readonly stream: Readable,
    private readonly frameBytes: number,
  ) {
    this.frame = Buffer.allocUnsafe(frameBytes);
    stream.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.size += chunk.length;
      if (this.size >= this.frameBytes) stream.pause();
      this.poke();
    });
    const finish = () => {
      this.done = true;
      this.poke();
    };
    stream.on('end', finish);
    stream.on('close', finish);
    stream.on('error', finish);
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /**
   * The next whole frame, or undefined at the end of the stream (a partial last frame is dropped). The buffer is
   * reused: it holds this frame until the next call.
   */
  async next(): Promise<Buffer | undefined> {
    while (this.size < this.frameBytes) {
      if (this.done) return undefined;
      this.stream.resume();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    // Copied into one buffer reused for every frame: a clip of thousands of frames allocates one frame, not thousands.
    let offset = 0;
    while (offset < this.frameBytes) {
      const chunk = this.chunks[0]!;
      const take = Math.min(chunk.length, this.frameBytes - offset);
      chunk.copy(this.frame, offset, 0, take);
      offset += take;
      if (take === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(take);
    }
    this.size -= this.frameBytes;
    const frame = this.frame;
    return frame;
  }

  close(): void {
    this.chunks = [];
    this.size = 0;
    this.done = true;
    this.stream.destroy();
    this.poke();
  }
}
