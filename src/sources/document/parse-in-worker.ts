import { Worker } from 'node:worker_threads';
import { VideogenError, isErrorCode } from '../../errors.ts';
import { safeToShow } from '../../spec/index.ts';
import type { DocModel } from './model.ts';
import type { ParseTask, ParsedDocument } from './models.ts';
import type { WorkerReply } from './parse-worker.ts';

/**
 * Runs document parsing (models.ts) in a worker thread with a heap limit and a deadline, so a hostile PDF, DOCX or
 * HTML file costs at most that memory and time: a worker that runs out of memory or time is terminated (its heap is
 * freed with it) and the caller gets LIMIT_EXCEEDED `parse.memory` / `parse.time`. Each task gets a fresh worker,
 * so nothing one document allocated outlives its parse, and at most MAX_PARALLEL run at once so the process stays
 * within its memory budget (two workers × (heap + buffers) + the server stays under 1 GB).
 */
export const PARSE_LIMITS = {
  /** Old-generation heap of the parser, in MiB. */
  'parse.memory': 192,
  /** Wall-clock time of one parse, in seconds. */
  'parse.time': 30,
} as const;

export interface ParseLimits {
  memoryMb: number;
  timeSeconds: number;
}

const DEFAULT_LIMITS: ParseLimits = { memoryMb: PARSE_LIMITS['parse.memory'], timeSeconds: PARSE_LIMITS['parse.time'] };

const MAX_PARALLEL = 2;
/** Parses waiting for a slot hold their document bytes; past this many, callers are told to come back later. */
const MAX_WAITING = 16;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL && waiting.length >= MAX_WAITING) throw new VideogenError('RATE_LIMITED', `the server is reading ${running + waiting.length} documents already; try again in a few seconds`, { retryAfterSeconds: 5 });
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/**
 * `resourceLimits` caps a worker's JavaScript heap, not its ArrayBuffers, and pdf.js inflates a FlateDecode stream
 * into one growing Uint8Array: a 400 KB PDF holding 400 MB of compressed spaces passes the heap limit untouched. So
 * while parses run, the process's resident memory is watched: past the memory it had when the first one started plus,
 * per running parse, twice the heap limit and a worker's own overhead, every running parse is stopped with
 * LIMIT_EXCEEDED parse.memory.
 */
const WATCH_EVERY_MS = 50;
/** A worker's own isolate, loader and parser modules, on top of its heap limit and the buffers it inflates. */
const WORKER_OVERHEAD_MB = 256;
const overBudget = new Set<() => void>();
let watch: { timer: NodeJS.Timeout; baselineBytes: number } | undefined;

function watchMemory(limitMb: number, stop: () => void): () => void {
  overBudget.add(stop);
  if (!watch) {
    const timer = setInterval(() => {
      if (!watch) return;
      const allowed = watch.baselineBytes + overBudget.size * (2 * limitMb + WORKER_OVERHEAD_MB) * 2 ** 20;
      if (process.memoryUsage.rss() > allowed) for (const kill of [...overBudget]) kill();
    }, WATCH_EVERY_MS);
    timer.unref();
    watch = { timer, baselineBytes: process.memoryUsage.rss() };
  }
  return () => {
    overBudget.delete(stop);
    if (overBudget.size === 0 && watch) {
      clearInterval(watch.timer);
      watch = undefined;
    }
  };
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);
// The worker runs the compiled parse-worker.js from dist, or the TypeScript source under tsx and vitest.
const TASK_MODULE = new URL(import.meta.url.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js', import.meta.url).href;

function fromReply(reply: Extract<WorkerReply, { ok: false }>, document: string): VideogenError {
  if (reply.code && isErrorCode(reply.code)) return new VideogenError(reply.code, reply.message, reply.details as Record<string, unknown> | undefined);
  return new VideogenError('SOURCE_UNREADABLE', `cannot read ${safeToShow(document)}: ${safeToShow(reply.message, 200)}`);
}

export async function parseInWorker(task: ParseTask, limits: ParseLimits = DEFAULT_LIMITS): Promise<ParsedDocument> {
  const release = await slot();
  try {
    return await new Promise<ParsedDocument>((resolve, reject) => {
      const worker = new Worker(ENTRY, {
        workerData: { entry: TASK_MODULE },
        resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
        stdout: true,
        stderr: true,
      });
      // pdf.js and mammoth may print warnings; they must not reach the CLI's stdout (--json) or pile up unread.
      worker.stdout.resume();
      worker.stderr.resume();
      let settled = false;
      const memoryError = () => new VideogenError('LIMIT_EXCEEDED', `${safeToShow(task.document)} needs more than ${limits.memoryMb} MiB to read; the parser was stopped (limit parse.memory)`, { limit: 'parse.memory', max: limits.memoryMb });
      const unwatch = watchMemory(limits.memoryMb, () => finish(() => reject(memoryError())));
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unwatch();
        outcome();
        void worker.terminate();
      };
      const timer = setTimeout(
        () => finish(() => reject(new VideogenError('LIMIT_EXCEEDED', `${safeToShow(task.document)} took longer than ${limits.timeSeconds} s to read; the parser was stopped (limit parse.time)`, { limit: 'parse.time', max: limits.timeSeconds }))),
        limits.timeSeconds * 1000,
      );
      worker.once('message', (reply: WorkerReply) => finish(() => (reply.ok ? resolve({ model: reply.model as DocModel, warnings: reply.warnings }) : reject(fromReply(reply, task.document)))));
      worker.once('error', (error: Error & { code?: string }) =>
        finish(() =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? memoryError()
              : new VideogenError('SOURCE_UNREADABLE', `cannot read ${safeToShow(task.document)}: the parser failed (${safeToShow(error.message, 200)})`, undefined, { cause: error }),
          ),
        ),
      );
      worker.once('exit', (code) => finish(() => reject(new VideogenError('SOURCE_UNREADABLE', `cannot read ${safeToShow(task.document)}: the parser stopped (exit ${code})`))));
      worker.postMessage(task);
    });
  } finally {
    release();
  }
}
