import type { Store } from '../store/types.ts';
import type { JobQueue } from './types.ts';
import { InProcessQueue } from './inprocess.ts';
import { BullMqQueue } from './bullmq.ts';

export interface QueueOptions {
  store: Store;
  /** BullMQ on this Redis; absent means the in-process queue. */
  redisUrl?: string;
  /** Redis key prefix (config.queuePrefix). */
  prefix?: string;
}

export function createQueue(opts: QueueOptions): JobQueue {
  if (opts.redisUrl) return new BullMqQueue({ redisUrl: opts.redisUrl, store: opts.store, ...(opts.prefix ? { prefix: opts.prefix } : {}) });
  return new InProcessQueue(opts.store);
}
