import type { Job } from '../store/types.ts';
import type { QueueEventMap } from './types.ts';

/** What travels on the Redis events channel: JSON, so Dates are revived on arrival. */
export type BusMessage = { kind: 'job'; payload: QueueEventMap['job'] } | { kind: 'cancel'; jobId: string };

const DATE_FIELDS = ['leaseExpiresAt', 'runAfter', 'createdAt', 'updatedAt', 'startedAt', 'finishedAt'] as const;

export function encodeMessage(message: BusMessage): string {
  return JSON.stringify(message);
}

export function decodeMessage(text: string): BusMessage | undefined {
  try {
    const message = JSON.parse(text) as BusMessage;
    if (message.kind === 'cancel' && typeof message.jobId === 'string') return message;
    if (message.kind === 'job' && message.payload?.job) {
      const job = message.payload.job as unknown as Record<string, unknown>;
      for (const field of DATE_FIELDS) if (typeof job[field] === 'string') job[field] = new Date(job[field] as string);
      return { kind: 'job', payload: { ...message.payload, job: job as unknown as Job } };
    }
  } catch {
    // Not ours (another publisher on the channel): ignore.
  }
  return undefined;
}
