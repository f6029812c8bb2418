import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type User } from '../../src/store/index.ts';
import { dropSchema, freshSchema, PG_URL, postgresAvailable, warnSkipped } from '../store/helpers.ts';

/**
 * Two processes sharing one PostgreSQL schema, each running the scheduler as `videogen serve` does, on a clock where a
 * minute passes every half second: a schedule firing every minute must make each of 20 slots exactly once.
 */
const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('the scheduler across two processes');

const START = Date.parse('2027-01-01T00:00:00Z');
const SLOTS = 20;
const STOP = START + SLOTS * 60_000 + 30_000; // 00:20:30: slots 00:01 … 00:20
const SPEED = 120; // one compressed minute per 500 ms

interface Child {
  child: ChildProcess;
  output: () => string;
  line: (match: (line: string) => boolean) => Promise<string>;
  exited: Promise<number | null>;
}

function startChild(name: string, schema: string, home: string, clock: { start: number; stop: number; graceMs?: number } = { start: START, stop: STOP }): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/publish/scheduler-child.ts'], {
    env: {
      PATH: process.env.PATH,
      SCHED_CHILD_NAME: name,
      SCHED_DATABASE_URL: PG_URL,
      SCHED_SCHEMA: schema,
      SCHED_HOME: home,
      SCHED_CLOCK_START: String(clock.start),
      SCHED_CLOCK_SPEED: String(SPEED),
      SCHED_CLOCK_STOP: String(clock.stop),
      ...(clock.graceMs !== undefined ? { SCHED_GRACE_MS: String(clock.graceMs) } : {}),
      SCHED_TICK_MS: '40',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let pending = '';
  const waiters: Array<{ match: (line: string) => boolean; resolve: (line: string) => void }> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    pending += chunk.toString();
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      for (const w of [...waiters]) {
        if (!w.match(line)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-50_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    line: (match) =>
      new Promise<string>((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then((code) => reject(new Error(`${name} exited (${code}) before the expected line:\n${out}`)));
      }),
    exited,
  };
}

/** Starts two children, starts their clocks together, and waits for both summaries and clean exits. */
async function runPair(children: Child[]): Promise<Array<{ name: string; fired: number; slots: string[] }>> {
  await Promise.all(children.map((c) => c.line((l) => l === 'ready')));
  // Both clocks start together: compressed time begins now in both processes.
  const real0 = Date.now();
  for (const c of children) c.child.stdin!.write(`${real0}\n`);
  const summaries = (await Promise.all(children.map((c) => c.line((l) => l.startsWith('{'))))).map((l) => JSON.parse(l) as { name: string; fired: number; slots: string[] });
  const codes = await Promise.all(children.map((c) => c.exited));
  expect(codes, children.map((c) => c.output()).join('\n')).toEqual(children.map(() => 0));
  return summaries;
}

describe.skipIf(!hasPostgres)('scheduler across two processes sharing PostgreSQL', () => {
  const schema = freshSchema();
  let store: Store;
  let alice: User;
  let home: string;
  const children: Child[] = [];

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'videogen-sched2-'));
    store = await openStore({ databaseUrl: PG_URL, schema, poolSize: 2 });
    alice = await store.users.create({ email: 'alice@example.com', passwordHash: 'h', role: 'editor' });
  });
  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await store?.close();
    await dropSchema(schema);
    rmSync(home, { recursive: true, force: true });
  });

  it(`fires a schedule every minute exactly once per slot over ${SLOTS} slots`, async () => {
    const schedule = await store.schedules.create({
      ownerId: alice.id,
      name: 'every minute',
      rule: '* * * * *',
      cron: '* * * * *',
      timezone: 'UTC',
      channelId: null,
      input: { generator: { niche: 'facts', seed: 1 }, format: 'short' },
      catchUp: 'once',
      nextRunAt: new Date(START + 60_000),
    });

    const pair = [startChild('server-a', schema, home), startChild('server-b', schema, home)];
    children.push(...pair);
    const summaries = await runPair(pair);

    const runs = await store.schedules.runs(schedule.id);
    const expected = Array.from({ length: SLOTS }, (_, i) => new Date(START + (i + 1) * 60_000).toISOString());
    expect(runs.map((r) => r.slotAt.toISOString())).toEqual(expected);
    expect(runs.every((r) => r.status === 'fired' && r.jobId)).toBe(true);
    const jobs = await store.jobs.list({ ownerId: alice.id, kind: 'create', limit: 1000 });
    expect(jobs).toHaveLength(SLOTS);
    expect(new Set(runs.map((r) => r.jobId))).toEqual(new Set(jobs.map((j) => j.id)));

    // Each slot was made by one process; together they made all of them.
    const split = Object.fromEntries(summaries.map((s) => [s.name, s.fired]));
    console.log(`two-process scheduler: ${SLOTS} slots, split ${JSON.stringify(split)} (fired_by: ${JSON.stringify(runs.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.firedBy!]: (acc[r.firedBy!] ?? 0) + 1 }), {}))})`);
    expect(summaries.reduce((n, s) => n + s.fired, 0)).toBe(SLOTS);
    const allSlots = summaries.flatMap((s) => s.slots).sort();
    expect(allSlots).toEqual(expected);
    for (const r of runs) expect(summaries.find((s) => s.name === r.firedBy)?.slots).toContain(r.slotAt.toISOString());
    expect(summaries.every((s) => s.fired > 0)).toBe(true);
    expect(await store.schedules.get(schedule.id)).toMatchObject({ nextRunAt: new Date(START + (SLOTS + 1) * 60_000), enabled: true });
  }, 180_000);

  it('after a downtime two processes race through the missed slots: each recorded once, the latest made once (once), none made (skip)', async () => {
    const HOUR = 3_600_000;
    const start = Date.parse('2027-02-01T12:00:00Z');
    // The first test's every-minute schedule would be a month overdue on these clocks: it is not this test's subject.
    for (const old of await store.schedules.list(alice.id)) await store.schedules.update(old.id, { enabled: false });
    const once = await store.schedules.create({ ownerId: alice.id, name: 'hourly once', rule: 'every hour', cron: '0 * * * *', timezone: 'UTC', channelId: null, input: { topics: ['made after the downtime', 'next'] }, catchUp: 'once', nextRunAt: new Date(start - 10 * HOUR) });
    const skip = await store.schedules.create({ ownerId: alice.id, name: 'hourly skip', rule: '30 * * * *', cron: '30 * * * *', timezone: 'UTC', channelId: null, input: { topics: ['never made'] }, catchUp: 'skip', nextRunAt: new Date(start - 9.5 * HOUR) });
    const clock = { start, stop: start + 60_000, graceMs: 5 * 60_000 };
    const pair = [startChild('server-c', schema, home, clock), startChild('server-d', schema, home, clock)];
    children.push(...pair);
    const summaries = await runPair(pair);

    const onceRuns = await store.schedules.runs(once.id);
    // 02:00 … 11:00 skipped, 12:00 (due as the clocks start) made: by exactly one of the two processes.
    expect(onceRuns.map((r) => [new Date(r.slotAt).toISOString().slice(11, 16), r.status])).toEqual([
      ...Array.from({ length: 10 }, (_, i) => [`${String(2 + i).padStart(2, '0')}:00`, 'skipped']),
      ['12:00', 'fired'],
    ]);
    expect(onceRuns[10]?.topic).toBe('made after the downtime');
    expect(await store.schedules.get(once.id)).toMatchObject({ nextRunAt: new Date(start + HOUR), topicIndex: 1 });
    const skipRuns = await store.schedules.runs(skip.id);
    expect(skipRuns.map((r) => [new Date(r.slotAt).toISOString().slice(11, 16), r.status, r.jobId])).toEqual(Array.from({ length: 10 }, (_, i) => [`${String(2 + i).padStart(2, '0')}:30`, 'skipped', null]));
    expect(await store.schedules.get(skip.id)).toMatchObject({ nextRunAt: new Date(start + HOUR / 2), topicIndex: 0 });
    const made = await store.jobs.list({ ownerId: alice.id, kind: 'create', limit: 1000 });
    expect(made.filter((j) => j.title === 'made after the downtime')).toHaveLength(1);
    expect(summaries.reduce((n, s) => n + s.fired, 0)).toBe(1);
    const walkers = new Set([...onceRuns, ...skipRuns].map((r) => r.firedBy));
    console.log(`two-process catch-up: rows by ${JSON.stringify([...onceRuns, ...skipRuns].reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.firedBy!]: (acc[r.firedBy!] ?? 0) + 1 }), {}))}`);
    expect([...walkers].every((w) => w === 'server-c' || w === 'server-d')).toBe(true);
  }, 180_000);
});
