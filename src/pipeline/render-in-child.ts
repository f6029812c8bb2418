import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VideogenError } from '../errors.ts';
import { StderrTail } from '../media/process.ts';
import type { VideoSpec } from '../spec/index.ts';
import type { FanoutSettings } from './segment-distributor.ts';
import type { RenderOptions, RenderResult } from './render-video.ts';
import { deserializeError, type FromChild, type ToChild } from './render-protocol.ts';
import { RENDER_PROCESS_FLAGS, withRenderProcessEnv } from './render-env.ts';

export interface ChildRenderOptions extends Omit<RenderOptions, 'registry' | 'uploads' | 'llm' | 'distribute'> {
  /** Fan the segments out over the BullMQ workers (the child builds the distributor: objects cannot cross). */
  fanout?: FanoutSettings;
  /** `upload:<id>` media: upload id → stored path (a resolver function cannot cross the process boundary). */
  uploadPaths?: Record<string, string>;
  /** After a cancel, how long the child may take to stop its ffmpeg processes and clean up before it is killed. */
  cancelGraceMs?: number;
}

// Compiled (dist/*.js, the installed package and the bin) the child is plain JS; run from source (tsx, vitest) it is
// TypeScript and needs tsx's loader. The module's own extension says which, so an installed copy never needs tsx.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const CHILD_ENTRY = fileURLToPath(new URL(FROM_SOURCE ? './render-child.ts' : './render-child.js', import.meta.url));

/** An absolute loader URL works whatever the working directory is. Resolved only when running from source. */
function childExecArgv(): string[] {
  if (!FROM_SOURCE) return [...RENDER_PROCESS_FLAGS];
  return [...RENDER_PROCESS_FLAGS, '--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}

/**
 * Renders below the API's priority: on a 2-core machine a render keeps both cores busy, and the job-status requests
 * it competes with are tiny. Rendering gets all the CPU the API leaves; ffmpeg inherits the level from the child.
 */
const RENDER_NICENESS = 10;

const live = new Set<ChildProcess>();
let exitHook = false;

/** The child and its ffmpeg processes share a process group (the child leads it): one signal reaches them all. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

/** A parent that exits (even via process.exit) takes its renders with it; a SIGKILLed one is noticed by the child. */
function watchParentExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
}

/**
 * renderVideo in a child process, so drawing, frame streaming and audio never run on the caller's event loop (the API
 * stays responsive during renders), a crash of the renderer is a coded failure instead of a dead server, and the
 * memory of a render is returned to the system when it ends. Events arrive through `onEvent` as they happen; a
 * VideogenError thrown in the child is rethrown here with its code, message and details; an abort cancels the child
 * and resolves only once it and its ffmpeg processes are gone, so no file is written after the promise settles.
 */
export function renderVideoInChild(spec: VideoSpec, opts: ChildRenderOptions): Promise<RenderResult> {
  const { config, signal, onEvent, cancelGraceMs = 5_000, ...options } = opts;
  if (signal?.aborted) return Promise.reject(new VideogenError('CANCELLED', 'render cancelled'));
  watchParentExit();
  return new Promise<RenderResult>((resolve, reject) => {
    const env = withRenderProcessEnv(process.env);
    const child = fork(CHILD_ENTRY, [], {
      execArgv: childExecArgv(),
      serialization: 'advanced',
      // Its own process group, so a cancel or a crash can kill the ffmpeg processes it started as well.
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env,
    });
    live.add(child);
    try {
      if (child.pid) setPriority(child.pid, RENDER_NICENESS);
    } catch {
      // Not permitted on some systems: the render then merely competes with the API at equal priority.
    }
    const stderr = new StderrTail();
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));

    let outcome: { result: RenderResult } | { error: Error } | undefined;
    let spawnError: Error | undefined;
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;

    child.on('message', (message: FromChild) => {
      if (message.type === 'event') {
        try {
          onEvent?.(message.event);
        } catch {
          // A failing listener must not take the render down; the worker's own bookkeeping reports its failures.
        }
      } else if (message.type === 'done') outcome = { result: message.result };
      else if (message.type === 'error') outcome = { error: deserializeError(message.error) };
    });
    const onAbort = () => {
      cancelled = true;
      if (child.connected) child.send({ type: 'cancel' } satisfies ToChild, () => undefined);
      killTimer = setTimeout(() => killGroup(child, 'SIGKILL'), cancelGraceMs);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => (spawnError = error));
    child.once('exit', () => {
      // The group holds only this render's processes: whatever is still in it once the child is gone (ffmpeg of a
      // failed segment, of a crash, of a cancel) would otherwise run on by itself.
      killGroup(child, 'SIGKILL');
    });
    child.once('close', (code, exitSignal) => {
      live.delete(child);
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      // A cancel wins over whatever the child managed to report meanwhile (its error is then a consequence of it).
      if (cancelled) reject(new VideogenError('CANCELLED', 'render cancelled'));
      else if (outcome && 'result' in outcome && code === 0) resolve(outcome.result);
      else if (outcome && 'error' in outcome) reject(outcome.error);
      else {
        const how = exitSignal ? `was killed by ${exitSignal}` : `exited with code ${code}`;
        const why = spawnError ? `: ${spawnError.message}` : stderr.lines(1) ? `: ${stderr.lines(1)}` : '';
        reject(new VideogenError('RENDER_FAILED', `the render process ${how} before it finished${why}`, { exitCode: code, signal: exitSignal, stderrTail: stderr.lines() }));
      }
    });
    if (child.pid) child.send({ type: 'start', spec, options, config } satisfies ToChild, () => undefined);
  });
}

/** Render processes running now (their pids), for diagnostics and tests. */
export function liveRenderProcesses(): number[] {
  return [...live].map((c) => c.pid).filter((pid): pid is number => pid !== undefined);
}
