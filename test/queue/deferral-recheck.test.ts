import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type User } from '../../src/store/index.ts';
import { createQueue, createWorker, submitJob, type JobQueue, type JobRunner, type RunJob } from '../../src/queue/index.ts';
import { JobDeferral } from '../../src/queue/deferral.ts';
import { sharedConfig, tinySpec, waitForState } from './helpers.ts';

/**
 * A job that decides to wait (a review) while the reason goes away (the approval lands during that run) must not
 * sleep until its deadline: the worker asks once more after storing the wait.
 */
describe('a deferral whose reason went away meanwhile', () => {
  let store: Store;
  let queue: JobQueue;
  let owner: User;
  let worker: JobRunner;
  const runs = new Map<string, number>();
  let approved = false;
  const reviewLike: RunJob = async ({ job }) => {
    runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
    if (runs.get(job.id) === 1) {
      // The approval arrives after this run read "pending" and before the wait is stored.
      approved = true;
      throw new JobDeferral(new Date(Date.now() + 7 * 24 * 3_600_000), 'waiting for review', { waitingFor: 'review' }, async () => !approved);
    }
  };

  beforeAll(async () => {
    store = await openStore({ inMemory: true });
    queue = createQueue({ store });
    owner = await store.users.create({ email: 'defer@example.com', passwordHash: 'x', role: 'editor' });
    worker = createWorker({ store, queue, config: sharedConfig(), runJob: reviewLike, pollMs: 100, heartbeatMs: 200, leaseMs: 2_000, retryBaseMs: 20 });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop({ force: true });
    await queue?.close();
    await store?.close();
  });

  it('runs again at once instead of a week later, without counting an attempt', async () => {
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec() }, maxAttempts: 1 });
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled'], 30_000);
    expect(done).toMatchObject({ state: 'succeeded', attempts: 1 });
    expect(runs.get(job.id)).toBe(2);
  });
});
