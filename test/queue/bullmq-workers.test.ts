import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';
import { probe } from '../../src/media/index.ts';
import { openStore, type Job, type Store, type User } from '../../src/store/index.ts';
import { BullMqQueue, submitJob, type QueueEventMap } from '../../src/queue/index.ts';
import { dropSchema, freshSchema, PG_URL, postgresAvailable, REDIS_URL, redisAvailable } from '../store/helpers.ts';
import { longSpec, stateSequence, tempDir, tinySpec, waitFor, waitForState } from './helpers.ts';

const [hasPostgres, hasRedis] = await Promise.all([postgresAvailable(), redisAvailable()]);
if (!hasPostgres || !hasRedis) {
  console.warn(`\n!!! SKIPPED: BullMQ worker-process tests need PostgreSQL (${hasPostgres ? 'ok' : 'UNREACHABLE'}) and Redis at ${REDIS_URL} (${hasRedis ? 'ok' : 'UNREACHABLE'}). These tests did NOT run. !!!\n`);
}

/** `videogen worker` through bin/videogen.mjs once the lead registers it in main.ts; until then the same command via a tiny entry. */
const workerEntry = buildProgram().commands.some((c) => c.name() === 'worker') ? ['bin/videogen.mjs', 'worker'] : ['test/queue/fixtures/worker-cli.mjs', 'worker'];

interface WorkerProcess {
  id: string;
  child: ChildProcess;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

describe.skipIf(!hasPostgres || !hasRedis)('BullMQ on Redis with two `videogen worker` processes sharing PostgreSQL', () => {
  const schema = freshSchema();
  const prefix = `vgtest-${randomBytes(4).toString('hex')}`;
  const home = tempDir('bull-home');
  const artifactsDir = join(home, 'artifacts');
  const workers = new Map<string, WorkerProcess>();
  const heard: QueueEventMap['job'][] = [];
  let store: Store;
  let queue: BullMqQueue;
  let owner: User;

  const spawnWorker = (id: string): WorkerProcess => {
    const child = spawn(process.execPath, [...workerEntry, '--id', id, '--lease-ms', '3000', '--heartbeat-ms', '500', '--poll-ms', '500', '--retry-base-ms', '500'], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: PG_URL, VIDEOGEN_DB_SCHEMA: schema, REDIS_URL, VIDEOGEN_QUEUE_PREFIX: prefix, VIDEOGEN_HOME: home, VIDEOGEN_CACHE: join(home, 'cache'), VIDEOGEN_ARTIFACTS: artifactsDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so SIGKILL takes its ffmpeg children too, as a container kill would.
      detached: true,
    });
    const logs: Record<string, unknown>[] = [];
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        if (stderr.trim()) console.warn(`worker ${id} stderr:\n${stderr}`);
        resolve(code);
      }),
    );
    const worker = { id, child, logs, exited };
    workers.set(id, worker);
    return worker;
  };

  beforeAll(async () => {
    store = await openStore({ databaseUrl: PG_URL, schema, poolSize: 4 });
    owner = await store.users.create({ email: 'owner@example.com', passwordHash: 'x', role: 'editor' });
    queue = new BullMqQueue({ redisUrl: REDIS_URL, store, prefix });
    await queue.ready();
    queue.on('job', (payload) => heard.push(payload));
    for (const id of ['w1', 'w2']) spawnWorker(id);
    await waitFor('both workers to start', () => [...workers.values()].every((w) => w.logs.some((l) => l.msg === 'worker started')), 60_000, 100);
  }, 90_000);

  afterAll(async () => {
    for (const w of workers.values()) if (w.child.exitCode === null && w.child.signalCode === null) process.kill(-w.child.pid!, 'SIGKILL');
    await queue?.close();
    await store?.close();
    await dropSchema(schema);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('processes 4 jobs, both workers take some, and every process hears the events', async () => {
    const jobs: Job[] = [];
    for (let i = 1; i <= 4; i++) jobs.push(await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec(`Bull job ${i}`) }, options: { preset: 'draft' } }));
    const done = await Promise.all(jobs.map((j) => waitForState(store, j.id, ['succeeded', 'failed', 'cancelled'], 150_000)));
    expect(done.map((j) => j.state)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    for (const job of done) expect(existsSync(join(job.outputDir!, 'video.mp4'))).toBe(true);
    const runners = new Map<string, string>();
    for (const job of jobs) {
      const events = await store.events.list({ jobId: job.id });
      expect(stateSequence(events)).toEqual(['queued', 'running', 'succeeded']);
      runners.set(job.id, String(events.find((e) => e.data.state === 'running')!.data.worker));
    }
    expect(new Set(runners.values())).toEqual(new Set(['w1', 'w2']));
    // Events published by the worker processes reached this process over Redis, with their stored ids.
    await waitFor('the final events over pub/sub', () => jobs.every((j) => heard.some((h) => h.job.id === j.id && h.data.state === 'succeeded')), 10_000);
    const first = heard.filter((h) => h.job.id === jobs[0]!.id);
    expect(first.some((h) => h.type === 'progress')).toBe(true);
    expect(first.map((h) => h.eventId)).toEqual([...first.map((h) => h.eventId)].sort((a, b) => a - b));
  }, 180_000);

  it('SIGKILL mid-render: the other worker takes the job over after the lease lapses and finishes from the cache', async () => {
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: longSpec('Killed mid render') }, options: { preset: 'draft' } });
    const midRender = await waitFor(
      'render to pass half way',
      () => heard.find((h) => h.job.id === job.id && h.type === 'progress' && h.data.stage === 'render' && Number(h.data.done) / Number(h.data.total) >= 0.5),
      120_000,
      20,
    );
    const victim = workers.get(String(midRender.job.leaseOwner))!;
    const survivor = [...workers.values()].find((w) => w !== victim)!;
    process.kill(-victim.child.pid!, 'SIGKILL');
    await victim.exited;

    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled'], 150_000);
    expect(done).toMatchObject({ state: 'succeeded', attempts: 2 });
    const events = await store.events.list({ jobId: job.id });
    expect(events.filter((e) => e.data.state === 'running').map((e) => e.data.worker)).toEqual([victim.id, survivor.id]);
    expect(stateSequence(events)).toEqual(['queued', 'running', 'running', 'succeeded']);

    // The published file is complete: ffprobe counts every frame the manifest promises, with audio to the end.
    const manifest = JSON.parse(readFileSync(join(done.outputDir!, 'manifest.json'), 'utf8')) as { video: { frames: number; seconds: number }; scenes: { segment: { cached: boolean } }[] };
    const info = await probe(join(done.outputDir!, 'video.mp4'), { countFrames: true });
    const video = info.streams.find((s) => s.type === 'video')!;
    const audio = info.streams.find((s) => s.type === 'audio')!;
    expect(video.frames).toBe(manifest.video.frames);
    expect(Math.abs(audio.durationSec! - video.durationSec!)).toBeLessThan(0.05);
    // Resumed, not restarted: segments the killed worker finished came from the shared cache.
    expect(manifest.scenes.filter((s) => s.segment.cached).length).toBeGreaterThan(0);
    expect(readdirSync(artifactsDir).filter((n) => n.includes('.partial'))).toEqual([]);
    const takeover = survivor.logs.find((l) => l.jobId === job.id && l.msg === 'job started');
    expect(takeover?.attempt).toBe(2);
  }, 240_000);

  it('stops gracefully on SIGTERM', async () => {
    const survivor = [...workers.values()].find((w) => w.child.exitCode === null && w.child.signalCode === null)!;
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect(survivor.logs.some((l) => l.msg === 'worker stopped')).toBe(true);
  }, 60_000);
});
