import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type VideogenConfig } from '../../src/config.ts';
import { connectChannel } from '../../src/publish/channels.ts';
import { pacificDay, quotaLedger } from '../../src/publish/quota.ts';
import { refreshDueStatistics } from '../../src/publish/stats.ts';
import { openStore, type Channel, type Publication, type Store, type User } from '../../src/store/index.ts';
import { TEST_SECRET_KEY } from '../server/helpers.ts';
import { startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';

describe('channel statistics', () => {
  const home = mkdtempSync(join(tmpdir(), 'videogen-stats-'));
  let yt: FakeYouTube;
  let store: Store;
  let config: VideogenConfig;
  let user: User;
  let channel: Channel;
  const published: Publication[] = [];

  beforeAll(async () => {
    yt = await startFakeYouTube({ channel: { title: 'Volcano Facts', subscribers: 1200, views: 98_000, videos: 55 } });
    const base = loadConfig({ home }, { PATH: process.env.PATH, VIDEOGEN_SECRET_KEY: TEST_SECRET_KEY });
    config = { ...base, publish: { youtube: yt.settings(), statsMinutes: 60 } };
    store = await openStore({ inMemory: true });
    user = await store.users.create({ email: 'stats@example.com', passwordHash: 'x', role: 'editor' });
    channel = await connectChannel({ store, config }, { ownerId: user.id, refreshToken: yt.issueRefreshToken(), name: 'main' });
    // 55 published videos: two videos.list calls (50 ids at most each).
    for (let i = 0; i < 55; i++) {
      const id = `vid${String(i).padStart(8, '0')}`;
      yt.videos.set(id, { id, channelId: yt.channel.id, snippet: { title: `Video ${i}` }, status: { privacyStatus: 'public' }, parts: ['snippet', 'status'], bytes: Buffer.alloc(0), sha256: '', contentType: 'video/mp4', statistics: { views: 100 + i, likes: i, comments: i % 3 } });
      const p = await store.publications.create({ ownerId: user.id, channelId: channel.id, privacy: 'public', state: 'succeeded' });
      published.push((await store.publications.update(p.id, { videoId: id, videoUrl: `https://www.youtube.com/watch?v=${id}` }))!);
    }
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await yt?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const listCalls = () => yt.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/videos')).length;

  it('fetches views, likes and comments per video (50 ids a call) and the channel totals, counted in the ledger; once across racing servers', async () => {
    const now = new Date();
    const before = listCalls();
    // Three "servers" at once: the compare-and-set on statsDueAt lets one of them do it.
    const counts = await Promise.all([1, 2, 3].map(() => refreshDueStatistics({ store, config }, { now })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(listCalls() - before).toBe(2);

    const p7 = (await store.publications.get(published[7]!.id))!;
    expect(p7.stats).toEqual({ views: 107, likes: 7, comments: 1 });
    expect(p7.statsAt?.getTime()).toBe(now.getTime());
    expect((await store.publications.get(published[54]!.id))!.stats).toEqual({ views: 154, likes: 54, comments: 0 });
    const c = (await store.channels.get(channel.id))!;
    expect(c.stats).toMatchObject({ subscribers: 1200, views: 98_000, videos: 55 });
    expect(c.statsAt?.getTime()).toBe(now.getTime());
    expect(c.statsDueAt?.getTime()).toBe(now.getTime() + 60 * 60_000);

    const status = await quotaLedger(store, config, channel.project, () => now).status();
    expect(status.calls['videos.list']).toBe(2);
    expect(status.calls['channels.list']).toBeGreaterThanOrEqual(1);

    // Not due again until statsMinutes later.
    expect(await refreshDueStatistics({ store, config }, { now: new Date(now.getTime() + 30 * 60_000) })).toBe(0);
  });

  it('when due again it refreshes the new figures', async () => {
    yt.videos.get('vid00000007')!.statistics.views = 5000;
    const later = new Date(Date.now() + 61 * 60_000);
    expect(await refreshDueStatistics({ store, config }, { now: later })).toBe(1);
    expect((await store.publications.get(published[7]!.id))!.stats.views).toBe(5000);
  });

  it('a spent quota day skips the channel (no call made) until its next turn', async () => {
    const later = new Date(Date.now() + 200 * 60_000);
    // A project of its own, so connecting channels in the next test still has quota.
    await store.channels.update(channel.id, { project: 'project-spent' });
    await store.quota.charge('project-spent', pacificDay(later), 'videos.insert', config.publish.youtube.dailyQuota);
    const before = yt.requests.length;
    const warnings: object[] = [];
    expect(await refreshDueStatistics({ store, config }, { now: later, logger: { warn: (o) => warnings.push(o) } })).toBe(0);
    expect(yt.requests.slice(before).filter((r) => r.path.startsWith('/youtube/'))).toEqual([]);
    expect(warnings).toHaveLength(1);
    // Its turn moved on: the next pass does not ask again at once.
    expect((await store.channels.get(channel.id))!.statsDueAt!.getTime()).toBe(later.getTime() + 60 * 60_000);
  });

  it('channels whose authorisation was revoked at the platform are skipped until their next turn', async () => {
    const second = await connectChannel({ store, config }, { ownerId: user.id, refreshToken: yt.issueRefreshToken(), name: 'second' });
    await store.channels.update(second.id, { project: 'project-second' });
    await store.channels.update(channel.id, { project: 'project-first' });
    yt.revokeRefreshTokens();
    yt.expireAccessTokens();
    const warnings: object[] = [];
    const later = new Date(Date.now() + 400 * 60_000);
    expect(await refreshDueStatistics({ store, config }, { now: later, logger: { warn: (o) => warnings.push(o) } })).toBe(0);
    expect(warnings.length).toBe(2);
    // Both were claimed: a revoked channel is not asked about again at every pass.
    for (const id of [channel.id, second.id]) expect((await store.channels.get(id))!.statsDueAt!.getTime()).toBe(later.getTime() + 60 * 60_000);
  });
});
