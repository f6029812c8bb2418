import { launchTool } from './spawn-host.ts';
import { VideogenError } from '../errors.ts';

/** Bytes of stderr kept per process: enough for ebur128's summary and a useful error tail, bounded for long runs. */
const STDERR_KEEP = 64 * 1024;

/** Keeps the last STDERR_KEEP bytes of a process's stderr, so a 10-minute encode cannot grow memory without bound. */
export class StderrTail {
  private chunks: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > STDERR_KEEP && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    const all = Buffer.concat(this.chunks).toString('utf8');
    return all.length > STDERR_KEEP ? all.slice(-STDERR_KEEP) : all;
  }

  /** The last lines, for error messages (a full ffmpeg log would drown the one line that matters). */
  lines(count = 12): string {
    return this.text().trimEnd().split('\n').slice(-count).join('\n');
  }
}

export function cancelledError(): VideogenError {
  return new VideogenError('CANCELLED', 'the media operation was cancelled');
}

export function ffmpegFailed(bin: string, args: readonly string[], exitCode: number | null, tail: StderrTail, signal?: string | null): VideogenError {
  const last = tail.lines(1) || (signal ? `killed by ${signal}` : 'no output');
  return new VideogenError(
    'FFMPEG_FAILED',
    `ffmpeg exited with ${exitCode ?? signal}: ${last}. See details.stderrTail; check the input files and free disk space.`,
    { bin, args: [...args], exitCode, signal: signal ?? null, stderrTail: tail.lines() },
  );
}

export interface RunOptions {
  signal?: AbortSignal | undefined;
  /**
   * Bytes written to the tool's stdin (a raw frame for a still), or several buffers written in order (frames, without
   * concatenating 8 MB pictures into a copy first); stdin is closed after them.
   */
  input?: Uint8Array | readonly Uint8Array[];
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs ffmpeg or ffprobe to completion. Rejects with FFMPEG_FAILED (carrying the stderr tail) on a non-zero exit and
 * with CANCELLED when the signal aborts; the child is killed in both cases so no orphan keeps the CPU busy.
 */
export async function runTool(bin: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const { signal } = opts;
  if (signal?.aborted) throw cancelledError();
  const child = await launchTool(bin, args, [opts.input ? 'pipe' : 'ignore', 'pipe', 'pipe']);
  let cancelled = false;
  const onAbort = (): void => {
    cancelled = true;
    child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort(); // aborted while it was starting
  if (opts.input && child.stdin) {
    child.stdin.on('error', () => undefined); // EPIPE surfaces as the exit code below
    const parts = opts.input instanceof Uint8Array ? [opts.input] : opts.input;
    for (const part of parts) child.stdin.write(part);
    child.stdin.end();
  }
  const out: Buffer[] = [];
  const tail = new StderrTail();
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => tail.push(c));
  const exit = await child.done;
  signal?.removeEventListener('abort', onAbort);
  if (exit.error) throw new VideogenError('FFMPEG_MISSING', `cannot run ${bin}: ${exit.error.message}. Install ffmpeg or set FFMPEG_PATH.`, { bin }, { cause: exit.error });
  if (cancelled) throw cancelledError();
  if (exit.code !== 0) throw ffmpegFailed(bin, args, exit.code, tail, exit.signal);
  return { stdout: Buffer.concat(out), stderr: tail.text() };
}
