import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type VideogenConfig } from '../../src/config.ts';
import { createScheduler, type SchedulerOptions } from '../../src/publish/scheduler.ts';
import { parseRule, nextSlot } from '../../src/publish/schedule-rule.ts';
import { generateTopic } from '../../src/publish/topic-generator.ts';
import { createQueue } from '../../src/queue/create-queue.ts';
import type { JobQueue } from '../../src/queue/types.ts';
import { openStore, type CatchUp, type Schedule, type ScheduleInput, type SealedSecret, type Store, type User } from '../../src/store/index.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Slots in the future of the real clock too: createPublication refuses a publishAt in the past. */
const T0 = new Date('2027-03-01T09:00:00Z');
const sealed: SealedSecret = { v: 1, alg: 'A256GCM', kid: 'abcd1234', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' };

let store: Store;
let alice: User;
let config: VideogenConfig;
let home: string;
let queue: JobQueue;
let enqueued: string[];
let clock: Date;
let statsCalls: number;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'videogen-scheduler-'));
  config = loadConfig({ home }, { PATH: process.env.PATH });
  store = await openStore({ inMemory: true });
  alice = await store.users.create({ email: 'alice@example.com', passwordHash: 'h', role: 'editor' });
  const real = createQueue({ store });
  // The real in-process queue, with every announcement recorded.
  queue = Object.assign(Object.create(real) as JobQueue, {
    enqueue: async (jobId: string, opts?: { delayMs?: number }) => {
      enqueued.push(jobId);
      return real.enqueue(jobId, opts);
    },
  });
});
afterAll(async () => {
  await store?.close();
  rmSync(home, { recursive: true, force: true });
});
beforeEach(async () => {
  // Each test counts only its own schedule's fires.
  if (alice) for (const old of await store.schedules.list(alice.id)) await store.schedules.update(old.id, { enabled: false });
  enqueued = [];
  clock = T0;
  statsCalls = 0;
});

function scheduler(extra: Partial<SchedulerOptions> = {}) {
  return createScheduler({
    store,
    config,
    queue,
    id: 'test-scheduler',
    now: () => clock,
    refreshStatistics: async () => {
      statsCalls++;
      return 0;
    },
    ...extra,
  });
}

async function schedule(rule: string, input: ScheduleInput, o: { catchUp?: CatchUp; channelId?: string | null; firstAfter?: Date } = {}): Promise<Schedule> {
  const parsed = parseRule(rule);
  return store.schedules.create({
    ownerId: alice.id,
    name: `s-${Math.random().toString(36).slice(2, 8)}`,
    rule,
    cron: parsed.cron,
    timezone: parsed.timezone,
    channelId: o.channelId ?? null,
    input,
    catchUp: o.catchUp ?? 'once',
    nextRunAt: nextSlot(parsed, new Date((o.firstAfter ?? T0).getTime() - 1)),
  });
}

describe('scheduler', () => {
  it('takes topics in order, one per slot, makes the create job and its publication, and ends when the list is used up', async () => {
    const channel = await store.channels.create({ ownerId: alice.id, kind: 'youtube', name: 'main', externalId: 'UC1', title: 'Main', project: 'p', credentials: sealed });
    const s = await schedule('every day at 09:00 UTC', { topics: ['Why octopuses are smart', 'The Roman Empire', 'Compound interest'], format: 'short', options: { voice: 'en-US-AriaNeural', language: 'en' }, publish: { privacy: 'private', releaseAfterMinutes: 120, playlistId: 'PLabc123' } }, { channelId: channel.id });
    expect(s.nextRunAt).toEqual(T0);
    const sched = scheduler();

    clock = new Date(T0.getTime() - MINUTE);
    expect(await sched.tick()).toBe(0); // not due yet
    for (let day = 0; day < 3; day++) {
      clock = new Date(T0.getTime() + day * 24 * HOUR + 10_000);
      expect(await sched.tick()).toBe(1);
      expect(await sched.tick()).toBe(0); // the same slot never twice
    }
    clock = new Date(T0.getTime() + 10 * 24 * HOUR);
    expect(await sched.tick()).toBe(0);
    expect(statsCalls).toBe(8); // once per tick

    const after = await store.schedules.get(s.id);
    expect(after).toMatchObject({ enabled: false, nextRunAt: null, topicIndex: 3 });
    expect(after?.lastRunAt).toEqual(new Date(T0.getTime() + 2 * 24 * HOUR));

    const runs = await store.schedules.runs(s.id);
    expect(runs.map((r) => [r.slotAt.toISOString(), r.status, r.topic, r.firedBy])).toEqual([
      ['2027-03-01T09:00:00.000Z', 'fired', 'Why octopuses are smart', 'test-scheduler'],
      ['2027-03-02T09:00:00.000Z', 'fired', 'The Roman Empire', 'test-scheduler'],
      ['2027-03-03T09:00:00.000Z', 'fired', 'Compound interest', 'test-scheduler'],
    ]);
    for (const run of runs) {
      const job = await store.jobs.get(run.jobId!);
      expect(job).toMatchObject({ kind: 'create', state: 'queued', ownerId: alice.id, title: run.topic, input: { source: { topic: run.topic, format: 'short' }, options: { voice: 'en-US-AriaNeural', language: 'en' } }, options: { voice: 'en-US-AriaNeural' } });
      const publication = await store.publications.get(run.publicationId!);
      expect(publication).toMatchObject({ channelId: channel.id, sourceJobId: job!.id, scheduleId: s.id, privacy: 'private', playlistId: 'PLabc123', state: 'pending', metadata: { title: run.topic } });
      expect(publication?.publishAt).toEqual(new Date(run.slotAt.getTime() + 120 * MINUTE));
      const publishJob = await store.jobs.get(publication!.jobId!);
      expect(publishJob).toMatchObject({ kind: 'publish', input: { publicationId: publication!.id } });
      // Both announced to workers, after the transaction committed.
      expect(enqueued).toEqual(expect.arrayContaining([job!.id, publishJob!.id]));
    }
    expect(enqueued).toHaveLength(6);
  });

  it('runs every render option the schedule names (resolution, broll, captions) and gives the script its language and length', async () => {
    // languages: what an older version accepted on a schedule and never ran; a schedule makes one video per slot.
    const options = { preset: 'draft', resolution: '720p', voice: 'female', burnCaptions: true, broll: 'auto', aspect: '1:1', language: 'de', targetSeconds: 45, languages: ['en', 'de'] };
    const s = await schedule('every day at 09:00 UTC', { topics: ['Warum Kraken klug sind'], format: 'short', options });
    clock = new Date(T0.getTime() + 10_000);
    expect(await scheduler().tick()).toBe(1);
    const [run] = await store.schedules.runs(s.id);
    const job = await store.jobs.get(run!.jobId!);
    expect(job?.options).toEqual({ preset: 'draft', resolution: '720p', voice: 'female', burnCaptions: true, broll: 'auto', aspect: '1:1' });
    expect(job?.input).toMatchObject({ source: { topic: 'Warum Kraken klug sind', format: 'short' }, options: { language: 'de', targetSeconds: 45 } });
  });

  it("catchUp 'once' after a downtime: the latest missed slot is made once, the earlier ones are recorded skipped", async () => {
    const s = await schedule('every hour', { topics: ['a', 'b', 'c'] }, { catchUp: 'once' });
    const sched = scheduler();
    clock = new Date(T0.getTime() + 5 * HOUR + 30 * MINUTE); // down from before 09:00 until 14:30
    expect(await sched.tick()).toBe(1);
    expect(await sched.tick()).toBe(0);
    const runs = await store.schedules.runs(s.id);
    expect(runs.map((r) => [r.slotAt.toISOString().slice(11, 16), r.status, r.topic])).toEqual([
      ['09:00', 'skipped', null],
      ['10:00', 'skipped', null],
      ['11:00', 'skipped', null],
      ['12:00', 'skipped', null],
      ['13:00', 'skipped', null],
      ['14:00', 'fired', 'a'],
    ]);
    expect(runs.filter((r) => r.jobId)).toHaveLength(1);
    expect(await store.schedules.get(s.id)).toMatchObject({ nextRunAt: new Date(T0.getTime() + 6 * HOUR), topicIndex: 1, enabled: true });
    expect(enqueued).toEqual([runs[5]!.jobId]);
    // Back to normal: the next slot fires on time with the next topic.
    clock = new Date(T0.getTime() + 6 * HOUR + 1000);
    expect(await sched.tick()).toBe(1);
    expect((await store.schedules.runs(s.id)).filter((r) => r.status === 'fired').map((r) => r.topic)).toEqual(['a', 'b']);
  });

  it("catchUp 'skip' after a downtime: every missed slot recorded skipped, no job, and the schedule goes on from the next slot", async () => {
    const s = await schedule('every hour', { topics: ['a', 'b', 'c'] }, { catchUp: 'skip' });
    const sched = scheduler();
    clock = new Date(T0.getTime() + 5 * HOUR + 30 * MINUTE);
    expect(await sched.tick()).toBe(0);
    expect(await sched.tick()).toBe(0);
    const runs = await store.schedules.runs(s.id);
    expect(runs.map((r) => [r.slotAt.toISOString().slice(11, 16), r.status, r.jobId])).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00'].map((t) => [t, 'skipped', null]));
    expect(await store.schedules.get(s.id)).toMatchObject({ nextRunAt: new Date(T0.getTime() + 6 * HOUR), topicIndex: 0 });
    expect(enqueued).toEqual([]);
    clock = new Date(T0.getTime() + 6 * HOUR + 1000);
    expect(await sched.tick()).toBe(1);
    expect((await store.schedules.runs(s.id)).map((r) => [r.status, r.topic]).slice(-2)).toEqual([
      ['skipped', null],
      ['fired', 'a'],
    ]);
  });

  it("'skip' still makes a slot that is due only moments ago", async () => {
    const s = await schedule('every hour', { topics: ['a', 'b'] }, { catchUp: 'skip' });
    const sched = scheduler();
    clock = new Date(T0.getTime() + 3 * HOUR + 20_000);
    expect(await sched.tick()).toBe(1);
    expect((await store.schedules.runs(s.id)).map((r) => [r.slotAt.toISOString().slice(11, 16), r.status, r.topic])).toEqual([
      ['09:00', 'skipped', null],
      ['10:00', 'skipped', null],
      ['11:00', 'skipped', null],
      ['12:00', 'fired', 'a'],
    ]);
  });

  it('a very long downtime records only the latest missed slots (bounded), then makes the latest', async () => {
    const s = await schedule('every 5 minutes', { generator: { niche: 'tech' } }, { catchUp: 'once' });
    const sched = scheduler();
    clock = new Date(T0.getTime() + 30 * 24 * HOUR + 1000); // a month: 8640 missed slots
    expect(await sched.tick()).toBe(1);
    const runs = await store.schedules.runs(s.id, { limit: 5000 });
    expect(runs[0]!.slotAt).toEqual(T0); // where the walk started
    expect(runs.filter((r) => r.status === 'skipped')).toHaveLength(501); // the first, then the latest 500
    expect(runs[runs.length - 1]).toMatchObject({ status: 'fired', slotAt: new Date(T0.getTime() + 30 * 24 * HOUR) });
    expect(await store.schedules.get(s.id)).toMatchObject({ nextRunAt: new Date(T0.getTime() + 30 * 24 * HOUR + 5 * MINUTE) });
  });

  it('a process a little behind (within the grace) makes every slot, each once', async () => {
    const s = await schedule('every 5 minutes', { generator: { niche: 'history', seed: 7 } }, { catchUp: 'skip' });
    const sched = scheduler({ lateGraceMs: 15 * MINUTE });
    clock = new Date(T0.getTime() + 10 * MINUTE + 1000);
    expect(await sched.tick()).toBe(3);
    const runs = await store.schedules.runs(s.id);
    expect(runs.map((r) => r.slotAt.toISOString().slice(11, 16))).toEqual(['09:00', '09:05', '09:10']);
    // Generated topics: the next of the seeded sequence each time, so the calendar can show them before they are made.
    expect(runs.map((r) => r.topic)).toEqual([0, 1, 2].map((i) => generateTopic({ niche: 'history', seed: 7 }, i)));
    const job = await store.jobs.get(runs[0]!.jobId!);
    expect(job?.input).toMatchObject({ source: { topic: runs[0]!.topic, format: 'short', niche: 'history', seed: 7 } });
    expect(await store.schedules.get(s.id)).toMatchObject({ nextRunAt: new Date(T0.getTime() + 15 * MINUTE), enabled: true, topicIndex: 3 }); // three generated topics taken
  });

  it('two schedulers on one store fire each slot once', async () => {
    const s = await schedule('every 5 minutes', { generator: { niche: 'facts' } });
    const a = scheduler({ id: 'a', lateGraceMs: HOUR });
    const b = scheduler({ id: 'b', lateGraceMs: HOUR });
    clock = new Date(T0.getTime() + 30 * MINUTE);
    const [fa, fb] = await Promise.all([a.tick(), b.tick()]);
    expect(fa + fb).toBe(7);
    const runs = await store.schedules.runs(s.id);
    expect(runs).toHaveLength(7);
    expect(new Set(runs.map((r) => r.slotAt.getTime())).size).toBe(7);
    expect((await store.jobs.list({ ownerId: alice.id, kind: 'create', limit: 1000 })).filter((j) => runs.some((r) => r.jobId === j.id))).toHaveLength(7);
  });

  it('a disconnected channel: slots are recorded skipped without rendering, topics kept, until it is connected again', async () => {
    const channel = await store.channels.create({ ownerId: alice.id, kind: 'youtube', name: 'gone', externalId: 'UC2', title: 'Gone', project: 'p', credentials: sealed });
    await store.channels.update(channel.id, { credentials: null, revokedAt: new Date() });
    const s = await schedule('every day at 09:00 UTC', { topics: ['First topic', 'Second topic'] }, { channelId: channel.id });
    const sched = scheduler();
    clock = new Date(T0.getTime() + 10_000);
    expect(await sched.tick()).toBe(0);
    expect(enqueued).toEqual([]);
    expect((await store.schedules.runs(s.id)).map((r) => [r.status, r.topic])).toEqual([['skipped', null]]);
    expect(await store.schedules.get(s.id)).toMatchObject({ topicIndex: 0, nextRunAt: new Date(T0.getTime() + 24 * HOUR) });

    await store.channels.update(channel.id, { credentials: sealed, revokedAt: null });
    clock = new Date(T0.getTime() + 24 * HOUR + 10_000);
    expect(await sched.tick()).toBe(1);
    expect((await store.schedules.runs(s.id)).map((r) => [r.status, r.topic])).toEqual([['skipped', null], ['fired', 'First topic']]);
  });

  it('a one-off fires once and is done', async () => {
    const s = await schedule('2027-03-01T09:00:00Z', { topics: ['Launch day'] });
    const sched = scheduler();
    clock = new Date(T0.getTime() + 1000);
    expect(await sched.tick()).toBe(1);
    expect(await sched.tick()).toBe(0);
    expect(await store.schedules.get(s.id)).toMatchObject({ nextRunAt: null, enabled: false });
    expect((await store.schedules.runs(s.id)).map((r) => r.topic)).toEqual(['Launch day']);
  });

  it('a slot whose publication is refused is recorded skipped and the schedule goes on (no wedged slot)', async () => {
    const channel = await store.channels.create({ ownerId: alice.id, kind: 'youtube', name: 'refusing', externalId: null, title: null, project: 'p', credentials: sealed });
    // A blank title is refused by createPublication (YouTube would refuse it too).
    const s = await schedule('every hour', { topics: ['   ', 'A real topic'] }, { channelId: channel.id });
    const warnings: string[] = [];
    const sched = scheduler({ logger: { info() {}, warn: (_obj, msg) => void warnings.push(String(msg)) } });
    clock = new Date(T0.getTime() + 1000);
    expect(await sched.tick()).toBe(1);
    clock = new Date(T0.getTime() + HOUR + 1000);
    expect(await sched.tick()).toBe(1);
    const runs = await store.schedules.runs(s.id);
    expect(runs.map((r) => [r.status, r.topic, Boolean(r.jobId)])).toEqual([
      ['skipped', '   ', false],
      ['fired', 'A real topic', true],
    ]);
    expect(warnings).toContain('schedule: slot skipped, what it makes was refused');
    // Nothing of the refused slot was kept: one create job and one publish job, from the second slot.
    expect(enqueued).toHaveLength(2);
  });

  it('a failing statistics refresh is logged, never thrown; the slots still fire', async () => {
    await schedule('every hour', { topics: ['x'] });
    const warnings: string[] = [];
    const sched = scheduler({
      refreshStatistics: async () => {
        throw new Error('stats down');
      },
      logger: { info() {}, warn: (_obj, msg) => void warnings.push(String(msg)) },
    });
    clock = new Date(T0.getTime() + 1000);
    expect(await sched.tick()).toBe(1);
    expect(warnings).toContain('statistics refresh failed; retried next tick');
  });

  it('start() ticks on its own and stop() waits for the pass in flight', async () => {
    const s = await schedule('every hour', { topics: ['x', 'y'] });
    clock = new Date(T0.getTime() + 1000);
    const sched = scheduler({ tickMs: 20 });
    sched.start();
    for (let i = 0; i < 500 && (await store.schedules.runs(s.id)).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await sched.stop();
    expect((await store.schedules.runs(s.id)).map((r) => r.topic)).toEqual(['x']);
  });
});
