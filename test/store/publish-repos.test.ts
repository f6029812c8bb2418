import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SealedSecret, Store, User } from '../../src/store/index.ts';
import { pgliteBackend, postgresAvailable, postgresBackend, warnSkipped, type Backend } from './helpers.ts';

const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('publishing repositories on PostgreSQL');
const backends: Backend[] = [pgliteBackend(), ...(hasPostgres ? [postgresBackend()] : [])];
const sealed: SealedSecret = { v: 1, alg: 'A256GCM', kid: 'abcd1234', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' };

describe.each(backends)('publishing repositories on $name', (backend) => {
  let store: Store;
  let alice: User;
  beforeAll(async () => {
    store = await backend.open();
    alice = await store.users.create({ email: 'alice@example.com', passwordHash: 'h', role: 'editor' });
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('channels: unique name per owner, sealed credentials round-trip, revoke clears them, stats claims are compare-and-set', async () => {
    const c = await store.channels.create({ ownerId: alice.id, kind: 'youtube', name: 'main', externalId: 'UC1', title: 'Main', project: 'client-1', credentials: sealed });
    expect(c.credentials).toEqual(sealed);
    await expect(store.channels.create({ ownerId: alice.id, kind: 'youtube', name: 'main', externalId: null, title: null, project: 'p', credentials: sealed })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await store.channels.byName(alice.id, 'main'))?.id).toBe(c.id);
    expect((await store.channels.dueForStats(new Date(), 10)).map((x) => x.id)).toContain(c.id);
    const next = new Date(Date.now() + 3_600_000);
    expect(await store.channels.claimStats(c.id, null, next)).toBe(true);
    expect(await store.channels.claimStats(c.id, null, next)).toBe(false);
    expect(await store.channels.claimStats(c.id, next, new Date(next.getTime() + 1000))).toBe(true);
    const revoked = await store.channels.update(c.id, { credentials: null, revokedAt: new Date() });
    expect(revoked?.credentials).toBeNull();
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
  });

  it('publications: create, the upload offset only moves forward for the same session, list by window', async () => {
    const channel = await store.channels.create({ ownerId: alice.id, kind: 'youtube', name: 'second', externalId: null, title: null, project: 'p', credentials: sealed });
    const at = new Date(Date.now() + 86_400_000);
    const p = await store.publications.create({ ownerId: alice.id, channelId: channel.id, privacy: 'private', publishAt: at, metadata: { title: 'T' } });
    expect(p.state).toBe('pending');
    expect(p.uploadOffset).toBe(0);
    await store.publications.update(p.id, { uploadUri: 'http://u/1', fileBytes: 5_000_000, state: 'uploading', steps: { captions: ['en'] } });
    expect(await store.publications.advanceUpload(p.id, 'http://u/1', 262_144)).toBe(true);
    expect(await store.publications.advanceUpload(p.id, 'http://u/1', 100)).toBe(false);
    expect(await store.publications.advanceUpload(p.id, 'http://u/other', 900_000)).toBe(false);
    const got = await store.publications.get(p.id);
    expect(got).toMatchObject({ uploadOffset: 262_144, fileBytes: 5_000_000, state: 'uploading', steps: { captions: ['en'] }, metadata: { title: 'T' } });
    expect(got?.publishAt?.getTime()).toBe(at.getTime());
    expect((await store.publications.list({ ownerId: alice.id, from: new Date(at.getTime() - 1000), to: new Date(at.getTime() + 1000) })).map((x) => x.id)).toEqual([p.id]);
    expect(await store.publications.list({ ownerId: alice.id, state: 'succeeded' })).toEqual([]);
  });

  it('quota: reservations never exceed the limit, even when made at once', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => store.quota.reserve('proj', '2026-12-01', 'videos.insert', 1600, 10_000)));
    expect(results.filter(Boolean)).toHaveLength(6);
    const day = await store.quota.get('proj', '2026-12-01');
    expect(day.units).toBe(9600);
    expect(day.calls['videos.insert']).toBe(9600);
    expect(await store.quota.reserve('proj', '2026-12-01', 'videos.list', 1, 10_000)).toMatchObject({ units: 9601, calls: { 'videos.list': 1 } });
    expect((await store.quota.charge('proj', '2026-12-01', 'captions.insert', 400)).units).toBe(10_001);
    expect((await store.quota.get('proj', '2026-12-02')).units).toBe(0);
  });

  it('schedules: a slot fires once however many callers race for it', async () => {
    const slot = new Date('2026-12-02T08:00:00Z');
    const s = await store.schedules.create({ ownerId: alice.id, name: 'daily', rule: 'every day at 09:00 Europe/Berlin', cron: '0 9 * * *', timezone: 'Europe/Berlin', channelId: null, input: { topics: ['a', 'b'] }, catchUp: 'once', nextRunAt: slot });
    expect((await store.schedules.due(new Date('2026-12-02T08:00:01Z'), 10)).map((x) => x.id)).toContain(s.id);
    const next = new Date('2026-12-03T08:00:00Z');
    const fired = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        store.schedules.fire(s.id, slot, { nextRunAt: next, topicIndex: 1, lastRunAt: slot }, { status: 'fired', topic: 'a', firedBy: `p${i}` }, async (tx) => {
          const job = await tx.jobs.create({ ownerId: alice.id, kind: 'create', input: { source: { topic: 'a' } } });
          return { jobId: job.id, publicationId: null, result: job.id };
        }),
      ),
    );
    expect(fired.filter(Boolean)).toHaveLength(1);
    const runs = await store.schedules.runs(s.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'fired', topic: 'a', jobId: fired.find(Boolean) });
    expect((await store.jobs.list({ ownerId: alice.id, kind: 'create' })).length).toBe(1);
    expect(await store.schedules.get(s.id)).toMatchObject({ topicIndex: 1, nextRunAt: next });
  });

  it('schedules: one name per owner (create and rename answer CONFLICT), another owner may use it', async () => {
    const base = { rule: 'daily', cron: '0 0 * * *', timezone: 'UTC', channelId: null, input: { topics: ['a'] }, catchUp: 'once' as const, nextRunAt: null };
    await store.schedules.create({ ownerId: alice.id, name: 'weekly', ...base });
    await expect(store.schedules.create({ ownerId: alice.id, name: 'weekly', ...base })).rejects.toMatchObject({ code: 'CONFLICT' });
    const other = await store.schedules.create({ ownerId: alice.id, name: 'monthly', ...base });
    await expect(store.schedules.update(other.id, { name: 'weekly' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const bob = await store.users.create({ email: 'bob-sched@example.com', passwordHash: 'h', role: 'editor' });
    expect((await store.schedules.create({ ownerId: bob.id, name: 'weekly', ...base })).name).toBe('weekly');
  });
});
