import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { VideogenConfig } from '../config.ts';
import type { Job, Store } from '../store/types.ts';
import type { JobQueue, Worker } from './types.ts';
import { runAnyJob, type RunJob, type SourceResolver } from './run-job.ts';
import { executeJob, RunningJob, type ExecuteDeps, type WorkerLogger } from './execute-job.ts';

export interface WorkerOptions {
  store: Store;
  queue: JobQueue;
  /** artifactsDir receives outputs; cacheDir must be shared by all workers so a taken-over job resumes from it. */
  config: VideogenConfig;
  /** Lease owner name; default host:pid:random. */
  id?: string;
  concurrency?: number;
  /** A lease not renewed for this long lets another worker take the job over. */
  leaseMs?: number;
  heartbeatMs?: number;
  /** How often the store is polled for jobs no notification announced (restarts, retries, lapsed leases). */
  pollMs?: number;
  /** Retry n waits retryBaseMs · 2^(n-1). */
  retryBaseMs?: number;
  progressIntervalMs?: number;
  runJob?: RunJob;
  resolveSource?: SourceResolver;
  logger?: WorkerLogger;
}

const silent: WorkerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Claims jobs from the store (on queue notifications, and by polling so nothing is lost), runs up to `concurrency`
 * at once, and renews their leases. All state lives in the database: any number of runners may share it.
 */
export class JobRunner implements Worker {
  readonly id: string;
  readonly #deps: ExecuteDeps;
  readonly #concurrency: number;
  readonly #pollMs: number;
  readonly #active = new Map<string, { run: RunningJob; done: Promise<void> }>();
  #reserved = 0;
  readonly #claims = new Set<Promise<unknown>>();
  #started = false;
  #stopping = false;
  #filling = false;
  #poll: NodeJS.Timeout | undefined;
  #consumer: { close(): Promise<void> } | undefined;
  #offCancel: (() => void) | undefined;

  constructor(private readonly opts: WorkerOptions) {
    this.id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.#concurrency = Math.max(1, opts.concurrency ?? 1);
    this.#pollMs = opts.pollMs ?? 3_000;
    const leaseMs = opts.leaseMs ?? 30_000;
    this.#deps = {
      store: opts.store,
      queue: opts.queue,
      config: opts.config,
      workerId: this.id,
      leaseMs,
      heartbeatMs: opts.heartbeatMs ?? Math.min(5_000, Math.floor(leaseMs / 3)),
      retryBaseMs: opts.retryBaseMs ?? 5_000,
      progressIntervalMs: opts.progressIntervalMs ?? 500,
      runJob: opts.runJob ?? runAnyJob,
      ...(opts.resolveSource ? { resolveSource: opts.resolveSource } : {}),
      logger: opts.logger ?? silent,
    };
  }

  /** Jobs this runner is executing now. */
  get activeJobs(): string[] {
    return [...this.#active.keys()];
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await mkdir(this.opts.config.artifactsDir, { recursive: true });
    this.#offCancel = this.opts.queue.on('cancel', ({ jobId }) => this.#active.get(jobId)?.run.abort('cancelled'));
    this.#consumer = this.opts.queue.consume((jobId) => this.#offer(jobId), { concurrency: this.#concurrency });
    this.#poll = setInterval(() => void this.#fill(), this.#pollMs);
    void this.#fill();
  }

  async stop(opts?: { force?: boolean }): Promise<void> {
    this.#stopping = true;
    if (this.#poll) clearInterval(this.#poll);
    this.#offCancel?.();
    // BullMQ's close waits for deliveries in progress, i.e. our running jobs: start it, but finish them first.
    const closing = this.#consumer?.close();
    await Promise.all(this.#claims);
    if (opts?.force) for (const { run } of this.#active.values()) run.abort('stopping');
    await Promise.all([...this.#active.values()].map((a) => a.done));
    await closing;
  }

  #free(): number {
    return this.#concurrency - this.#active.size - this.#reserved;
  }

  /** Claims (the given job, or the oldest runnable one) and starts it; undefined when busy or nothing is runnable. */
  // Resolves to a box, not the job's promise itself: an async function returning a promise would wait for the job.
  #claimAndStart(ids?: string[]): Promise<{ done: Promise<void> } | undefined> {
    if (this.#stopping || this.#free() <= 0) return Promise.resolve(undefined);
    // Tracked so stop() sees a job whose claim was in flight when it was called.
    const claiming = this.#claimAndStartNow(ids);
    this.#claims.add(claiming);
    void claiming.finally(() => this.#claims.delete(claiming));
    return claiming;
  }

  async #claimAndStartNow(ids?: string[]): Promise<{ done: Promise<void> } | undefined> {
    this.#reserved++;
    let job: Job | undefined;
    try {
      job = await this.opts.store.jobs.claim(this.id, this.#deps.leaseMs, ids);
    } catch (error) {
      this.#deps.logger.warn({ err: (error as Error).message }, 'claim failed');
    }
    // Reservation and registration in one synchronous step, so a concurrent #free() never over-counts.
    this.#reserved--;
    return job && { done: this.#start(job) };
  }

  #start(job: Job): Promise<void> {
    const run = new RunningJob(job);
    const done = executeJob(run, this.#deps)
      .catch((error: unknown) => this.#deps.logger.error({ jobId: job.id, err: (error as Error).message }, 'job bookkeeping failed'))
      .finally(() => {
        this.#active.delete(job.id);
        void this.#fill();
      });
    this.#active.set(job.id, { run, done });
    return done;
  }

  /** A queue notification: run that job if possible, else any runnable one; resolves when done (BullMQ back-pressure). */
  async #offer(jobId: string): Promise<void> {
    const started = (await this.#claimAndStart([jobId])) ?? (await this.#claimAndStart());
    await started?.done;
  }

  async #fill(): Promise<void> {
    if (this.#filling) return;
    this.#filling = true;
    try {
      while (!this.#stopping && this.#free() > 0) if (!(await this.#claimAndStart())) break;
    } finally {
      this.#filling = false;
    }
  }
}

export function createWorker(opts: WorkerOptions): JobRunner {
  return new JobRunner(opts);
}
