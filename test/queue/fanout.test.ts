import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { validateSpec, type VideoSpecInput } from '../../src/spec/index.ts';
import type { LanguageIndex } from '../../src/pipeline/render-languages.ts';
import { openStore, type Job, type Store, type User } from '../../src/store/index.ts';
import { BullMqQueue, submitJob, type QueueEventMap } from '../../src/queue/index.ts';
import { SEGMENT_QUEUE_NAME } from '../../src/queue/segment-queue.ts';
import { dropSchema, freshSchema, postgresAvailable, REDIS_URL, redisAvailable, servicesRequired } from '../store/helpers.ts';
import { stateSequence, tempDir, waitFor, waitForState } from './helpers.ts';
import { frameMd5, killWorker, segmentLogs, spawnFanoutWorker, type WorkerProcess } from './fanout-helpers.ts';

const [hasPostgres, hasRedis] = await Promise.all([postgresAvailable(), redisAvailable()]);
// postgresAvailable throws by itself when services are required; redisAvailable only answers false.
if (!hasRedis && servicesRequired()) throw new Error(`Redis at ${REDIS_URL} is required (CI=true or VIDEOGEN_REQUIRE_SERVICES=1) but not reachable`);
if (!hasPostgres || !hasRedis) {
  console.warn(`\n!!! SKIPPED: fan-out tests need PostgreSQL (${hasPostgres ? 'ok' : 'UNREACHABLE'}) and Redis at ${REDIS_URL} (${hasRedis ? 'ok' : 'UNREACHABLE'}). These tests did NOT run. !!!\n`);
}

/** Four scenes of different kinds with fades between them: four segments, each with a transition in or out. */
const spec: VideoSpecInput = {
  id: 'fanout',
  title: 'Fan-out',
  scenes: [
    { id: 'intro', kind: 'title', title: 'One video', subtitle: 'Many workers', narration: 'One video on many workers.', transition: 'fade' },
    { id: 'list', kind: 'list', title: 'Segments', items: ['Planned once', 'Rendered anywhere', 'Joined by copy'], narration: 'Each segment renders anywhere.', transition: 'fade' },
    { id: 'code', kind: 'code', title: 'A task', code: 'const task = { index, key };\nawait render(task);', language: 'javascript', narration: 'A task is plain data.', transition: 'fade' },
    { id: 'bye', kind: 'outro', title: 'Done', narration: 'The coordinator muxes.' },
  ],
} as VideoSpecInput;

/** Long enough (16 segments) that a cancel lands while tasks are waiting and running. */
const longSpec: VideoSpecInput = {
  id: 'fanout-long',
  title: 'Cancelled',
  scenes: Array.from({ length: 16 }, (_, i) => ({ id: `s${i + 1}`, kind: 'list', title: `Point ${i + 1}`, items: ['One', 'Two', 'Three'], minDuration: 4, narration: `Point ${i + 1}.`, transition: 'fade' })),
} as VideoSpecInput;

const FAILING_SEGMENT = 1;

describe.skipIf(!hasPostgres || !hasRedis)('one video across two `videogen worker` processes (BullMQ segment fan-out)', () => {
  const schema = freshSchema();
  const prefix = `vgfan-${randomBytes(4).toString('hex')}`;
  const home = tempDir('fanout-home');
  const marker = join(tempDir('fanout-fault'), 'failed-once');
  const workers: WorkerProcess[] = [];
  const heard: QueueEventMap['job'][] = [];
  let store: Store;
  let queue: BullMqQueue;
  let owner: User;
  let fanned: Job;

  beforeAll(async () => {
    store = await openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', schema, poolSize: 4 });
    owner = await store.users.create({ email: 'owner@example.com', passwordHash: 'x', role: 'editor' });
    queue = new BullMqQueue({ redisUrl: REDIS_URL, store, prefix });
    await queue.ready();
    queue.on('job', (payload) => heard.push(payload));
    for (const id of ['w1', 'w2']) workers.push(spawnFanoutWorker(id, { schema, prefix, home, extraEnv: { FANOUT_TEST_FAIL_ONCE: `${FAILING_SEGMENT}:${marker}` } }));
    await waitFor('both workers to start', () => workers.every((w) => w.logs.some((l) => l.msg === 'worker started')), 90_000, 100);
  }, 120_000);

  afterAll(async () => {
    if (process.env.FANOUT_TEST_LOGS) for (const w of workers) console.log(w.id, JSON.stringify(w.logs.filter((l) => String(l.msg).startsWith('segment') || String(l.msg).startsWith('job')).map((l) => ({ msg: l.msg, segment: l.segment, attempt: l.attempt, cached: l.cached, seconds: l.seconds, jobId: l.jobId })), null, 0));
    for (const w of workers) killWorker(w);
    await queue?.close();
    await store?.close();
    await dropSchema(schema).catch(() => undefined);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('renders the same frames and audio as a local render, both workers rendering segments', async () => {
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec }, options: { preset: 'draft' } });
    // Meanwhile the same spec renders here, in-process, with a cache of its own (nothing to reuse from the workers').
    const localHome = tempDir('fanout-local');
    const valid = validateSpec(spec);
    if (!valid.ok) throw new Error('the test spec is invalid');
    const local = await renderVideo(valid.value, { outputDir: join(localHome, 'out'), preset: 'draft', config: loadConfig({ home: localHome }, { PATH: process.env.PATH }) });
    fanned = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled'], 240_000);
    expect(fanned.state).toBe('succeeded');
    expect(local.segmentsRendered).toBe(4);

    const remote = join(fanned.outputDir!, 'video.mp4');
    const [localVideo, remoteVideo, localAudio, remoteAudio] = await Promise.all([frameMd5(local.files.video!, 'v'), frameMd5(remote, 'v'), frameMd5(local.files.video!, 'a'), frameMd5(remote, 'a')]);
    expect(remoteVideo.length).toBe(local.totalFrames);
    expect(remoteVideo).toEqual(localVideo);
    expect(remoteAudio.length).toBeGreaterThan(0);
    expect(remoteAudio).toEqual(localAudio);

    // Every segment was rendered by a worker process (none by the coordinator's own pipeline), and both took some.
    const rendered = workers.map((w) => segmentLogs(w, 'segment rendered').filter((l) => l.cached === false));
    expect(rendered.flat().map((l) => l.segment).sort()).toEqual([0, 1, 2, 3]);
    expect(rendered.every((r) => r.length > 0)).toBe(true);
    // The job's progress kept moving while the segments rendered elsewhere.
    const renderProgress = heard.filter((h) => h.job.id === job.id && h.type === 'progress' && h.data.stage === 'render');
    expect(renderProgress.length).toBeGreaterThan(1);
    expect(stateSequence(await store.events.list({ jobId: job.id }))).toEqual(['queued', 'running', 'succeeded']);
  }, 300_000);

  it('a segment that failed once was retried alone, and the job still completed once', async () => {
    expect(existsSync(marker)).toBe(true);
    const all = workers.flatMap((w) => w.logs);
    const failed = all.filter((l) => l.msg === 'segment failed');
    expect(failed.map((l) => [l.segment, l.attempt])).toEqual([[FAILING_SEGMENT, 1]]);
    const rendered = all.filter((l) => l.msg === 'segment rendered');
    // One successful attempt per segment; only the failed one needed a second.
    expect(rendered.map((l) => [l.segment, l.attempt]).sort()).toEqual([[0, 1], [1, 2], [2, 1], [3, 1]]);
    expect(fanned.attempts).toBe(1);
  });

  it('a job in two languages fans out the segments of the language it has not rendered yet', async () => {
    const before = workers.map((w) => segmentLogs(w, 'segment rendered').filter((l) => l.cached === false).length);
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec }, options: { preset: 'draft', languages: ['en', 'es'] } });
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled'], 240_000);
    expect(done.state, done.errorMessage ?? '').toBe('succeeded');
    const index = JSON.parse(readFileSync(join(done.outputDir!, 'index.json'), 'utf8')) as LanguageIndex;
    expect(index.languages.map((l) => [l.language, l.translatedBy === 'source'])).toEqual([['en', true], ['es', false]]);
    // English is the first test's video, segment for segment, so its segments were all in the shared store already;
    // the Spanish one's four were rendered by the workers, not by the coordinator.
    const rendered = workers.map((w, i) => segmentLogs(w, 'segment rendered').filter((l) => l.cached === false).length - before[i]!);
    expect(rendered.reduce((a, b) => a + b, 0)).toBe(4);
    for (const entry of index.languages) {
      const frames = await frameMd5(join(done.outputDir!, entry.files.video!), 'v');
      expect(frames.length).toBe(entry.frames);
    }
    expect(index.languages[1]!.title).not.toBe(index.languages[0]!.title);
  }, 300_000);

  it('cancelling the job mid-render withdraws every segment task on every worker', async () => {
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: longSpec }, options: { preset: 'draft' } });
    const before = workers.map((w) => segmentLogs(w, 'segment rendered').length);
    await waitFor('a segment of the long render to finish', () => workers.some((w, i) => segmentLogs(w, 'segment rendered').length > before[i]!), 180_000, 50);
    await queue.cancel(job.id);
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled'], 60_000);
    expect(done.state).toBe('cancelled');

    const segments = new Queue(SEGMENT_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix });
    try {
      const counts = await segments.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, prioritized: 0 });
      // And it stays so: nothing picks a withdrawn task up later.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await segments.getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });
    } finally {
      await segments.close();
    }
    const renderedAfter = workers.reduce((n, w, i) => n + segmentLogs(w, 'segment rendered').length - before[i]!, 0);
    expect(renderedAfter).toBeLessThan(16);
    expect(readdirSync(join(home, 'artifacts')).filter((n) => n.startsWith(job.id))).toEqual([]);
    // Both workers are still alive and idle.
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
  }, 300_000);
});
