import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { VideogenError } from '../errors.ts';
import type { SegmentDistributor, SegmentTask } from '../pipeline/segment-distributor.ts';
import type { SegmentStats } from '../pipeline/segments.ts';
import { channelFor, errorFromReason, SEGMENT_QUEUE_NAME, segmentJobId, type SegmentControlMessage, type SegmentJobData, type SegmentProgress } from './segment-queue.ts';

export interface BullSegmentDistributorOptions {
  redisUrl: string;
  /** Same Redis key prefix as the job queue (config.queuePrefix). */
  prefix?: string;
  /** The render job these segments belong to: its `cancel` bus message stops them on every worker too. */
  jobId?: string;
  /** Tries per segment (BullMQ attempts): a failed segment is retried alone, the others keep their results. */
  attempts?: number;
  /** First retry delay; doubles each attempt (BullMQ exponential backoff). */
  backoffMs?: number;
  /** After a cancel or a failure, how long to wait for running tasks to stop before giving up on them. */
  stopTimeoutMs?: number;
  /** Every finished task, as its worker reported it (bench:scale records per-segment times from this). */
  onSegmentDone?: (done: SegmentDone) => void;
}

/** What the worker that rendered a task returns (SegmentConsumer): the stats plus who and how long. */
export interface SegmentDone extends SegmentStats {
  index: number;
  cached: boolean;
  worker: string;
  /** Wall time of the successful attempt on its worker, seconds. */
  seconds: number;
  attemptsMade: number;
}

const POLL_MS = 2_000;

/**
 * Renders segments on whichever `videogen worker` is free, through a BullMQ queue of segment tasks.
 *
 * Plain jobs awaited through QueueEvents rather than a FlowProducer parent/children flow: the "parent" here is the
 * render job itself, which is claimed from the database (lease, heartbeat, takeover) and not a BullMQ job, and it must
 * mux in the process that built the soundtrack. A flow's parent would be a second, BullMQ-owned copy of that job.
 * Waiting on QueueEvents also gives per-task progress (job.updateProgress) and each task's last failure.
 */
export class BullSegmentDistributor implements SegmentDistributor {
  constructor(private readonly opts: BullSegmentDistributorOptions) {}

  #connection() {
    // BullMQ's blocking commands need maxRetriesPerRequest: null.
    return { url: this.opts.redisUrl, maxRetriesPerRequest: null };
  }

  async render(tasks: readonly SegmentTask[], opts: { signal?: AbortSignal; onFrames?: (n: number) => void }): Promise<SegmentStats[]> {
    if (tasks.length === 0) return [];
    if (opts.signal?.aborted) throw new VideogenError('CANCELLED', 'render cancelled');
    const prefix = this.opts.prefix ? { prefix: this.opts.prefix } : {};
    const queue = new Queue(SEGMENT_QUEUE_NAME, { connection: this.#connection(), ...prefix });
    const redis = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: 3 });
    queue.on('error', () => undefined);
    redis.on('error', () => undefined);
    let events: QueueEvents | undefined;
    try {
      await queue.waitUntilReady();
      // Read events from the stream's current end, fetched before any task exists: QueueEvents' default ('$') starts
      // at its first read, which may come after a fast task has already finished.
      const last = (await redis.xrevrange(queue.toKey('events'), '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
      events = new QueueEvents(SEGMENT_QUEUE_NAME, { connection: this.#connection(), lastEventId: last, ...prefix });
      events.on('error', () => undefined);
      await events.waitUntilReady();
      return await new RenderRun(tasks, queue, events, redis, this.opts, opts).result;
    } finally {
      await events?.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      redis.disconnect();
    }
  }
}

/** One render() call: its tasks, their progress and results, and how it stops. */
class RenderRun {
  readonly renderId = randomBytes(8).toString('hex');
  readonly result: Promise<SegmentStats[]>;
  readonly #byJobId = new Map<string, SegmentTask>();
  readonly #results = new Map<number, SegmentStats>();
  /** Highest frame count reported per task: a retried task restarts at 0, the bar must not count its frames twice. */
  readonly #reported = new Map<number, number>();
  #settled = false;
  #resolve!: (stats: SegmentStats[]) => void;
  #reject!: (error: Error) => void;
  #poll: NodeJS.Timeout | undefined;

  constructor(
    private readonly tasks: readonly SegmentTask[],
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly redis: Redis,
    private readonly opts: BullSegmentDistributorOptions,
    private readonly call: { signal?: AbortSignal; onFrames?: (n: number) => void },
  ) {
    this.result = new Promise<SegmentStats[]>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    for (const task of tasks) this.#byJobId.set(segmentJobId(this.renderId, task.index), task);
    void this.#run().catch((error: unknown) => this.#fail(error as Error));
  }

  async #run(): Promise<void> {
    const { signal } = this.call;
    const onAbort = () => void this.#fail(new VideogenError('CANCELLED', 'render cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    void this.result.catch(() => undefined).finally(() => signal?.removeEventListener('abort', onAbort));
    this.events.on('progress', ({ jobId, data }) => this.#progress(jobId, data as unknown as SegmentProgress));
    this.events.on('completed', ({ jobId, returnvalue }) => this.#completed(jobId, returnvalue as unknown));
    // 'failed' on the events stream means the last attempt failed (a retried attempt is announced as 'delayed').
    this.events.on('failed', ({ jobId, failedReason }) => this.#failed(jobId, failedReason));
    const attempts = Math.max(1, this.opts.attempts ?? 3);
    // Longest first: the tail of the render is then short segments, which balances the workers (LPT order).
    const ordered = [...this.tasks].sort((a, b) => b.frames - a.frames || a.index - b.index);
    await this.queue.addBulk(
      ordered.map((task) => ({
        name: 'segment',
        data: { task, renderId: this.renderId, ...(this.opts.jobId ? { jobId: this.opts.jobId } : {}) } satisfies SegmentJobData,
        opts: {
          jobId: segmentJobId(this.renderId, task.index),
          attempts,
          backoff: { type: 'exponential', delay: this.opts.backoffMs ?? 2_000 },
          // Kept a while so a late listener can still read the outcome; the artifact store holds the real result.
          removeOnComplete: { age: 3_600 },
          removeOnFail: { age: 86_400 },
        },
      })),
    );
    if (signal?.aborted) return onAbort();
    // A safety net for events missed (a Redis reconnect): the job's own state is the truth.
    this.#poll = setInterval(() => void this.#check().catch(() => undefined), POLL_MS);
  }

  #progress(jobId: string, data: SegmentProgress | undefined): void {
    const task = this.#byJobId.get(jobId);
    if (!task || this.#settled || typeof data?.frames !== 'number') return;
    this.#count(task, Math.min(task.frames, data.frames));
  }

  #count(task: SegmentTask, frames: number): void {
    const before = this.#reported.get(task.index) ?? 0;
    if (frames <= before) return;
    this.#reported.set(task.index, frames);
    this.call.onFrames?.(frames - before);
  }

  #completed(jobId: string, value: unknown): void {
    const task = this.#byJobId.get(jobId);
    if (!task || this.#settled || this.#results.has(task.index)) return;
    const done = (typeof value === 'string' ? JSON.parse(value) : value) as Omit<SegmentDone, 'index'>;
    this.#count(task, task.frames);
    const { cached: _cached, worker: _worker, seconds: _seconds, attemptsMade: _attempts, ...stats } = done;
    this.#results.set(task.index, stats);
    this.opts.onSegmentDone?.({ ...done, index: task.index });
    if (this.#results.size === this.tasks.length) this.#finish();
  }

  #failed(jobId: string, reason: string | undefined): void {
    const task = this.#byJobId.get(jobId);
    if (!task || this.#settled) return;
    void this.#fail(errorFromReason(reason, task.index));
  }

  /** Looks at every unfinished task's state, for outcomes whose events never arrived. */
  async #check(): Promise<void> {
    for (const [jobId, task] of this.#byJobId) {
      if (this.#settled) return;
      if (this.#results.has(task.index)) continue;
      const job = await this.queue.getJob(jobId);
      if (!job) {
        void this.#fail(new VideogenError('RENDER_FAILED', `segment ${task.index}'s task disappeared from the queue`, { segment: task.index }));
        return;
      }
      const state = await job.getState();
      if (state === 'completed') this.#completed(jobId, job.returnvalue);
      else if (state === 'failed' && job.attemptsMade >= (job.opts.attempts ?? 1)) this.#failed(jobId, job.failedReason);
    }
  }

  #finish(): void {
    if (this.#settled) return;
    this.#settled = true;
    clearInterval(this.#poll);
    this.#resolve(this.tasks.map((t) => this.#results.get(t.index)!));
  }

  /** Stops every task of this render on every worker, then rejects: a failed segment fails the render, once. */
  async #fail(error: Error): Promise<void> {
    if (this.#settled) return;
    this.#settled = true;
    clearInterval(this.#poll);
    try {
      await this.#stopAll();
    } finally {
      this.#reject(error);
    }
  }

  /**
   * Running tasks are aborted by their workers (the control message); waiting and delayed ones are removed here. Waits
   * until none is active any more, so whoever sees the render's failure or cancel sees no segment still rendering.
   */
  async #stopAll(): Promise<void> {
    const message: SegmentControlMessage = { kind: 'abort', renderId: this.renderId };
    await this.redis.publish(channelFor(this.opts.prefix), JSON.stringify(message)).catch(() => undefined);
    const deadline = Date.now() + (this.opts.stopTimeoutMs ?? 15_000);
    let pending = [...this.#byJobId.keys()];
    while (pending.length > 0) {
      const still: string[] = [];
      for (const jobId of pending) {
        // remove() refuses a job that a worker holds (locked): that one is retried once its worker has let it go.
        const removed = await this.queue.remove(jobId).catch(() => 0);
        if (removed) continue;
        const state = await this.queue.getJobState(jobId).catch(() => 'unknown');
        if (state === 'active' || state === 'waiting' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children') still.push(jobId);
      }
      pending = still;
      if (pending.length === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
