import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuotaMethod } from '../../src/publish/types.ts';
import { backoffMs, sleep } from '../../src/publish/youtube/backoff.ts';
import { createYouTubePublisher } from '../../src/publish/youtube/publisher.ts';
import { startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';
import { fakeTokens, fixtureFiles, item, recordingContext } from './youtube-harness.ts';

let yt: FakeYouTube;
beforeAll(async () => {
  yt = await startFakeYouTube({ channel: { id: 'UCstats00000000000000000', title: 'Stats Channel', subscribers: 7, views: 99 } });
});
afterAll(async () => {
  await yt?.close();
});

const statsCtx = (spent: QuotaMethod[]) => ({ signal: new AbortController().signal, spend: async (m: QuotaMethod) => void spent.push(m), quotaExhausted: () => Promise.reject(new Error('quota')) });

describe('YouTube API calls besides the upload', () => {
  it('statistics: at most 50 ids per videos.list call, each call spends quota, counts become numbers', async () => {
    const files = await fixtureFiles(1000);
    try {
      const publisher = createYouTubePublisher(yt.settings(), fakeTokens(yt), { retry: { baseMs: 1 } });
      const { videoId } = await publisher.publish(item(files), recordingContext());
      yt.videos.get(videoId)!.statistics = { views: 1500, likes: 12, comments: 3 };
      const ids = [videoId, ...Array.from({ length: 119 }, (_, i) => `missing${i}`)];
      const spent: QuotaMethod[] = [];
      const before = yt.requests.length;
      const stats = await publisher.statistics(ids, statsCtx(spent));
      expect(stats).toEqual({ [videoId]: { views: 1500, likes: 12, comments: 3 } });
      expect(spent).toEqual(['videos.list', 'videos.list', 'videos.list']);
      expect(yt.requests.slice(before).filter((r) => r.path === '/youtube/v3/videos').map((r) => new URL(r.url, yt.url).searchParams.get('id')!.split(',').length)).toEqual([50, 50, 20]);
    } finally {
      await files.cleanup();
    }
  });

  it('whoAmI names the channel; a token refused twice is CHANNEL_REAUTH after one refresh', async () => {
    const spent: QuotaMethod[] = [];
    const me = await createYouTubePublisher(yt.settings(), fakeTokens(yt)).whoAmI(statsCtx(spent));
    expect(me).toEqual({ externalId: 'UCstats00000000000000000', title: 'Stats Channel', stats: { subscribers: 7, views: 99, videos: 1 } });
    expect(spent).toEqual(['channels.list']);

    let invalidated = 0;
    const bogus = { get: async () => 'not-a-token', invalidate: () => void invalidated++ };
    const before = yt.requests.length;
    await expect(createYouTubePublisher(yt.settings(), bogus).whoAmI(statsCtx([]))).rejects.toMatchObject({ code: 'CHANNEL_REAUTH' });
    expect(invalidated).toBe(1);
    expect(yt.requests.length - before).toBe(2);
  });

  it('a 403 other than quota is PUBLISH_REJECTED; quotaExceeded on a list call reaches quotaExhausted', async () => {
    yt.failNext('GET /youtube/v3/channels', 403, 'forbidden');
    await expect(createYouTubePublisher(yt.settings(), fakeTokens(yt)).whoAmI(statsCtx([]))).rejects.toMatchObject({ code: 'PUBLISH_REJECTED', details: { reason: 'forbidden' } });
    yt.failNext('GET /youtube/v3/channels', 403, 'quotaExceeded');
    await expect(createYouTubePublisher(yt.settings(), fakeTokens(yt)).whoAmI(statsCtx([]))).rejects.toThrow('quota');
  });

  it('backoff honours Retry-After (seconds or a date), else grows exponentially with jitter; sleeping stops on abort', async () => {
    expect(backoffMs(0, 1000, '3')).toBe(3000);
    const at = new Date(Date.now() + 5000).toUTCString();
    expect(backoffMs(0, 1000, at)).toBeGreaterThan(3000);
    for (const attempt of [0, 1, 2, 3]) {
      const ms = backoffMs(attempt, 1000);
      expect(ms).toBeGreaterThanOrEqual(500 * 2 ** attempt);
      expect(ms).toBeLessThanOrEqual(1000 * 2 ** attempt);
    }
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('chunk sizes that are not multiples of 256 KiB are refused up front', () => {
    expect(() => createYouTubePublisher(yt.settings(), fakeTokens(yt), { chunkBytes: 1_000_000 })).toThrow(/262144/);
  });
});
