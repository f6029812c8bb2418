import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { calendarFor } from '../../src/publish/calendar.ts';
import { createScheduler } from '../../src/publish/scheduler.ts';
import { nextSlot, parseRule } from '../../src/publish/schedule-rule.ts';
import { generateTopic } from '../../src/publish/topic-generator.ts';
import { createQueue } from '../../src/queue/create-queue.ts';
import { openStore, type ScheduleInput, type SealedSecret, type Store, type User } from '../../src/store/index.ts';

const DAY = 86_400_000;
const T0 = new Date('2027-05-03T00:00:00Z'); // a Monday
const sealed: SealedSecret = { v: 1, alg: 'A256GCM', kid: 'abcd1234', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' };

let store: Store;
let alice: User;
let bob: User;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'videogen-calendar-'));
  store = await openStore({ inMemory: true });
  alice = await store.users.create({ email: 'alice@example.com', passwordHash: 'h', role: 'editor' });
  bob = await store.users.create({ email: 'bob@example.com', passwordHash: 'h', role: 'editor' });
});
afterAll(async () => {
  await store?.close();
  rmSync(home, { recursive: true, force: true });
});

async function schedule(owner: User, name: string, rule: string, input: ScheduleInput, channelId: string | null = null) {
  const parsed = parseRule(rule);
  return store.schedules.create({ ownerId: owner.id, name, rule, cron: parsed.cron, timezone: parsed.timezone, channelId, input, catchUp: 'once', nextRunAt: nextSlot(parsed, T0) });
}

describe('calendarFor', () => {
  it('shows fired runs, planned slots with the topics they will use, planned releases and publications, oldest first', async () => {
    const channel = await store.channels.create({ ownerId: alice.id, kind: 'youtube', name: 'main', externalId: 'UC1', title: 'Main', project: 'p', credentials: sealed });
    const listed = await schedule(alice, 'listed', 'every weekday at 09:00 UTC', { topics: ['one', 'two', 'three', 'four'], publish: { privacy: 'private', releaseAfterMinutes: 180 } }, channel.id);
    const generated = await schedule(alice, 'generated', 'every saturday at 10:00 UTC', { generator: { niche: 'tech', seed: 5 } });
    const paused = await schedule(alice, 'paused', 'every day at 12:00 UTC', { topics: ['never'] });
    await store.schedules.update(paused.id, { enabled: false });
    await schedule(bob, 'bobs', 'every day at 08:00 UTC', { topics: ['not alice'] });

    // Monday's slot fires (made by the scheduler, as in production).
    const config = loadConfig({ home }, { PATH: process.env.PATH });
    const scheduler = createScheduler({ store, config, queue: createQueue({ store }), now: () => new Date(T0.getTime() + 9 * 3_600_000 + 1000), refreshStatistics: async () => 0 });
    expect(await scheduler.tick()).toBe(2); // alice's Monday slot and bob's
    await scheduler.stop();

    const week = (await calendarFor(store, alice.id, T0, new Date(T0.getTime() + 7 * DAY))).entries;
    const rows = week.map((e) => [e.at.slice(0, 16), e.type, e.state, e.title]);
    const saturday = generateTopic({ niche: 'tech', seed: 5 }, 0); // its first slot: the first of its sequence
    expect(rows).toEqual([
      ['2027-05-03T09:00', 'make', 'fired', 'one'],
      ['2027-05-03T12:00', 'publish', 'pending', 'one'], // the publication made Monday, released at 12:00
      ['2027-05-04T09:00', 'make', 'planned', 'two'],
      ['2027-05-04T12:00', 'publish', 'planned', 'two'],
      ['2027-05-05T09:00', 'make', 'planned', 'three'],
      ['2027-05-05T12:00', 'publish', 'planned', 'three'],
      ['2027-05-06T09:00', 'make', 'planned', 'four'],
      ['2027-05-06T12:00', 'publish', 'planned', 'four'],
      // the list is used up after Thursday: no Friday slot
      ['2027-05-08T10:00', 'make', 'planned', saturday],
    ]);
    const fired = week[0]!;
    expect(fired).toMatchObject({ scheduleId: listed.id, channelId: channel.id });
    expect(fired.jobId).toBeTruthy();
    expect(fired.publicationId).toBeTruthy();
    expect(week[1]).toMatchObject({ publicationId: fired.publicationId, channelId: channel.id, scheduleId: listed.id });
    expect(week.some((e) => e.scheduleId === generated.id)).toBe(true);

    // A window that starts later counts the slots before it: Wednesday's slot is topic three.
    const later = (await calendarFor(store, alice.id, new Date('2027-05-05T00:00:00Z'), new Date('2027-05-06T00:00:00Z'))).entries;
    expect(later.map((e) => [e.type, e.title])).toEqual([
      ['make', 'three'],
      ['publish', 'three'],
    ]);
    // Bob sees only his own.
    const bobs = (await calendarFor(store, bob.id, T0, new Date(T0.getTime() + 2 * DAY))).entries;
    expect(bobs.map((e) => [e.state, e.title])).toEqual([['fired', 'not alice']]); // one topic: fired, then done
  });

  it('bounds the range; a busy calendar is cut at the limit with where the rest begins, never refused', async () => {
    await expect(calendarFor(store, alice.id, T0, new Date(T0.getTime() + 367 * DAY))).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(calendarFor(store, alice.id, T0, T0)).rejects.toMatchObject({ code: 'USAGE' });
    await expect(calendarFor(store, alice.id, new Date('nope'), T0)).rejects.toMatchObject({ code: 'USAGE' });
    const carol = await store.users.create({ email: 'carol@example.com', passwordHash: 'h', role: 'editor' });
    await schedule(carol, 'busy', 'every 5 minutes', { generator: { niche: 'facts' } });
    // 288 slots a day: six days fit (the first slot is 00:05), eight are cut at 2000 and say where the rest begins.
    const six = await calendarFor(store, carol.id, T0, new Date(T0.getTime() + 6 * DAY));
    expect(six).toMatchObject({ truncated: false, next: null });
    expect(six.entries).toHaveLength(6 * 288 - 1);
    const eight = await calendarFor(store, carol.id, T0, new Date(T0.getTime() + 8 * DAY));
    expect(eight.truncated).toBe(true);
    expect(eight.entries).toHaveLength(2000);
    expect(eight.next!.getTime()).toBe(new Date(eight.entries.at(-1)!.at).getTime() + 5 * 60_000);
    const rest = await calendarFor(store, carol.id, eight.next!, new Date(T0.getTime() + 8 * DAY));
    expect(rest.entries[0]!.at).toBe(eight.next!.toISOString());
    expect(eight.entries.length + rest.entries.length).toBe(8 * 288 - 1);
  });
});
