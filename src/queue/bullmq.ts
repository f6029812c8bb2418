import { Queue, Worker as BullWorker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Store } from '../store/types.ts';
import type { JobQueue, QueueEventMap } from './types.ts';
import { cancelJob } from './cancel-job.ts';
import { decodeMessage, encodeMessage, type BusMessage } from './codec.ts';

export const QUEUE_NAME = 'videogen-jobs';
export const EVENTS_CHANNEL = 'videogen:events';

export interface BullQueueOptions {
  redisUrl: string;
  store: Store;
  /** Redis key prefix for BullMQ and the events channel, so deployments or test runs can share one Redis. */
  prefix?: string;
}

type Listener = (payload: never) => void;

/**
 * BullMQ carries only job ids ("job X is ready"); the database holds the job. Job events and cancel requests go over
 * one Redis pub/sub channel, so every server process can stream every job's progress whichever worker runs it.
 */
export class BullMqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  readonly #queue: Queue;
  readonly #publisher: Redis;
  #subscriber: Redis | undefined;
  readonly #listeners = new Map<keyof QueueEventMap, Set<Listener>>();
  readonly #consumers = new Set<BullWorker>();
  readonly #channel: string;
  readonly #prefix: string | undefined;

  constructor(private readonly opts: BullQueueOptions) {
    this.#prefix = opts.prefix;
    this.#channel = opts.prefix ? `${opts.prefix}:${EVENTS_CHANNEL}` : EVENTS_CHANNEL;
    this.#queue = new Queue(QUEUE_NAME, { connection: this.#connection(), ...(opts.prefix ? { prefix: opts.prefix } : {}) });
    this.#queue.on('error', () => undefined);
    this.#publisher = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3 });
    this.#publisher.on('error', () => undefined);
  }

  #connection() {
    // BullMQ's blocking commands need maxRetriesPerRequest: null.
    return { url: this.opts.redisUrl, maxRetriesPerRequest: null };
  }

  async enqueue(jobId: string, opts?: { delayMs?: number }): Promise<void> {
    const delay = Math.max(0, Math.round(opts?.delayMs ?? 0));
    await this.#queue.add('job', { jobId }, { removeOnComplete: true, removeOnFail: true, ...(delay ? { delay } : {}) });
  }

  async cancel(jobId: string): Promise<void> {
    await cancelJob(this.opts.store, this, jobId, async (id) => {
      await this.#publish({ kind: 'cancel', jobId: id });
    });
  }

  async publish(payload: QueueEventMap['job']): Promise<void> {
    await this.#publish({ kind: 'job', payload });
  }

  async #publish(message: BusMessage): Promise<void> {
    await this.#publisher.publish(this.#channel, encodeMessage(message));
  }

  on<K extends keyof QueueEventMap>(event: K, listener: (payload: QueueEventMap[K]) => void): () => void {
    this.#subscribe();
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => void set.delete(listener as Listener);
  }

  /** Subscribes lazily: processes that never listen (CLI tools) keep one connection fewer. */
  #subscribe(): void {
    if (this.#subscriber) return;
    const subscriber = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, text: string) => {
      const message = decodeMessage(text);
      if (!message) return;
      const [event, payload] = message.kind === 'job' ? (['job', message.payload] as const) : (['cancel', { jobId: message.jobId }] as const);
      for (const listener of this.#listeners.get(event) ?? []) {
        try {
          (listener as (p: unknown) => void)(payload);
        } catch {
          // A failing listener (a closed SSE socket) must not starve the others.
        }
      }
    });
    void subscriber.subscribe(this.#channel).catch(() => undefined);
    this.#subscriber = subscriber;
  }

  /** Resolves once the subscription is active; tests and workers call it so no early event is missed. */
  async ready(): Promise<void> {
    this.#subscribe();
    await this.#subscriber!.subscribe(this.#channel);
  }

  consume(handler: (jobId: string) => Promise<void>, opts?: { concurrency?: number }): { close(): Promise<void> } {
    const worker = new BullWorker(QUEUE_NAME, async (job) => handler(String((job.data as { jobId: string }).jobId)), {
      connection: this.#connection(),
      concurrency: Math.max(1, opts?.concurrency ?? 1),
      ...(this.#prefix ? { prefix: this.#prefix } : {}),
    });
    worker.on('error', () => undefined);
    this.#consumers.add(worker);
    return {
      close: async () => {
        this.#consumers.delete(worker);
        await worker.close();
      },
    };
  }

  async ping(): Promise<void> {
    await this.#publisher.ping();
  }

  async close(): Promise<void> {
    await Promise.all([...this.#consumers].map((w) => w.close()));
    this.#consumers.clear();
    await this.#queue.close();
    this.#listeners.clear();
    this.#subscriber?.disconnect();
    await this.#publisher.quit().catch(() => undefined);
  }
}
