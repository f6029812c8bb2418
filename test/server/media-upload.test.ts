import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffMedia } from '../../src/server/media-types.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';
import { MEDIA_FIXTURES, makeMedia } from './media-fixtures.ts';

/**
 * POST /api/media/upload against a real server and store, with real files made by ffmpeg: every accepted format is
 * recognised by its content, anything else is 415 whatever its name, sizes over the limit are 413 (also when only
 * declared), and listing, deletion and ownership follow the document uploads.
 */
const LIMIT = 256 * 1024;

let s: TestServer;
let editor: Client;
let other: Client;
let dir: string;
const bytes = new Map<string, Buffer>();

function form(name: string, content: Uint8Array | string): FormData {
  const f = new FormData();
  f.append('file', new Blob([content as BlobPart], { type: 'application/octet-stream' }), name);
  return f;
}
const upload = (name: string, content: Uint8Array | string, client = editor) => api(s.url, '/api/media/upload', { method: 'POST', form: form(name, content), client });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'videogen-media-upload-'));
  for (const f of MEDIA_FIXTURES) bytes.set(f.name, makeMedia(dir, f));
  s = await startServer({ server: { uploadMaxBytes: LIMIT, mediaMaxBytes: LIMIT } });
  await createUser(s.store, 'ed@example.com', 'editor');
  await createUser(s.store, 'other@example.com', 'editor');
  await createUser(s.store, 'viewer@example.com', 'viewer');
  editor = await login(s.url, 'ed@example.com');
  other = await login(s.url, 'other@example.com');
}, 60_000);
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('media uploads', () => {
  it('accepts every picture, clip and audio format with 201, its category from the content and the spec ref', async () => {
    for (const f of MEDIA_FIXTURES) {
      const res = await upload(f.name, bytes.get(f.name)!);
      expect(res.status, `${f.name}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body, f.name).toMatchObject({ filename: f.name, category: f.category, mediaType: f.mediaType, bytes: bytes.get(f.name)!.length, ref: `upload:${res.body.id}` });
      const row = await s.store.uploads.get(res.body.id);
      expect(row!.ownerId).toBe((await s.store.users.byEmail('ed@example.com'))!.id);
      expect(existsSync(row!.path)).toBe(true);
    }
  });

  it('types by content, not by name: a PNG called .txt is a picture; HTML, text and an executable called .png/.mp4/.mp3 are 415', async () => {
    const png = await upload('notes.txt', bytes.get('photo.png')!);
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ category: 'picture', mediaType: 'image/png' });
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(200)]);
    const html = '<!doctype html><html><body><img src=x onerror=alert(1)></body></html>';
    for (const [name, content] of [['photo.png', html], ['clip.mp4', 'just some text'], ['track.mp3', elf], ['photo.jpg', '%PDF-1.7 fake'], ['movie.mov', Buffer.from('00000018667479706865696300000000', 'hex')]] as const) {
      const res = await upload(name, content);
      expect(res.status, name).toBe(415);
      expect(res.body.error.code, name).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.error.message).toContain('content, not its name');
    }
    // Nothing stays behind of the refused files.
    expect((await api(s.url, '/api/media', { client: editor })).body.media.filter((m: { filename: string; mediaType: string }) => m.filename === 'photo.png' && m.mediaType !== 'image/png')).toEqual([]);
  });

  it('answers 413 over the size limit — streamed, and at once when the Content-Length declares it — and keeps no file', async () => {
    const big = Buffer.concat([bytes.get('track.wav')!.subarray(0, 44), Buffer.alloc(LIMIT + 1000)]);
    const before = (await s.store.uploads.list((await s.store.users.byEmail('ed@example.com'))!.id)).length;
    const res = await upload('long.wav', big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    // 10 GB declared, a few bytes sent: the answer comes before the body, without waiting for it.
    const u = new URL(`${s.url}/api/media/upload`);
    const declared = await new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'multipart/form-data; boundary=xx', 'content-length': String(10 * 1024 ** 3) } }, (r) => {
        let body = '';
        r.on('data', (d: Buffer) => (body += d.toString()));
        r.on('end', () => {
          req.destroy();
          resolve({ status: r.statusCode ?? 0, body, connection: r.headers.connection });
        });
      });
      req.on('error', reject);
      req.write('--xx\r\nContent-Disposition: form-data; name="file"; filename="huge.mp4"\r\n\r\n');
    });
    expect(declared.status).toBe(413);
    expect(declared.connection).toBe('close');
    expect(JSON.parse(declared.body).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: LIMIT } });
    expect((await s.store.uploads.list((await s.store.users.byEmail('ed@example.com'))!.id)).length).toBe(before);
    expect((await api(s.url, '/api/health')).status).toBe(200);
  });

  it('lists only your media (not documents), deletes yours, answers 404 for other users\' and for documents, and audits', async () => {
    const mine = await upload('mine.png', bytes.get('photo.png')!);
    const theirs = await upload('theirs.mp3', bytes.get('track.mp3')!, other);
    const doc = await api(s.url, '/api/documents/upload', { method: 'POST', form: form('notes.md', '# Notes\n\nText.\n'), client: editor });
    expect(doc.status).toBe(201);
    const listed = (await api(s.url, '/api/media', { client: editor })).body.media as { id: string; category: string }[];
    expect(listed.map((m) => m.id)).toContain(mine.body.id);
    expect(listed.map((m) => m.id)).not.toContain(theirs.body.id);
    expect(listed.map((m) => m.id)).not.toContain(doc.body.id);
    expect(new Set(listed.map((m) => m.category))).toEqual(new Set(['picture', 'clip', 'audio']));

    for (const id of [theirs.body.id, doc.body.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await api(s.url, `/api/media/${id}`, { method: 'DELETE', client: editor });
      expect(res.status, id).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const path = (await s.store.uploads.get(mine.body.id))!.path;
    expect((await api(s.url, `/api/media/${mine.body.id}`, { method: 'DELETE', client: editor })).status).toBe(204);
    expect(existsSync(path)).toBe(false);
    expect(await s.store.uploads.get(theirs.body.id)).toBeDefined();

    const actions = (await s.store.audit.list({ limit: 500 })).filter((a) => a.target === mine.body.id).map((a) => [a.action, a.details]);
    expect(actions).toEqual(expect.arrayContaining([['upload.create', expect.objectContaining({ filename: 'mine.png', mediaType: 'image/png', category: 'picture' })], ['upload.delete', expect.objectContaining({ filename: 'mine.png' })]]));
  });

  it('refuses viewers (403), non-multipart bodies (415) and a missing file field (400)', async () => {
    const viewer = await login(s.url, 'viewer@example.com');
    expect((await upload('a.png', bytes.get('photo.png')!, viewer)).status).toBe(403);
    const json = await api(s.url, '/api/media/upload', { method: 'POST', body: { file: 'x' }, client: editor });
    expect(json.status).toBe(415);
    const f = new FormData();
    f.append('other', new Blob([new Uint8Array(bytes.get('photo.png')!)]), 'a.png');
    const missing = await api(s.url, '/api/media/upload', { method: 'POST', form: f, client: editor });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('is in the OpenAPI document with its 201, 413 and 415 answers', async () => {
    const doc = (await api(s.url, '/docs/json')).body;
    const route = doc.paths['/api/media/upload'].post;
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['201', '413', '415']));
    expect(doc.paths['/api/videos'].post.requestBody.content['application/json'].schema.properties.options.properties.broll.enum).toEqual(['auto', 'off']);
  });
});

describe('media uploads and the storage quota', () => {
  it('count against the same quota as documents: 413 QUOTA_EXCEEDED once a clip would go over it, nothing kept', async () => {
    const clip = bytes.get('clip.mp4')!;
    const q = await startServer({ server: { uploadMaxBytes: LIMIT, mediaMaxBytes: LIMIT, quotaBytes: clip.length + 1000 } });
    try {
      await createUser(q.store, 'q@example.com', 'editor');
      const client = await login(q.url, 'q@example.com');
      const first = await api(q.url, '/api/media/upload', { method: 'POST', form: form('a.mp4', clip), client });
      expect(first.status).toBe(201);
      const second = await api(q.url, '/api/media/upload', { method: 'POST', form: form('b.mp4', clip), client });
      expect(second.status).toBe(413);
      expect(second.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { quotaBytes: clip.length + 1000 } });
      expect((await api(q.url, '/api/media', { client })).body.media).toHaveLength(1);
      expect((await api(q.url, '/api/account', { client })).body.usage.uploadsBytes).toBe(clip.length);
    } finally {
      await q.close();
    }
  }, 60_000);
});

describe('sniffMedia', () => {
  it('does not take two bytes of 0xFF 0xFB, a bare RIFF or an HEIC for media', () => {
    expect(sniffMedia(Buffer.from([0xff, 0xfb, 0x50, 0xc4, 0, 0, 0, 0]))).toBeUndefined();
    expect(sniffMedia(Buffer.from('RIFF\0\0\0\0AVI LIST'))).toBeUndefined();
    expect(sniffMedia(Buffer.from('00000018667479706865696300000000', 'hex'))).toBeUndefined();
    expect(sniffMedia(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  });
});
