import { open, type FileHandle } from 'node:fs/promises';
import { VideogenError } from '../../errors.ts';
import type { PublishCheckpoint, PublishContext, PublishItem } from '../types.ts';
import { backoffMs, sleep } from './backoff.ts';
import { failed, isQuotaExceeded, isTransient, readGoogleError, reauth, rejected } from './errors.ts';
import { apiCall, signalWithTimeout } from './http.ts';
import { videoResource, videoType } from './metadata.ts';
import type { YouTubeApi } from './publisher.ts';

/** What one PUT to an upload session came to. */
type Outcome =
  | { kind: 'done'; videoId: string }
  | { kind: 'partial'; offset: number }
  | { kind: 'gone' }
  | { kind: 'unauthorized' }
  | { kind: 'transient'; why: string; retryAfter: string | null }
  | { kind: 'quota' }
  | { kind: 'rejected'; error: VideogenError };

/**
 * YouTube's resumable upload (https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol):
 * a session URI from `uploadType=resumable`, then chunks (multiples of 256 KiB but the last) each answered 308 with
 * the bytes held. The session URI and confirmed offset are saved (and awaited) before going on, so any process can
 * continue the same upload: it first asks the session how far it got (`Content-Range: bytes *\/N`). A dropped
 * connection, 5xx or 429 backs off and asks again; 404/410 (session expired) starts a new session from zero.
 */
export async function uploadVideo(api: YouTubeApi, item: PublishItem, ctx: PublishContext, checkpoint: PublishCheckpoint): Promise<string> {
  const total = item.bytes;
  if (total <= 0) throw new VideogenError('VALIDATION_FAILED', `the video file ${item.videoPath} is empty`);
  const handle = await open(item.videoPath, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size !== total) throw new VideogenError('VALIDATION_FAILED', `the video file ${item.videoPath} is ${size} bytes, not the ${total} being published; it changed after the publication was created`, { size, expected: total });
    return await uploadLoop(api, item, ctx, checkpoint, handle);
  } finally {
    await handle.close();
  }
}

async function uploadLoop(api: YouTubeApi, item: PublishItem, ctx: PublishContext, checkpoint: PublishCheckpoint, handle: FileHandle): Promise<string> {
  const total = item.bytes;
  let uri = checkpoint.uploadUri;
  let offset = uri ? checkpoint.offset : 0;
  // A resumed job does not trust its stored offset: the session says what it holds (maybe more, after a crash).
  let mustAsk = uri !== undefined;
  let failures = 0;
  let sessions = 0;
  let refreshedAfter401 = false;
  for (;;) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (!uri) {
      if (++sessions > api.retry.maxAttempts) throw failed('the upload', `${sessions - 1} upload sessions expired in a row`);
      uri = await initiate(api, item, ctx);
      offset = 0;
      mustAsk = false;
      checkpoint.uploadUri = uri;
      checkpoint.offset = 0;
      await ctx.save({ ...checkpoint });
    }
    let outcome: Outcome;
    if (mustAsk) outcome = await put(api, ctx, uri, `bytes */${total}`);
    else {
      const length = Math.min(api.chunkBytes, total - offset);
      // Read by range, one chunk at a time: the file is never in memory whole.
      const chunk = new Uint8Array(length);
      const { bytesRead } = await handle.read(chunk, 0, length, offset);
      if (bytesRead !== length) throw new VideogenError('VALIDATION_FAILED', `the video file ${item.videoPath} shrank during the upload`);
      outcome = await put(api, ctx, uri, `bytes ${offset}-${offset + length - 1}/${total}`, chunk);
    }
    switch (outcome.kind) {
      case 'done':
        checkpoint.videoId = outcome.videoId;
        checkpoint.offset = total;
        await ctx.save({ ...checkpoint });
        ctx.onProgress({ step: 'upload', bytesSent: total, bytesTotal: total });
        return outcome.videoId;
      case 'partial':
        failures = 0;
        refreshedAfter401 = false;
        mustAsk = false;
        offset = outcome.offset;
        if (offset !== checkpoint.offset) {
          checkpoint.offset = offset;
          await ctx.save({ ...checkpoint });
          ctx.onProgress({ step: 'upload', bytesSent: offset, bytesTotal: total });
        }
        break;
      case 'gone':
        // The session expired (about a week) or was lost: the bytes it held are gone, start over.
        uri = undefined;
        break;
      case 'unauthorized':
        if (refreshedAfter401) throw reauth('the upload');
        refreshedAfter401 = true;
        api.tokens.invalidate();
        mustAsk = true;
        break;
      case 'transient':
        if (++failures >= api.retry.maxAttempts) throw failed('the upload', `${outcome.why} (after ${failures} attempts)`);
        await sleep(backoffMs(failures - 1, api.retry.baseMs, outcome.retryAfter), ctx.signal);
        // Part of the chunk may have arrived: ask rather than guess.
        mustAsk = true;
        break;
      case 'quota':
        return ctx.quotaExhausted();
      case 'rejected':
        throw outcome.error;
    }
  }
}

/** videos.insert with uploadType=resumable: spends the call's quota, answers the session URI (Location). */
async function initiate(api: YouTubeApi, item: PublishItem, ctx: PublishContext): Promise<string> {
  const { parts, body } = videoResource(item);
  await ctx.spend('videos.insert');
  const json = JSON.stringify(body);
  const res = await apiCall(api.tokens, api.retry, 'videos.insert', {
    method: 'POST',
    url: `${api.cfg.uploadBase}/videos?uploadType=resumable&part=${parts.join(',')}`,
    headers: { 'content-type': 'application/json; charset=UTF-8', 'x-upload-content-length': String(item.bytes), 'x-upload-content-type': videoType(item.videoPath) },
    body: () => json,
  }, ctx);
  const location = res.headers.get('location');
  await res.body?.cancel();
  if (!location) throw failed('videos.insert', 'no upload session URI (Location) in the answer');
  return new URL(location, api.cfg.uploadBase).toString();
}

async function put(api: YouTubeApi, ctx: PublishContext, uri: string, contentRange: string, chunk?: Uint8Array<ArrayBuffer>): Promise<Outcome> {
  const access = await api.tokens.get();
  let res: Response;
  try {
    res = await fetch(uri, {
      method: 'PUT',
      headers: { authorization: `Bearer ${access}`, 'content-range': contentRange, ...(chunk ? {} : { 'content-length': '0' }) },
      ...(chunk ? { body: chunk } : {}),
      // A stalled connection counts as a dropped one, but a slow link must still get a big chunk through (≥ 32 KiB/s).
      signal: signalWithTimeout(ctx.signal, Math.max(120_000, ((chunk?.length ?? 0) / (32 * 1024)) * 1000)),
    });
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'transient', why: `connection failed (${cause?.code ?? cause?.message ?? (error as Error).message})`, retryAfter: null };
  }
  if (res.status === 200 || res.status === 201) {
    const video = (await res.json()) as { id?: string };
    if (!video.id) return { kind: 'rejected', error: failed('the upload', 'the finished upload named no video id') };
    return { kind: 'done', videoId: video.id };
  }
  if (res.status === 308) {
    await res.body?.cancel();
    // "Range: bytes=0-N" names the last byte held; no Range means nothing yet.
    const m = /bytes=0-(\d+)/.exec(res.headers.get('range') ?? '');
    return { kind: 'partial', offset: m ? Number(m[1]) + 1 : 0 };
  }
  if (res.status === 404 || res.status === 410) {
    await res.body?.cancel();
    return { kind: 'gone' };
  }
  if (res.status === 401) {
    await res.body?.cancel();
    return { kind: 'unauthorized' };
  }
  const e = await readGoogleError(res);
  if (isQuotaExceeded(e)) return { kind: 'quota' };
  if (isTransient(e)) return { kind: 'transient', why: `HTTP ${e.status} ${e.reason}`, retryAfter: res.headers.get('retry-after') };
  return { kind: 'rejected', error: rejected('the upload', e) };
}
