import type { Job, Store } from '../store/types.ts';
import type { JobQueue } from './types.ts';
import { recordEvent } from './record-event.ts';

/**
 * Shared by both adapters: a queued job is cancelled in the database at once; a running one is flagged, and the
 * `signal` callback tells its worker to abort now rather than at its next heartbeat.
 */
export async function cancelJob(store: Store, queue: JobQueue, jobId: string, signal: (jobId: string) => Promise<void>): Promise<Job | undefined> {
  const job = await store.jobs.requestCancel(jobId);
  if (!job) return undefined;
  if (job.state === 'cancelled') await recordEvent(store, queue, job, 'state', { state: 'cancelled' });
  else await signal(jobId);
  return job;
}
