import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { VideogenError } from '../../src/errors.ts';
import type { SegmentTask } from '../../src/pipeline/segment-distributor.ts';
import { SegmentConsumer, type SegmentTaskRenderer } from '../../src/queue/segment-consumer.ts';
import { BullSegmentDistributor, type SegmentDone } from '../../src/queue/segment-distributor.ts';
import { SEGMENT_QUEUE_NAME } from '../../src/queue/segment-queue.ts';
import { REDIS_URL, redisAvailable, servicesRequired } from '../store/helpers.ts';
import { sharedConfig } from './helpers.ts';

const hasRedis = await redisAvailable();
if (!hasRedis && servicesRequired()) throw new Error(`Redis at ${REDIS_URL} is required (CI=true or VIDEOGEN_REQUIRE_SERVICES=1) but not reachable`);
if (!hasRedis) console.warn(`\n!!! SKIPPED: segment distributor tests need Redis at ${REDIS_URL}. These tests did NOT run. !!!\n`);

const tasks = (n: number, frames = 30): SegmentTask[] => Array.from({ length: n }, (_, index) => ({ contextKey: 'ctx', index, key: `key${index}`, frames }));

/**
 * The queue mechanics on real Redis and BullMQ with two consumers in this process; what a task does is replaced by a
 * timed stand-in (the real renderer is covered by fanout.test.ts with worker processes).
 */
describe.skipIf(!hasRedis)('BullSegmentDistributor and SegmentConsumer on Redis', () => {
  const prefixes: string[] = [];
  const consumers: SegmentConsumer[] = [];
  const config = sharedConfig();

  async function setup(renderTask: SegmentTaskRenderer, perConsumer: Record<string, SegmentTaskRenderer> = {}) {
    const prefix = `vgdist-${randomBytes(4).toString('hex')}`;
    prefixes.push(prefix);
    for (const id of ['c1', 'c2']) {
      const consumer = new SegmentConsumer({ redisUrl: REDIS_URL, prefix, config, id, renderTask: perConsumer[id] ?? renderTask, progressIntervalMs: 10 });
      await consumer.start();
      consumers.push(consumer);
    }
    return prefix;
  }

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    }
    redis.disconnect();
  });

  it('resolves with every segment in order, counts each frame once across a retry, and spreads the tasks', async () => {
    const failedOnce = new Set<number>();
    const prefix = await setup(async (task, opts) => {
      for (let i = 0; i < task.frames; i += 10) {
        opts.onFrames?.(10);
        await new Promise((r) => setTimeout(r, 15));
        if (task.index === 2 && !failedOnce.has(2) && i >= 10) {
          failedOnce.add(2);
          throw new VideogenError('FFMPEG_FAILED', 'x264 fell over');
        }
      }
      return { frames: task.frames, drawn: task.index, piped: task.frames, held: 0, cached: false } as never;
    });
    const done: SegmentDone[] = [];
    let frames = 0;
    const distributor = new BullSegmentDistributor({ redisUrl: REDIS_URL, prefix, backoffMs: 50, onSegmentDone: (d) => done.push(d) });
    const stats = await distributor.render(tasks(6), { onFrames: (n) => (frames += n) });
    expect(stats.map((s) => s.drawn)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(frames).toBe(6 * 30);
    expect(done.find((d) => d.index === 2)?.attemptsMade).toBe(2);
    expect(done.filter((d) => d.index !== 2).every((d) => d.attemptsMade === 1)).toBe(true);
    expect(new Set(done.map((d) => d.worker))).toEqual(new Set(['c1', 'c2']));
  });

  it('rejects with the segment’s own error after its last attempt, and at once for a code that is never retried', async () => {
    let tries = 0;
    const prefix = await setup(async (task) => {
      if (task.index === 1) {
        tries++;
        throw new VideogenError('FFMPEG_FAILED', 'always broken');
      }
      if (task.index === 3) throw new VideogenError('SPEC_INVALID', 'not drawable');
      await new Promise((r) => setTimeout(r, 5_000));
      return { frames: task.frames, drawn: 0, piped: 0, held: 0, cached: false } as never;
    });
    const retried = new BullSegmentDistributor({ redisUrl: REDIS_URL, prefix, attempts: 3, backoffMs: 20 });
    const error = await retried.render(tasks(2), {}).catch((e: unknown) => e as VideogenError);
    expect(error).toBeInstanceOf(VideogenError);
    expect(error).toMatchObject({ code: 'FFMPEG_FAILED', message: 'always broken', details: { segment: 1 } });
    expect(tries).toBe(3);

    const started = performance.now();
    const final = await new BullSegmentDistributor({ redisUrl: REDIS_URL, prefix, attempts: 3, backoffMs: 20 }).render([tasks(4)[3]!], {}).catch((e: unknown) => e as VideogenError);
    expect(final).toMatchObject({ code: 'SPEC_INVALID', details: { segment: 3 } });
    expect(performance.now() - started).toBeLessThan(4_000);
  }, 30_000);

  it('a worker of another build leaves its tasks to one of the planner’s build, without using their attempts', async () => {
    const render: SegmentTaskRenderer = async (task) => {
      await new Promise((r) => setTimeout(r, 20));
      return { frames: task.frames, drawn: 0, piped: 0, held: 0, cached: false } as never;
    };
    const prefix = await setup(render, {
      c1: async (task) => {
        throw new VideogenError('RENDERER_MISMATCH', `segment ${task.index}: another build`);
      },
    });
    const done: SegmentDone[] = [];
    await new BullSegmentDistributor({ redisUrl: REDIS_URL, prefix, attempts: 1, onSegmentDone: (d) => done.push(d) }).render(tasks(4), {});
    expect(done.map((d) => d.worker)).toEqual(['c2', 'c2', 'c2', 'c2']);
    expect(done.every((d) => d.attemptsMade === 1)).toBe(true);
  }, 30_000);

  it('an abort withdraws waiting tasks, stops running ones, and leaves nothing in the queue', async () => {
    let aborted = 0;
    const prefix = await setup(
      (_task, opts) =>
        new Promise((_resolve, reject) => {
          opts.signal?.addEventListener('abort', () => {
            aborted++;
            reject(new VideogenError('CANCELLED', 'render cancelled'));
          });
        }),
    );
    const controller = new AbortController();
    const rendering = new BullSegmentDistributor({ redisUrl: REDIS_URL, prefix }).render(tasks(8), { signal: controller.signal });
    const queue = new Queue(SEGMENT_QUEUE_NAME, { connection: { url: REDIS_URL }, prefix });
    try {
      for (let i = 0; i < 100 && (await queue.getActiveCount()) < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await queue.getActiveCount()).toBe(2);
      controller.abort();
      await expect(rendering).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(aborted).toBe(2);
      expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).toEqual({ waiting: 0, active: 0, delayed: 0, prioritized: 0 });
    } finally {
      await queue.close();
    }
  }, 30_000);
});
