import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createYouTubePublisher, type YouTubePublisherOptions } from '../../src/publish/youtube/publisher.ts';
import { CHUNK_QUANTUM, startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';
import { fakeTokens, fixtureFiles, item, lastSave, once, putBytes, QuotaSpent, recordingContext } from './youtube-harness.ts';

const MiB = 1024 * 1024;
const opts: YouTubePublisherOptions = { chunkBytes: CHUNK_QUANTUM, retry: { baseMs: 1, maxAttempts: 4 } };
let yt: FakeYouTube;
let files: Awaited<ReturnType<typeof fixtureFiles>>;

beforeAll(async () => {
  yt = await startFakeYouTube();
  // A few MB that do not end on a chunk boundary.
  files = await fixtureFiles(3 * MiB + 12_345);
});
afterAll(async () => {
  await yt?.close();
  await files?.cleanup();
});
beforeEach(() => {
  yt.clearFaults();
  yt.retryAfterSeconds = 0;
});

const publisher = (o = opts) => createYouTubePublisher(yt.settings(), fakeTokens(yt), o);

describe('YouTube resumable upload against the fake', () => {
  it('uploads the exact bytes in 256 KiB chunks with metadata, publishAt, captions, thumbnail and playlist', async () => {
    const publishAt = new Date(Date.now() + 2 * 86_400_000);
    const ctx = recordingContext();
    const before = yt.requests.length;
    const result = await publisher().publish(
      item(files, {
        privacy: 'public',
        publishAt,
        captions: [{ language: 'en', path: files.vttEn }, { language: 'de', path: files.vttDe, name: 'Deutsch' }],
        thumbnailPath: files.thumb,
        playlistId: 'PLscience',
        metadata: { ...item(files).metadata, localizations: { de: { title: 'Warum der Himmel blau ist', description: 'Rayleigh-Streuung.' } } },
      }),
      ctx,
    );
    const video = yt.videos.get(result.videoId)!;
    expect(video.sha256).toBe(files.sha256);
    expect(result.url).toBe(`https://www.youtube.com/watch?v=${result.videoId}`);
    expect(video.snippet).toMatchObject({ title: 'Why the sky is blue', tags: ['science', 'light'], categoryId: '27', defaultLanguage: 'en', defaultAudioLanguage: 'en' });
    expect(video.status).toEqual({ privacyStatus: 'private', publishAt: publishAt.toISOString(), selfDeclaredMadeForKids: false, containsSyntheticMedia: true });
    expect(video.parts).toEqual(['snippet', 'status', 'localizations']);
    expect(video.localizations).toMatchObject({ de: { title: 'Warum der Himmel blau ist' } });
    expect(video.contentType).toBe('video/mp4');

    const puts = yt.requests.slice(before).filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(13);
    expect(puts.every((r) => r.bytes === CHUNK_QUANTUM || r === puts.at(-1))).toBe(true);
    expect(putBytes(yt, before)).toBe(files.data.length);

    expect(yt.captions.filter((c) => c.videoId === result.videoId).map((c) => [c.language, c.name, c.body.split('\n').at(-2)])).toEqual([
      ['en', 'captions.en', 'Hello'],
      ['de', 'Deutsch', 'Hallo'],
    ]);
    expect(yt.thumbnails.get(result.videoId)?.contentType).toBe('image/png');
    expect(yt.playlistItems).toContainEqual(expect.objectContaining({ playlistId: 'PLscience', videoId: result.videoId }));

    expect(ctx.spent).toEqual(['videos.insert', 'captions.insert', 'captions.insert', 'thumbnails.set', 'playlistItems.insert']);
    // The session is saved before any byte is sent, then every confirmed offset, in order.
    expect(ctx.saves[0]).toMatchObject({ offset: 0, uploadUri: expect.stringContaining('upload_id=') });
    const offsets = ctx.saves.map((s) => s.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(lastSave(ctx)).toMatchObject({ videoId: result.videoId, offset: files.data.length, steps: { captions: ['en', 'de'], thumbnail: true, playlist: true } });
    expect(ctx.progress.filter((p) => p.step === 'upload').at(-1)).toEqual({ step: 'upload', bytesSent: files.data.length, bytesTotal: files.data.length });
  });

  it('a connection dropped mid-chunk: asks the session, continues from the unaligned offset it kept', async () => {
    const ctx = recordingContext(undefined, once((p) => {
      if (p.bytesSent === CHUNK_QUANTUM * 2) {
        yt.dropUploadAfter(100_001);
        return true;
      }
    }));
    const before = yt.requests.length;
    const { videoId } = await publisher().publish(item(files), ctx);
    expect(yt.videos.get(videoId)!.sha256).toBe(files.sha256);
    const mine = yt.requests.slice(before);
    expect(mine.some((r) => r.contentRange === `bytes */${files.data.length}`)).toBe(true);
    expect(ctx.saves.map((s) => s.offset)).toContain(CHUNK_QUANTUM * 2 + 100_001);
    expect(ctx.spent.filter((m) => m === 'videos.insert')).toHaveLength(1);
  });

  it('503 and 429 (Retry-After) on chunks and on the session start, then success', async () => {
    yt.failNext('POST /upload/youtube/v3/videos?uploadType=resumable', 503);
    const ctx = recordingContext(undefined, once((p) => {
      if (p.bytesSent === CHUNK_QUANTUM) {
        yt.failNext(/^PUT .*upload_id/, 503);
        yt.failNext(/^PUT .*upload_id/, 429);
        return true;
      }
    }));
    const before = yt.requests.length;
    const { videoId } = await publisher().publish(item(files), ctx);
    expect(yt.videos.get(videoId)!.sha256).toBe(files.sha256);
    expect(yt.requests.slice(before).map((r) => r.status)).toEqual(expect.arrayContaining([503, 429]));
  });

  it('an access token expiring mid-upload is refreshed once and the upload goes on', async () => {
    const tokens = fakeTokens(yt);
    const ctx = recordingContext(undefined, once((p) => {
      if (p.bytesSent === CHUNK_QUANTUM * 3) {
        yt.expireAccessTokens();
        return true;
      }
    }));
    const { videoId } = await createYouTubePublisher(yt.settings(), tokens, opts).publish(item(files), ctx);
    expect(yt.videos.get(videoId)!.sha256).toBe(files.sha256);
    expect(tokens.refreshes).toBe(2);
  });

  it('an expired session (404) starts a new one from zero, spending videos.insert again', async () => {
    const ctx = recordingContext(undefined, once((p) => {
      if (p.bytesSent === CHUNK_QUANTUM * 4) {
        yt.failNext(/^PUT .*upload_id/, 404);
        return true;
      }
    }));
    const { videoId } = await publisher().publish(item(files), ctx);
    expect(yt.videos.get(videoId)!.sha256).toBe(files.sha256);
    expect(ctx.spent.filter((m) => m === 'videos.insert')).toHaveLength(2);
    expect(new Set(ctx.saves.map((s) => s.uploadUri)).size).toBe(2);
  });

  it('a job resumed from its checkpoint asks first and sends only the rest', async () => {
    const first = recordingContext(undefined, once((p, ctx) => {
      if (p.bytesSent >= MiB) {
        ctx.controller.abort(new Error('worker stopped'));
        return true;
      }
    }));
    await expect(publisher().publish(item(files), first)).rejects.toThrow('worker stopped');
    const checkpoint = lastSave(first);
    expect(checkpoint.offset).toBe(MiB);

    const before = yt.requests.length;
    const second = recordingContext(checkpoint);
    const { videoId } = await publisher().publish(item(files), second);
    expect(yt.videos.get(videoId)!.sha256).toBe(files.sha256);
    expect(putBytes(yt, before)).toBe(files.data.length - MiB);
    expect(yt.requests.slice(before).find((r) => r.method === 'PUT')).toMatchObject({ contentRange: `bytes */${files.data.length}` });
    expect(second.spent).not.toContain('videos.insert');

    // Resumed after it finished: the session says done, nothing is sent again.
    const third = recordingContext({ ...checkpoint, videoId: undefined });
    const again = await publisher().publish(item(files), third);
    expect(again.videoId).toBe(videoId);
  });

  it('a resumed job skips captions already inserted', async () => {
    const { videoId } = await publisher().publish(item(files), recordingContext());
    const count = yt.captions.length;
    const ctx = recordingContext({ offset: files.data.length, videoId, steps: { captions: ['en'] } });
    await publisher().publish(item(files, { captions: [{ language: 'en', path: files.vttEn }, { language: 'de', path: files.vttDe }] }), ctx);
    expect(yt.captions.slice(count).map((c) => c.language)).toEqual(['de']);
    expect(ctx.spent).toEqual(['captions.insert']);
  });

  it('quotaExceeded calls ctx.quotaExhausted; a bad title is PUBLISH_REJECTED with the reason; retries run out as PUBLISH_FAILED', async () => {
    yt.failNext('POST /upload/youtube/v3/videos', 403, 'quotaExceeded');
    const quota = recordingContext();
    await expect(publisher().publish(item(files), quota)).rejects.toBeInstanceOf(QuotaSpent);
    expect(quota.exhausted).toBe(1);

    await expect(publisher().publish(item(files, { metadata: { title: 'a <b> title', description: '' } }), recordingContext())).rejects.toMatchObject({ code: 'PUBLISH_REJECTED', message: expect.stringContaining('invalidTitle') });

    const failing = recordingContext(undefined, once((p) => {
      if (p.bytesSent === CHUNK_QUANTUM) {
        yt.failNext(/^PUT .*upload_id/, 503, undefined, 10);
        return true;
      }
    }));
    await expect(publisher().publish(item(files), failing)).rejects.toMatchObject({ code: 'PUBLISH_FAILED' });
    yt.clearFaults();
  });

  it('a thumbnail the channel may not set is a warning; the publication still succeeds', async () => {
    yt.failNext('thumbnails/set', 403, 'forbidden');
    const ctx = recordingContext();
    const { videoId } = await publisher().publish(item(files, { thumbnailPath: files.thumb }), ctx);
    expect(videoId).toBeTruthy();
    expect(ctx.warnings[0]).toMatch(/thumbnail/);
    expect(yt.thumbnails.has(videoId)).toBe(false);
  });
});
