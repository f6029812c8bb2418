import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideogenConfig } from '../../src/config.ts';
import { errorInfo, VideogenError, type ErrorCode } from '../../src/errors.ts';
import { openStore, type Store, type User } from '../../src/store/index.ts';
import { createQueue, createWorker, renderOptionsOf, submitJob, type JobQueue, type JobRunner, type RunJob } from '../../src/queue/index.ts';
import { sharedConfig, stateSequence, tinySpec, waitForState } from './helpers.ts';

/** The worker retries exactly the codes src/errors.ts declares retryable: another attempt cannot fix the others. */
describe('retry policy: the error table decides', () => {
  let store: Store;
  let queue: JobQueue;
  let config: VideogenConfig;
  let owner: User;
  let worker: JobRunner;
  const attempts = new Map<string, number>();
  /** Fails every attempt with the code named in the job's options. */
  const failing: RunJob = async ({ job }) => {
    attempts.set(job.id, (attempts.get(job.id) ?? 0) + 1);
    const code = job.options.failWith as ErrorCode;
    throw new VideogenError(code, `always ${code}`);
  };

  beforeAll(async () => {
    store = await openStore({ inMemory: true });
    queue = createQueue({ store });
    config = sharedConfig();
    owner = await store.users.create({ email: 'retry@example.com', passwordHash: 'x', role: 'editor' });
    worker = createWorker({ store, queue, config, runJob: failing, pollMs: 100, heartbeatMs: 200, leaseMs: 2_000, retryBaseMs: 20, concurrency: 4 });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop({ force: true });
    await queue?.close();
    await store?.close();
  });

  it.each(['SOURCE_UNREADABLE', 'TTS_UNAVAILABLE', 'FFMPEG_MISSING'] as const)('%s fails after one attempt', async (code) => {
    expect(errorInfo(code).retry).toBe(false);
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec() }, options: { failWith: code }, maxAttempts: 3 });
    const done = await waitForState(store, job.id, ['failed', 'succeeded', 'cancelled'], 30_000);
    expect(done).toMatchObject({ state: 'failed', errorCode: code, errorMessage: `always ${code}`, attempts: 1 });
    expect(attempts.get(job.id)).toBe(1);
    expect(stateSequence(await store.events.list({ jobId: job.id }))).toEqual(['queued', 'running', 'failed']);
  });

  it('RENDER_FAILED is retried up to maxAttempts', async () => {
    expect(errorInfo('RENDER_FAILED').retry).toBe(true);
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec() }, options: { failWith: 'RENDER_FAILED' }, maxAttempts: 3 });
    const done = await waitForState(store, job.id, ['failed', 'succeeded', 'cancelled'], 30_000);
    expect(done).toMatchObject({ state: 'failed', errorCode: 'RENDER_FAILED', attempts: 3 });
    expect(attempts.get(job.id)).toBe(3);
    expect(stateSequence(await store.events.list({ jobId: job.id }))).toEqual(['queued', 'running', 'queued', 'running', 'queued', 'running', 'failed']);
  });
});

describe('job render options', () => {
  it('accept an explicit resolution and refuse an unknown one as USAGE', () => {
    expect(renderOptionsOf({ preset: 'draft', resolution: '1080p' })).toEqual({ preset: 'draft', resolution: '1080p' });
    expect(() => renderOptionsOf({ resolution: '4k' })).toThrow(expect.objectContaining({ code: 'USAGE' }) as Error);
  });
});
