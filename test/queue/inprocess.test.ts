import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideogenConfig } from '../../src/config.ts';
import { VideogenError } from '../../src/errors.ts';
import { openStore, type Store, type User } from '../../src/store/index.ts';
import { createQueue, createWorker, renderJob, submitJob, type JobQueue, type JobRunner, type QueueEventMap, type RunJob } from '../../src/queue/index.ts';
import { longSpec, sharedConfig, stateSequence, tinySpec, waitFor, waitForState } from './helpers.ts';

describe('in-process queue + PGlite: workers run real renders', () => {
  let store: Store;
  let queue: JobQueue;
  let config: VideogenConfig;
  let owner: User;
  const workers: JobRunner[] = [];
  const heard: QueueEventMap['job'][] = [];
  const start = async (opts: Partial<Parameters<typeof createWorker>[0]> = {}) => {
    const worker = createWorker({ store, queue, config, pollMs: 250, heartbeatMs: 200, leaseMs: 2_000, retryBaseMs: 400, ...opts });
    workers.push(worker);
    await worker.start();
    return worker;
  };
  const stopAll = async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop({ force: true })));
  };

  beforeAll(async () => {
    store = await openStore({ inMemory: true });
    queue = createQueue({ store });
    config = sharedConfig();
    owner = await store.users.create({ email: 'owner@example.com', passwordHash: 'x', role: 'editor' });
    queue.on('job', (payload) => heard.push(payload));
  });
  afterAll(async () => {
    await stopAll();
    await queue?.close();
    await store?.close();
  });

  it('renders a 2-scene job: events in order, outputs published under the job id, nothing partial left', async () => {
    await start();
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec() }, options: { preset: 'draft' } });
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled']);
    expect(done.errorMessage).toBeNull();
    expect(done).toMatchObject({ state: 'succeeded', progress: 1, attempts: 1, stage: null, leaseOwner: null, outputDir: join(config.artifactsDir, job.id) });
    for (const file of ['video.mp4', 'captions.en.srt', 'captions.en.vtt', 'thumbnail.png', 'chapters.txt', 'manifest.json']) expect(existsSync(join(done.outputDir!, file)), file).toBe(true);
    expect(readdirSync(config.artifactsDir)).toEqual([job.id]);

    const events = await store.events.list({ jobId: job.id });
    expect(stateSequence(events)).toEqual(['queued', 'running', 'succeeded']);
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const progress = events.filter((e) => e.type === 'progress').map((e) => Number(e.data.progress));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Progress events sit between running and succeeded.
    const types = events.map((e) => (e.type === 'state' ? String(e.data.state) : e.type));
    expect(types.indexOf('progress')).toBeGreaterThan(types.indexOf('running'));
    expect(types.lastIndexOf('progress')).toBeLessThan(types.indexOf('succeeded'));
    // Live listeners heard the same events with the same ids.
    expect(heard.filter((h) => h.job.id === job.id).map((h) => h.eventId)).toEqual(ids);
    await stopAll();
  }, 120_000);

  it('cancels a running job: state cancelled, no video.mp4, no output directory', async () => {
    await start();
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: longSpec('Cancel me') }, options: { preset: 'draft' } });
    await waitFor('render to start', async () => (await store.jobs.get(job.id))?.stage === 'render', 60_000, 50);
    await queue.cancel(job.id);
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled']);
    expect(done.state).toBe('cancelled');
    expect(done.outputDir).toBeNull();
    expect(existsSync(join(config.artifactsDir, job.id, 'video.mp4'))).toBe(false);
    expect(readdirSync(config.artifactsDir).filter((n) => n.startsWith(job.id))).toEqual([]);
    expect(stateSequence(await store.events.list({ jobId: job.id }))).toEqual(['queued', 'running', 'cancelled']);
    await stopAll();
  }, 120_000);

  it('cancels a queued job at once, without a worker', async () => {
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec() } });
    await queue.cancel(job.id);
    expect((await store.jobs.get(job.id))?.state).toBe('cancelled');
    expect(stateSequence(await store.events.list({ jobId: job.id }))).toEqual(['queued', 'cancelled']);
  });

  it('fails an invalid spec with SPEC_INVALID and does not retry it', async () => {
    await start();
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: { title: 'No scenes', scenes: [{ kind: 'nonsense' }] } } });
    const done = await waitForState(store, job.id, ['failed', 'succeeded', 'cancelled'], 30_000);
    expect(done).toMatchObject({ state: 'failed', errorCode: 'SPEC_INVALID', attempts: 1 });
    expect(done.errorMessage).toMatch(/scenes/);
    expect(stateSequence(await store.events.list({ jobId: job.id }))).toEqual(['queued', 'running', 'failed']);
    await stopAll();
  });

  it('retries a transient failure with exponential backoff, then succeeds', async () => {
    const runs: number[] = [];
    const flaky: RunJob = async (ctx) => {
      runs.push(Date.now());
      if (runs.length <= 2) throw new VideogenError('FFMPEG_FAILED', `transient failure ${runs.length}`);
      await renderJob(ctx);
    };
    await start({ runJob: flaky, retryBaseMs: 400 });
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec('Flaky') }, options: { preset: 'draft' } });
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled']);
    expect(done).toMatchObject({ state: 'succeeded', attempts: 3, errorCode: null });
    expect(runs.length).toBe(3);
    // Backoff doubles: ≥ 400 ms before the 2nd attempt, ≥ 800 ms before the 3rd.
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(400);
    expect(runs[2]! - runs[1]!).toBeGreaterThanOrEqual(800);
    const events = await store.events.list({ jobId: job.id });
    expect(stateSequence(events)).toEqual(['queued', 'running', 'queued', 'running', 'queued', 'running', 'succeeded']);
    expect(events.filter((e) => e.data.retry).map((e) => e.data.delayMs)).toEqual([400, 800]);
    expect(existsSync(join(done.outputDir!, 'video.mp4'))).toBe(true);
    await stopAll();
  }, 120_000);

  it('gives up after maxAttempts transient failures', async () => {
    await start({ runJob: async () => Promise.reject(new Error('always broken')), retryBaseMs: 50 });
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec() }, maxAttempts: 2 });
    const done = await waitForState(store, job.id, ['failed', 'succeeded'], 30_000);
    expect(done).toMatchObject({ state: 'failed', attempts: 2, errorCode: 'RENDER_FAILED', errorMessage: 'always broken' });
    await stopAll();
  });

  it('runs up to `concurrency` jobs at once, never more', async () => {
    let running = 0;
    let peak = 0;
    const slow: RunJob = async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 300));
      running--;
    };
    const jobs = [];
    for (let i = 0; i < 5; i++) jobs.push(await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec() } }));
    await start({ runJob: slow, concurrency: 2 });
    await Promise.all(jobs.map((j) => waitForState(store, j.id, ['succeeded'], 30_000)));
    expect(peak).toBe(2);
    await stopAll();
  });

  it('a worker stopped with force hands its running job back without counting the attempt', async () => {
    let started = false;
    const waitForAbort: RunJob = ({ signal }) =>
      new Promise((_, reject) => {
        started = true;
        signal.addEventListener('abort', () => reject(new VideogenError('CANCELLED', 'aborted')));
      });
    const a = await start({ id: 'leaving', runJob: waitForAbort });
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec() } });
    await waitFor('A to start the job', () => started, 10_000, 20);
    await a.stop({ force: true });
    expect(await store.jobs.get(job.id)).toMatchObject({ state: 'queued', attempts: 0, leaseOwner: null });
    const events = await store.events.list({ jobId: job.id });
    expect(events.at(-1)?.data).toMatchObject({ state: 'queued', reason: 'worker stopped' });
    await queue.cancel(job.id);
    await stopAll();
  });

  it('a worker that stops heartbeating loses its job to another worker once the lease lapses', async () => {
    let staleFinished = false;
    // Worker A never renews its lease (heartbeat far beyond the lease) and is slow.
    const stuck: RunJob = async () => {
      await new Promise((r) => setTimeout(r, 4_000));
      staleFinished = true;
    };
    const a = await start({ id: 'stuck-a', runJob: stuck, leaseMs: 1_000, heartbeatMs: 60_000 });
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec('Takeover') }, options: { preset: 'draft' } });
    await waitFor('A to claim', async () => (await store.jobs.get(job.id))?.leaseOwner === 'stuck-a', 10_000, 20);
    const claimedAt = Date.now();
    const b = await start({ id: 'healthy-b', leaseMs: 2_000, heartbeatMs: 200 });
    expect(a.id).toBe('stuck-a');
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled']);
    expect(done).toMatchObject({ state: 'succeeded', attempts: 2 });
    const events = await store.events.list({ jobId: job.id });
    const running = events.filter((e) => e.data.state === 'running');
    expect(running.map((e) => e.data.worker)).toEqual(['stuck-a', 'healthy-b']);
    expect(running[1]!.createdAt.getTime() - claimedAt).toBeGreaterThanOrEqual(900);
    // A finishes later and must neither overwrite the state nor publish anything.
    await waitFor('stale worker to finish', () => staleFinished, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect((await store.jobs.get(job.id))?.state).toBe('succeeded');
    expect(stateSequence(await store.events.list({ jobId: job.id }))).toEqual(['queued', 'running', 'running', 'succeeded']);
    expect(existsSync(join(done.outputDir!, 'video.mp4'))).toBe(true);
    expect(b.activeJobs).toEqual([]);
    await stopAll();
  }, 120_000);
});
