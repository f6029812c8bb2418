import type { Job, NewJob, Store } from '../store/types.ts';
import type { JobQueue } from './types.ts';
import { recordEvent } from './record-event.ts';

/** Stores a new job, records its first state event and announces it to the workers. The one way to start a job. */
export async function submitJob(store: Store, queue: JobQueue, job: NewJob): Promise<Job> {
  const created = await store.jobs.create(job);
  await recordEvent(store, queue, created, 'state', { state: 'queued' });
  await queue.enqueue(created.id);
  return created;
}
