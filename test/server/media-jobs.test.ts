import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, submitJob } from '../../src/queue/index.ts';
import type { Job } from '../../src/store/types.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';
import { makeMedia, solidPng } from './media-fixtures.ts';
import { waitForState } from '../queue/helpers.ts';

/**
 * Specs naming media over the API, on a real server with PGlite and the in-process worker rendering in its child
 * process: local paths are refused at submit (SOURCE_FORBIDDEN naming the field, the same for existing and missing
 * files), `upload:<id>` must be the caller's own (404 otherwise), URLs pass submit and a private address ends the
 * job with a coded failure, and a job with an uploaded picture renders.
 */
let s: TestServer;
let editor: Client;
let other: Client;
let dir: string;
let png: Buffer;
let mp3: Buffer;

const form = (name: string, content: Uint8Array) => {
  const f = new FormData();
  f.append('file', new Blob([content as BlobPart]), name);
  return f;
};
const uploadAs = async (client: Client, name: string, content: Uint8Array): Promise<string> => {
  const res = await api(s.url, '/api/media/upload', { method: 'POST', form: form(name, content), client });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
const imageSpec = (src: string, extra: Record<string, unknown> = {}) => ({
  id: 'pictures',
  title: 'Pictures',
  scenes: [
    { kind: 'title', title: 'Harbour', narration: 'A picture.' },
    { kind: 'image', src, motion: 'none', narration: 'Here it is.' },
  ],
  ...extra,
});
const submit = (body: unknown, client = editor) => api(s.url, '/api/videos', { method: 'POST', body, client });

/** RGB of the frame's centre pixel at `seconds`, decoded by ffmpeg. */
function centrePixel(video: string, seconds: number): number[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-ss', String(seconds), '-i', video, '-frames:v', '1', '-vf', 'crop=8:8:(iw-8)/2:(ih-8)/2,scale=1:1:flags=area', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  return [...raw.subarray(0, 3)];
}

/** The job once it has ended (the queue tests' waiter: it names the job and times out instead of spinning). */
const settled = (id: string): Promise<Job> => waitForState(s.store, id, ['succeeded', 'failed', 'cancelled']);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'videogen-media-jobs-'));
  png = solidPng(dir, 'orange.png', '0xE8701A');
  mp3 = makeMedia(dir, { name: 'track.mp3', input: 'audio', args: ['-c:a', 'libmp3lame', '-b:a', '64k'] });
  s = await startServer({
    beforeListen: async ({ store, queue, config }) => {
      const worker = createWorker({ store, queue, config, id: 'media-worker', pollMs: 200, retryBaseMs: 100, heartbeatMs: 500, leaseMs: 10_000, progressIntervalMs: 200 });
      await worker.start();
      return () => worker.stop({ force: true });
    },
  });
  await createUser(s.store, 'ed@example.com', 'editor');
  await createUser(s.store, 'other@example.com', 'editor');
  editor = await login(s.url, 'ed@example.com');
  other = await login(s.url, 'other@example.com');
}, 60_000);
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('media in API specs', () => {
  it('refuses local paths with 403 SOURCE_FORBIDDEN naming the field, identical for existing and missing files, and queues nothing', async () => {
    const cases: [unknown, string][] = [
      [imageSpec('/etc/passwd'), 'scenes[1].src'],
      [imageSpec('../../etc/hostname'), 'scenes[1].src'],
      [imageSpec('media/photo.png'), 'scenes[1].src'],
      [{ ...imageSpec('upload:x'), scenes: [{ kind: 'title', title: 'Hi', background: { src: '/etc/passwd' } }] }, 'scenes[0].background.src'],
      [{ ...imageSpec('upload:x'), scenes: [{ kind: 'video', src: '/dev/zero' }] }, 'scenes[0].src'],
      [{ ...imageSpec('upload:x'), scenes: [{ kind: 'title', title: 'Hi' }], music: { file: '/etc/passwd' } }, 'music.src'],
    ];
    const before = (await s.store.jobs.list({})).length;
    for (const [spec, field] of cases) {
      const res = await submit({ spec });
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'SOURCE_FORBIDDEN', details: { field } });
      expect(res.body.error.message).toContain(field);
      expect(res.body.error.message).toContain('upload:<id>');
    }
    const existing = await submit({ spec: imageSpec('/etc/passwd') });
    const missing = await submit({ spec: imageSpec('/etc/no-such-file-here') });
    const mask = (m: string) => m.replace(/"[^"]*"/g, '"<path>"');
    expect(mask(existing.body.error.message)).toBe(mask(missing.body.error.message));

    // In a set, the field names the video too.
    const set = await submit({ set: { id: 'set', name: 'Set', videos: [imageSpec('https://example.com/a.png'), imageSpec('/etc/passwd')] } });
    expect(set.status).toBe(403);
    expect(set.body.error.details.field).toBe('videos[1].scenes[1].src');
    expect((await s.store.jobs.list({})).length).toBe(before);

    const validated = await api(s.url, '/api/validate', { method: 'POST', body: imageSpec('/etc/passwd'), client: editor });
    expect(validated.body).toMatchObject({ valid: false, problems: [{ path: 'scenes[1].src', code: 'SOURCE_FORBIDDEN' }] });
  });

  it('answers 404 NOT_FOUND for another user\'s upload and for an unknown id alike, and 422 for a track where a picture belongs', async () => {
    const theirs = await uploadAs(other, 'theirs.png', png);
    const forOther = await submit({ spec: imageSpec(`upload:${theirs}`) });
    const unknown = await submit({ spec: imageSpec('upload:00000000-0000-4000-8000-000000000000') });
    const garbage = await submit({ spec: imageSpec('upload:../../etc/passwd') });
    for (const res of [forOther, unknown, garbage]) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'scenes[1].src' } });
    }
    expect(forOther.body.error.message.replace(theirs, '<id>')).toBe(unknown.body.error.message.replace('00000000-0000-4000-8000-000000000000', '<id>'));
    // The owner may use it.
    expect((await api(s.url, '/api/validate', { method: 'POST', body: imageSpec(`upload:${theirs}`), client: other })).body.valid).toBe(true);

    const track = await uploadAs(editor, 'track.mp3', mp3);
    const wrong = await submit({ spec: imageSpec(`upload:${track}`) });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'SPEC_INVALID', details: { problems: [{ path: 'scenes[1].src' }] } });
  });

  it('accepts broll auto|off as an option (stored on the job), refuses other values with 400', async () => {
    const bad = await submit({ spec: imageSpec('https://example.com/a.png'), options: { broll: 'sometimes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems[0].path).toBe('body.options.broll');
    // A spec with a URL passes submit (it is fetched at render time); this one points at a cloud metadata address.
    const res = await submit({ spec: imageSpec('http://169.254.169.254/latest/meta-data/photo.png', { music: { src: 'auto' } }), options: { preset: 'draft', broll: 'off' } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.jobs[0].options).toMatchObject({ broll: 'off', preset: 'draft' });
    const job = await settled(res.body.jobs[0].id);
    expect(job.state).toBe('failed');
    expect(job.errorCode).toBe('SOURCE_UNREADABLE');
    expect(job.errorMessage).toContain('scenes[1].src');
    expect(job.errorMessage).toContain('cloud metadata');
  }, 120_000);

  it('a URL to 127.0.0.1 as a background fails the job with SOURCE_UNREADABLE, and the server stays up', async () => {
    const spec = { id: 'bg', title: 'Bg', scenes: [{ kind: 'title', title: 'Hi', narration: 'Hello.', background: { src: 'http://127.0.0.1:1/x.jpg' } }] };
    const res = await submit({ spec, options: { preset: 'draft' } });
    expect(res.status).toBe(202);
    const job = await settled(res.body.jobs[0].id);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'SOURCE_UNREADABLE' });
    expect(job.errorMessage).toContain('loopback');
    expect((await api(s.url, '/api/health')).status).toBe(200);
  }, 120_000);

  it('renders a job with an uploaded PNG in an image scene; a job naming a deleted or someone else\'s upload fails with NOT_FOUND', async () => {
    const id = await uploadAs(editor, 'orange.png', png);
    const res = await submit({ spec: imageSpec(`upload:${id}`), options: { preset: 'draft' } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const job = await settled(res.body.jobs[0].id);
    expect(job.state, `${job.errorCode}: ${job.errorMessage}`).toBe('succeeded');
    const video = join(job.outputDir!, 'video.mp4');
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', video], { encoding: 'utf8' })) as { streams: { codec_type: string; duration: string }[] };
    expect(probe.streams.map((st) => st.codec_type)).toEqual(expect.arrayContaining(['video', 'audio']));
    // The picture itself is in the frame: near the end (the image scene), the middle of the frame is its orange.
    const [r, g, b] = centrePixel(video, Number(probe.streams.find((st) => st.codec_type === 'video')!.duration) - 0.4);
    expect(Math.abs(r! - 0xe8) + Math.abs(g! - 0x70) + Math.abs(b! - 0x1a), `centre pixel ${r},${g},${b}`).toBeLessThan(40);

    // Jobs stored without the API's check (deleted since submission; someone else's id): the runner resolves only
    // the job owner's uploads, so both fail with the field named, before anything renders.
    const ownerId = (await s.store.users.byEmail('ed@example.com'))!.id;
    const theirs = await uploadAs(other, 'theirs.png', png);
    expect((await api(s.url, `/api/media/${id}`, { method: 'DELETE', client: editor })).status).toBe(204);
    for (const src of [`upload:${id}`, `upload:${theirs}`]) {
      const stored = await submitJob(s.store, s.queue, { ownerId, kind: 'render', input: { spec: imageSpec(src) }, options: { preset: 'draft' }, title: 'Pictures' });
      const failed = await settled(stored.id);
      expect(failed, src).toMatchObject({ state: 'failed', errorCode: 'NOT_FOUND' });
      expect(failed.errorMessage).toContain('scenes[1].src');
    }
  }, 240_000);
});
