import type { Job } from '../store/types.ts';

/**
 * Dispatch contract (BullMQ-sized: enqueue, process, events, cancel). The database is the source of truth for job
 * state; the queue only says "job X is ready". Adapters: in-process (default, no services) and BullMQ on REDIS_URL
 * with `videogen worker` processes on any machine sharing the database and the artifact store.
 */
export interface QueueEventMap {
  /** A job changed state, stage or progress; `eventId` is the stored JobEvent id. */
  job: { job: Job; eventId: number; type: 'state' | 'progress' | 'warning' | 'log'; data: Record<string, unknown> };
  /** A running job was asked to stop: the worker holding it aborts at once (its heartbeat would notice later anyway). */
  cancel: { jobId: string };
}

export interface JobQueue {
  readonly kind: 'inprocess' | 'bullmq';
  /** Announces a stored (queued) job to workers. */
  enqueue(jobId: string, opts?: { delayMs?: number }): Promise<void>;
  /** Asks the worker running the job to stop; a queued job is cancelled at once. */
  cancel(jobId: string): Promise<void>;
  /** Live job events for SSE (in-process: local emitter; BullMQ: QueueEvents / Redis pub-sub). */
  on<K extends keyof QueueEventMap>(event: K, listener: (payload: QueueEventMap[K]) => void): () => void;
  /** Sends a stored job event to every `on('job')` listener (every process, for BullMQ). */
  publish(payload: QueueEventMap['job']): Promise<void>;
  /**
   * Delivers "job X is ready" to a worker. `handler` resolves once the worker has run the job or declined it (busy, or
   * someone else claimed it); BullMQ hands a process at most `concurrency` unresolved deliveries at a time.
   */
  consume(handler: (jobId: string) => Promise<void>, opts?: { concurrency?: number }): { close(): Promise<void> };
  /** Checks the broker (Redis ping for BullMQ); used by /api/ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Runs jobs: claims from the store, renders through the pipeline, reports progress, honours cancel and leases. */
export interface Worker {
  readonly id: string;
  start(): Promise<void>;
  /** Finishes (or abandons, if `force`) the current job and stops claiming. */
  stop(opts?: { force?: boolean }): Promise<void>;
}
