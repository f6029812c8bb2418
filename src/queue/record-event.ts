import type { Job, JobEvent, Store } from '../store/types.ts';
import type { JobQueue } from './types.ts';

/** Stores a job event, then broadcasts it with its id: the id lets SSE clients resume after a reconnect. */
export async function recordEvent(store: Store, queue: JobQueue, job: Job, type: JobEvent['type'], data: Record<string, unknown>): Promise<JobEvent> {
  const event = await store.events.append({ jobId: job.id, ownerId: job.ownerId, type, data });
  await queue.publish({ job, eventId: event.id, type, data });
  return event;
}
