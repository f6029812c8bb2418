import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAccessToken } from '../../src/publish/youtube/oauth.ts';
import { CHUNK_QUANTUM, startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';

/** The fake itself, spoken to with raw fetch: it must hold clients to the documented resumable protocol. */
let yt: FakeYouTube;
let auth: Record<string, string>;
beforeAll(async () => {
  yt = await startFakeYouTube();
  const t = await refreshAccessToken(yt.settings(), yt.issueRefreshToken());
  auth = { authorization: `Bearer ${t.accessToken}` };
});
afterAll(async () => {
  await yt.close();
});

async function initiate(total: number): Promise<string> {
  const res = await fetch(`${yt.settings().uploadBase}/videos?uploadType=resumable&part=snippet,status`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json; charset=UTF-8', 'x-upload-content-length': String(total), 'x-upload-content-type': 'video/mp4' },
    body: JSON.stringify({ snippet: { title: 'T', description: 'D' }, status: { privacyStatus: 'private', publishAt: new Date(Date.now() + 86400_000).toISOString() } }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('location')!;
}

const put = (uri: string, range: string, body?: Buffer): Promise<Response> => fetch(uri, { method: 'PUT', headers: { ...auth, 'content-range': range }, ...(body ? { body: new Uint8Array(body) } : {}) });

describe('fake YouTube resumable protocol', () => {
  it('308 with Range per chunk, 400 for unaligned or out-of-order chunks, 200 + resource at the end, status query', async () => {
    const file = randomBytes(2 * CHUNK_QUANTUM + 1000);
    const uri = await initiate(file.length);
    let res = await put(uri, `bytes */${file.length}`);
    expect(res.status).toBe(308);
    expect(res.headers.get('range')).toBeNull();
    expect((await put(uri, `bytes 0-99/${file.length}`, file.subarray(0, 100))).status).toBe(400);
    res = await put(uri, `bytes 0-${CHUNK_QUANTUM - 1}/${file.length}`, file.subarray(0, CHUNK_QUANTUM));
    expect(res.status).toBe(308);
    expect(res.headers.get('range')).toBe(`bytes=0-${CHUNK_QUANTUM - 1}`);
    expect((await put(uri, `bytes 0-${CHUNK_QUANTUM - 1}/${file.length}`, file.subarray(0, CHUNK_QUANTUM))).status).toBe(400);
    res = await put(uri, `bytes ${CHUNK_QUANTUM}-${file.length - 1}/${file.length}`, file.subarray(CHUNK_QUANTUM));
    expect(res.status).toBe(201);
    const video = (await res.json()) as { id: string; status: { publishAt: string } };
    expect(yt.videos.get(video.id)!.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(video.status.publishAt).toBeTruthy();
    expect((await put(uri, `bytes */${file.length}`)).status).toBe(200);
  });

  it('a dropped chunk keeps the bytes that arrived; 404 faults forget the session; expired tokens get 401', async () => {
    const file = randomBytes(2 * CHUNK_QUANTUM);
    const uri = await initiate(file.length);
    yt.dropUploadAfter(1000);
    await expect(put(uri, `bytes 0-${file.length - 1}/${file.length}`, file)).rejects.toThrow();
    const res = await put(uri, `bytes */${file.length}`);
    expect(res.status).toBe(308);
    expect(res.headers.get('range')).toBe('bytes=0-999');
    yt.failNext(/^PUT .*upload_id/, 404);
    expect((await put(uri, `bytes */${file.length}`)).status).toBe(404);
    expect((await put(uri, `bytes */${file.length}`)).status).toBe(404);
    yt.expireAccessTokens();
    const refused = await fetch(`${yt.settings().apiBase}/channels?part=snippet&mine=true`, { headers: auth });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]!.reason).toBe('authError');
  });
});
