import { EventEmitter } from 'node:events';
import type { Store } from '../store/types.ts';
import type { JobQueue, QueueEventMap } from './types.ts';
import { cancelJob } from './cancel-job.ts';

/**
 * The default queue: an EventEmitter in this process. `enqueue` wakes the local workers; the database stays the
 * source of truth, and workers also poll it, so a notification lost in a restart only delays a job.
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'inprocess' as const;
  readonly #bus = new EventEmitter();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(private readonly store: Store) {
    // SSE connections each add a listener; the default cap of 10 is a leak warning, not a limit we want.
    this.#bus.setMaxListeners(0);
  }

  async enqueue(jobId: string, opts?: { delayMs?: number }): Promise<void> {
    const delay = Math.max(0, opts?.delayMs ?? 0);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#bus.emit('ready', jobId);
    }, delay);
    timer.unref();
    this.#timers.add(timer);
  }

  async cancel(jobId: string): Promise<void> {
    await cancelJob(this.store, this, jobId, async (id) => {
      this.#bus.emit('cancel', { jobId: id } satisfies QueueEventMap['cancel']);
    });
  }

  async publish(payload: QueueEventMap['job']): Promise<void> {
    this.#bus.emit('job', payload);
  }

  on<K extends keyof QueueEventMap>(event: K, listener: (payload: QueueEventMap[K]) => void): () => void {
    this.#bus.on(event, listener);
    return () => this.#bus.off(event, listener);
  }

  consume(handler: (jobId: string) => Promise<void>): { close(): Promise<void> } {
    // Every local worker hears every notification; the atomic claim decides which one runs the job.
    const listener = (jobId: string) => void handler(jobId).catch(() => undefined);
    this.#bus.on('ready', listener);
    return { close: async () => void this.#bus.off('ready', listener) };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#bus.removeAllListeners();
  }
}
