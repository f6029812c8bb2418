import type { Job, JobEvent, Store } from '../store/types.ts';
import type { JobQueue } from './types.ts';

/** Stores a job event, then broadcasts it with its id: the id lets SSE clients resume after a reconnect. */
export async function recordEvent(store: Store, queue: JobQueue, job: Job, type: JobEvent['type'], data: Record<string, unknown>): Promise<JobEvent> {
  const event = await store.events.append({ jobId: job.id, ownerId: job.ownerId, type, data });
  await queue.publish({ job, eventId: event.id, type, data });
  return event;
}

export type EventRecorder = (job: Job, type: JobEvent['type'], data: Record<string, unknown>) => Promise<JobEvent>;

/**
 * A recorder that runs one append-then-publish at a time, in call order. A running job records from several places at
 * once (progress ticks, warnings the render emits, its final state); two overlapping recordEvent calls can store ids
 * 22 and 23 and publish 23 first, and a listener that resumes from the last id it heard would then skip 22.
 */
export function sequentialRecorder(store: Store, queue: JobQueue): EventRecorder {
  let tail: Promise<unknown> = Promise.resolve();
  return (job, type, data) => {
    const next = tail.then(() => recordEvent(store, queue, job, type, data));
    // One failed append must not stall the events after it; the caller still sees its own failure.
    tail = next.catch(() => undefined);
    return next;
  };
}
