import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type VideogenConfig } from '../../src/config.ts';
import { probe } from '../../src/media/index.ts';
import { createScheduler } from '../../src/publish/scheduler.ts';
import { topicSourceResolver } from '../../src/publish/topic-source.ts';
import { createQueue, createWorker } from '../../src/queue/index.ts';
import type { JobQueue, Worker } from '../../src/queue/types.ts';
import { openStore, type Job, type Store, type User } from '../../src/store/index.ts';

/**
 * A schedule's slot, all the way to a video: the scheduler fires it, a worker started as `videogen serve` starts its
 * own (resolveSource: topicSourceResolver) turns the create job's topic into a Short offline (niche template, espeak,
 * no model) and renders it. The draft preset keeps the render small on a shared machine.
 */
let store: Store;
let alice: User;
let home: string;
let config: VideogenConfig;
let queue: JobQueue;
let worker: Worker;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'videogen-sched-video-'));
  config = loadConfig({ home }, { PATH: process.env.PATH, VIDEOGEN_EDGE: '0', VIDEOGEN_TTS: 'espeak' });
  store = await openStore({ inMemory: true });
  alice = await store.users.create({ email: 'alice@example.com', passwordHash: 'h', role: 'editor' });
  queue = createQueue({ store });
  worker = createWorker({ store, queue, config, id: 'test-worker', pollMs: 200, resolveSource: topicSourceResolver(config) });
  await worker.start();
});
afterAll(async () => {
  await worker?.stop({ force: true });
  await queue?.close();
  await store?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('schedule → create job → video', () => {
  it('renders the Short a slot asks for', async () => {
    const slot = new Date(Date.now() - 1000);
    const s = await store.schedules.create({
      ownerId: alice.id,
      name: 'octopus hour',
      rule: 'every hour',
      cron: '0 * * * *',
      timezone: 'UTC',
      channelId: null,
      input: { topics: ['Why octopuses are smart'], format: 'short', options: { preset: 'draft', durationSeconds: 30 } },
      catchUp: 'once',
      nextRunAt: slot,
    });
    const scheduler = createScheduler({ store, config, queue, refreshStatistics: async () => 0 });
    expect(await scheduler.tick()).toBe(1);
    await scheduler.stop();
    const [run] = await store.schedules.runs(s.id);
    expect(run).toMatchObject({ status: 'fired', topic: 'Why octopuses are smart' });

    let job: Job | undefined;
    for (let i = 0; i < 1200; i++) {
      job = await store.jobs.get(run!.jobId!);
      if (job && ['succeeded', 'failed', 'cancelled'].includes(job.state)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(job?.state, `${job?.errorCode}: ${job?.errorMessage}`).toBe('succeeded');
    expect(job?.options).toMatchObject({ preset: 'draft' });
    const video = join(job!.outputDir!, 'video.mp4');
    expect(existsSync(video)).toBe(true);
    const info = await probe(video);
    const stream = info.streams.find((x) => x.type === 'video');
    // A Short: 9:16, 30–60 s.
    expect((stream?.height ?? 0) / (stream?.width ?? 1)).toBeCloseTo(16 / 9, 1);
    expect(info.durationSec).toBeGreaterThanOrEqual(25);
    expect(info.durationSec).toBeLessThanOrEqual(61);
    const metadata = JSON.parse(readFileSync(join(job!.outputDir!, 'metadata.json'), 'utf8')) as { title?: string };
    expect(metadata.title).toMatch(/octopuses/i);
  }, 600_000);
});
