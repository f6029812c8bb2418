import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DelayedError, UnrecoverableError, Worker as BullWorker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { VideogenConfig } from '../config.ts';
import { errorInfo, isVideogenError, VideogenError } from '../errors.ts';
import type { SegmentTask } from '../pipeline/segment-distributor.ts';
import type { SegmentStats } from '../pipeline/segments.ts';
import type { WorkerLogger } from './execute-job.ts';
import type { JobQueue } from './types.ts';
import type { SegmentDone } from './segment-distributor.ts';
import { channelFor, decodeControl, failureReason, SEGMENT_QUEUE_NAME, type SegmentJobData, type SegmentProgress } from './segment-queue.ts';

/** Renders one task into the artifact store (src/pipeline/segment-task.ts); a parameter so tests can wrap it. */
export type SegmentTaskRenderer = (task: SegmentTask, opts: { config: VideogenConfig; signal?: AbortSignal; onFrames?: (n: number) => void }) => Promise<SegmentStats & { cached: boolean }>;

export interface SegmentConsumerOptions {
  redisUrl: string;
  prefix?: string;
  config: VideogenConfig;
  /** Segment tasks rendered at once by this process (`--segment-concurrency`, default 1). */
  concurrency?: number;
  /** The job queue: its `cancel` message (a render job cancelled) stops that job's segments here as well. */
  queue?: JobQueue;
  /** Name in logs and in each task's result; default host:pid:random. */
  id?: string;
  logger?: WorkerLogger;
  renderTask?: SegmentTaskRenderer;
  /** How often a running task reports its frames (BullMQ job progress → the coordinator's progress bar). */
  progressIntervalMs?: number;
}

/** Renders whose tasks were stopped, remembered this long so a task picked up just after the stop is refused. */
const ABORTED_TTL_MS = 10 * 60_000;

/** The abort reason of tasks stopped because this worker stops: retried elsewhere, unlike a cancelled render's. */
const STOPPING = 'worker stopping';

/**
 * A task this worker would draw differently (RENDERER_MISMATCH: another build) goes back to the queue without using
 * an attempt, for a worker of the planner's build to take (the coordinator's own process always is one); so often at
 * most, then it counts as a failure like any other.
 */
const MISMATCH_BOUNCES = 30;
const MISMATCH_DELAY_MS = 500;

const silent: WorkerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The worker side of the segment fan-out: takes segment tasks from BullMQ, renders each into the shared artifact store
 * and returns its stats; aborts the tasks of a render that was cancelled or failed elsewhere.
 */
export class SegmentConsumer {
  readonly id: string;
  #worker: BullWorker | undefined;
  #subscriber: Redis | undefined;
  #offCancel: (() => void) | undefined;
  #closing: Promise<void> | undefined;
  /** Tasks running here, by BullMQ job id (what Worker.cancelJob takes). */
  readonly #running = new Map<string, SegmentJobData>();
  readonly #aborted = new Map<string, number>();

  constructor(private readonly opts: SegmentConsumerOptions) {
    this.id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  /** Resolves once this process takes tasks and hears aborts. */
  async start(): Promise<void> {
    if (this.#worker) return;
    const renderTask = this.opts.renderTask ?? (await import('../pipeline/segment-task.ts')).renderSegmentTask;
    const subscriber = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, text: string) => {
      const message = decodeControl(text);
      if (message) this.#abort((data) => data.renderId === message.renderId, message.renderId);
    });
    await subscriber.subscribe(channelFor(this.opts.prefix));
    this.#subscriber = subscriber;
    this.#offCancel = this.opts.queue?.on('cancel', ({ jobId }) => this.#abort((data) => data.jobId === jobId));
    const worker = new BullWorker(SEGMENT_QUEUE_NAME, (job: BullJob, token?: string, signal?: AbortSignal) => this.#process(job, renderTask, signal, token), {
      connection: { url: this.opts.redisUrl, maxRetriesPerRequest: null },
      concurrency: Math.max(1, this.opts.concurrency ?? 1),
      ...(this.opts.prefix ? { prefix: this.opts.prefix } : {}),
    });
    worker.on('error', (error) => this.opts.logger?.warn({ err: error.message }, 'segment queue error'));
    await worker.waitUntilReady();
    this.#worker = worker;
  }

  /** Aborts matching tasks running here; a render id is also remembered, for its tasks still on their way. */
  #abort(matches: (data: SegmentJobData) => boolean, renderId?: string): void {
    const now = Date.now();
    for (const [id, at] of this.#aborted) if (now - at > ABORTED_TTL_MS) this.#aborted.delete(id);
    if (renderId) this.#aborted.set(renderId, now);
    for (const [bullId, data] of this.#running) {
      if (!matches(data)) continue;
      this.#aborted.set(data.renderId, now);
      this.#worker?.cancelJob(bullId, 'render cancelled');
    }
  }

  async #process(job: BullJob, renderTask: SegmentTaskRenderer, signal: AbortSignal | undefined, token: string | undefined): Promise<Omit<SegmentDone, 'index'>> {
    const data = job.data as SegmentJobData;
    const { task } = data;
    const log = this.opts.logger ?? silent;
    // Never retried: a cancelled render wants nothing more from this task.
    if (this.#aborted.has(data.renderId)) throw new UnrecoverableError(failureReason(new VideogenError('CANCELLED', 'render cancelled')));
    this.#running.set(job.id!, data);
    const started = performance.now();
    let frames = 0;
    let lastSent = 0;
    const every = this.opts.progressIntervalMs ?? 500;
    try {
      const stats = await renderTask(task, {
        config: this.opts.config,
        ...(signal ? { signal } : {}),
        onFrames: (n) => {
          frames += n;
          const now = performance.now();
          if (now - lastSent < every) return;
          lastSent = now;
          void job.updateProgress({ frames } satisfies SegmentProgress).catch(() => undefined);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      log.info({ segment: task.index, key: task.key.slice(0, 12), frames: stats.frames, cached: stats.cached, seconds: Number(seconds.toFixed(2)), attempt: job.attemptsMade + 1 }, 'segment rendered');
      return { ...stats, worker: this.id, seconds, attemptsMade: job.attemptsMade + 1 };
    } catch (error) {
      if (isVideogenError(error) && error.code === 'RENDERER_MISMATCH' && token && job.attemptsStarted < MISMATCH_BOUNCES && !signal?.aborted) {
        log.warn({ segment: task.index, err: error.message }, 'segment left to a worker of the planner\'s build');
        await job.moveToDelayed(Date.now() + MISMATCH_DELAY_MS, token);
        // Step back for longer than the task waits, so a worker of the planner's build takes it when it is due instead
        // of this one winning the race for it again (seen in CI under load: 30 bounces in a row on one worker).
        await new Promise((resolve) => setTimeout(resolve, 2 * MISMATCH_DELAY_MS));
        throw new DelayedError();
      }
      const stopping = signal?.aborted && signal.reason === STOPPING;
      const cancelled = !stopping && (signal?.aborted || (isVideogenError(error) && error.code === 'CANCELLED'));
      const failure = stopping ? new VideogenError('RENDER_FAILED', `the worker rendering segment ${task.index} stopped`) : cancelled ? new VideogenError('CANCELLED', 'render cancelled') : error;
      log.warn({ segment: task.index, attempt: job.attemptsMade + 1, err: (error as Error).message }, cancelled ? 'segment cancelled' : 'segment failed');
      // Failures another attempt cannot fix (declared per code in src/errors.ts) end the task now; others are retried.
      const final = cancelled || (isVideogenError(failure) && !errorInfo(failure.code).retry);
      throw final ? new UnrecoverableError(failureReason(failure)) : new Error(failureReason(failure));
    } finally {
      this.#running.delete(job.id!);
    }
  }

  /**
   * Stops taking tasks. Running ones finish when `drain`, else are cut short (and retried on another worker); a second
   * call without `drain` cuts short what the first one is waiting for.
   */
  async close(opts?: { drain?: boolean }): Promise<void> {
    this.#offCancel?.();
    const worker = this.#worker;
    if (!worker) return;
    if (!opts?.drain) worker.cancelAllJobs(STOPPING);
    this.#closing ??= worker.close().finally(() => this.#subscriber?.disconnect());
    await this.#closing;
  }
}
