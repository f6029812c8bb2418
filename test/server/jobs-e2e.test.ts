import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../src/queue/index.ts';
import { defaultSources } from '../../src/server/default-sources.ts';
import { api, apiKeyFor, createUser, login, startServer, TINY_SPEC, type Client, type TestServer } from './helpers.ts';
import { readEvents } from './sse-client.ts';
import { PG_URL, postgresAvailable, REDIS_URL, redisAvailable } from '../store/helpers.ts';

/**
 * End to end over HTTP with the real store, queue, worker and Markdown adapter: upload → job → SSE → ranged download
 * → ffprobe; cancel, retry and SSE resume. Runs on PGlite, and on PostgreSQL when one answers.
 */
const MARKDOWN = `# Tiny guide

A short document that becomes a short video.

## First step

Install the tool and run it once.

## Second step

- Read the output
- Fix what it says
`;

const LONG_SPEC = {
  id: 'long',
  title: 'Long',
  scenes: Array.from({ length: 6 }, (_, i) => ({ kind: 'title', title: `Part ${i + 1}`, narration: 'This scene has a few sentences of narration so that it takes a little while to render. '.repeat(3) })),
};

/** The same suite on the embedded store with the in-process queue, on PostgreSQL, and on PostgreSQL + BullMQ with two workers. */
const backends: { name: string; databaseUrl?: string; redisUrl?: string; workers: number }[] = [
  { name: 'PGlite, in-process queue', workers: 1 },
  { name: 'PostgreSQL, in-process queue', databaseUrl: PG_URL, workers: 1 },
  { name: 'PostgreSQL, BullMQ on Redis, two workers', databaseUrl: PG_URL, redisUrl: REDIS_URL, workers: 2 },
];

for (const backend of backends) {
  describe(`jobs end to end on ${backend.name}`, () => {
    let s: TestServer;
    let editor: Client;
    let key: Client;
    let available = true;

    beforeAll(async () => {
      if ((backend.databaseUrl && !(await postgresAvailable())) || (backend.redisUrl && !(await redisAvailable()))) {
        available = false;
        console.warn(`\n!!! SKIPPING the server suite on ${backend.name}: PostgreSQL (${backend.databaseUrl}) or Redis (${backend.redisUrl ?? '-'}) is unreachable !!!\n`);
        return;
      }
      s = await startServer({
        sources: defaultSources(),
        ...(backend.databaseUrl ? { databaseUrl: backend.databaseUrl } : {}),
        ...(backend.redisUrl ? { redisUrl: backend.redisUrl } : {}),
        beforeListen: async ({ store, queue, config }) => {
          const workers = Array.from({ length: backend.workers }, (_, i) =>
            createWorker({ store, queue, config, id: `test-worker-${i + 1}`, pollMs: 200, retryBaseMs: 100, heartbeatMs: 500, leaseMs: 5000, progressIntervalMs: 100 }),
          );
          await Promise.all(workers.map((w) => w.start()));
          return async () => {
            await Promise.all(workers.map((w) => w.stop({ force: true })));
          };
        },
      });
      await createUser(s.store, 'ed@example.com', 'editor');
      editor = await login(s.url, 'ed@example.com');
      key = await apiKeyFor(s.url, editor);
    });
    afterAll(async () => {
      await s?.close();
    });

    it('upload Markdown → job → SSE to completion → ranged MP4 download that ffprobe reads', async (ctx) => {
      if (!available) return ctx.skip();
      const form = new FormData();
      form.append('file', new Blob([MARKDOWN], { type: 'text/markdown' }), 'guide.md');
      const upload = await api(s.url, '/api/documents/upload', { method: 'POST', form, client: editor });
      expect(upload.status).toBe(201);
      expect(upload.body).toMatchObject({ filename: 'guide.md', mediaType: 'text/markdown', bytes: Buffer.byteLength(MARKDOWN) });

      const parsed = await api(s.url, '/api/documents/parse', { method: 'POST', body: { document: { uploadId: upload.body.id } }, client: key });
      expect(parsed.status).toBe(200);
      expect(parsed.body.videos[0].sceneCount).toBeGreaterThanOrEqual(2);

      const created = await api(s.url, '/api/videos', { method: 'POST', body: { source: { uploadId: upload.body.id }, options: { preset: 'draft' } }, client: key });
      expect(created.status).toBe(202);
      const job = created.body.jobs[0];
      expect(job.state).toBe('queued');

      const stream = await readEvents(`${s.url}/api/jobs/${job.id}/events`, { authorization: `Bearer ${key.key}` });
      expect(stream.status).toBe(200);
      expect(stream.contentType).toContain('text/event-stream');
      const states = stream.events.filter((e) => e.event === 'state').map((e) => e.data.state);
      expect(states[0]).toBe('queued');
      expect(states).toContain('running');
      expect(states.at(-1)).toBe('succeeded');
      expect(stream.events.some((e) => e.event === 'progress')).toBe(true);
      const ids = stream.events.map((e) => e.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);

      const detail = await api(s.url, `/api/jobs/${job.id}`, { client: key });
      expect(detail.body.state).toBe('succeeded');
      expect(detail.body.files).toEqual(expect.arrayContaining(['video.mp4', 'thumbnail.png', 'manifest.json', 'chapters.txt', 'captions.en.srt', 'captions.en.vtt']));

      const full = await fetch(`${s.url}/api/jobs/${job.id}/files/video.mp4`, { headers: { authorization: `Bearer ${key.key}` } });
      expect(full.status).toBe(200);
      expect(full.headers.get('content-type')).toBe('video/mp4');
      expect(full.headers.get('accept-ranges')).toBe('bytes');
      const etag = full.headers.get('etag')!;
      const bytes = Buffer.from(await full.arrayBuffer());
      expect(Number(full.headers.get('content-length'))).toBe(bytes.length);

      const ranged = await fetch(`${s.url}/api/jobs/${job.id}/files/video.mp4`, { headers: { authorization: `Bearer ${key.key}`, range: 'bytes=100-1099' } });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get('content-range')).toBe(`bytes 100-1099/${bytes.length}`);
      const part = Buffer.from(await ranged.arrayBuffer());
      expect(part.equals(bytes.subarray(100, 1100))).toBe(true);

      const suffix = await fetch(`${s.url}/api/jobs/${job.id}/files/video.mp4`, { headers: { authorization: `Bearer ${key.key}`, range: 'bytes=-10' } });
      expect(suffix.headers.get('content-range')).toBe(`bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`);
      const bad = await fetch(`${s.url}/api/jobs/${job.id}/files/video.mp4`, { headers: { authorization: `Bearer ${key.key}`, range: `bytes=${bytes.length + 5}-` } });
      expect(bad.status).toBe(416);
      expect(bad.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
      const cached = await fetch(`${s.url}/api/jobs/${job.id}/files/video.mp4`, { headers: { authorization: `Bearer ${key.key}`, 'if-none-match': etag } });
      expect(cached.status).toBe(304);

      const vtt = await fetch(`${s.url}/api/jobs/${job.id}/files/captions.en.vtt`, { headers: { authorization: `Bearer ${key.key}` } });
      expect(vtt.headers.get('content-type')).toContain('text/vtt');
      expect(await vtt.text()).toMatch(/^WEBVTT/);
      expect((await fetch(`${s.url}/api/jobs/${job.id}/files/..%2Fpasswd`, { headers: { authorization: `Bearer ${key.key}` } })).status).toBe(400);

      const file = join(s.home, 'download.mp4');
      await writeFile(file, bytes);
      const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], { encoding: 'utf8' })) as { streams: { codec_type: string; codec_name: string }[]; format: { duration: string } };
      expect(probe.streams.map((st) => st.codec_type)).toEqual(expect.arrayContaining(['video', 'audio']));
      expect(probe.streams.find((st) => st.codec_type === 'video')!.codec_name).toBe('h264');
      expect(Number(probe.format.duration)).toBeGreaterThan(1);

      // Resume: after the second event, the replay holds exactly the rest and still ends at the terminal state.
      const resumed = await readEvents(`${s.url}/api/jobs/${job.id}/events`, { authorization: `Bearer ${key.key}`, 'last-event-id': String(ids[1]) });
      expect(resumed.events.map((e) => e.id)).toEqual(ids.slice(2));
      const viaQuery = await readEvents(`${s.url}/api/jobs/${job.id}/events?lastEventId=${ids.at(-2)}`, { authorization: `Bearer ${key.key}` });
      expect(viaQuery.events.map((e) => e.id)).toEqual(ids.slice(-1));

      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect(metrics).toMatch(/^videogen_jobs\{state="succeeded"\} [1-9]\d*$/m);
      expect(metrics).toMatch(/^videogen_stage_duration_seconds_count\{stage="render"\} [1-9]\d*$/m);
    });

    it('cancels a running job', async (ctx) => {
      if (!available) return ctx.skip();
      const created = await api(s.url, '/api/videos', { method: 'POST', body: { spec: LONG_SPEC, options: { preset: 'draft' } }, client: editor });
      const id = created.body.jobs[0].id;
      let cancelled = false;
      const stream = await readEvents(`${s.url}/api/jobs/${id}/events`, { cookie: editor.cookie! }, {
        onEvent: async (e) => {
          if (!cancelled && e.event === 'state' && e.data.state === 'running') {
            cancelled = true;
            const res = await api(s.url, `/api/jobs/${id}/cancel`, { method: 'POST', client: editor });
            expect(res.status).toBe(202);
          }
        },
      });
      expect(cancelled).toBe(true);
      expect(stream.events.at(-1)!.data.state).toBe('cancelled');
      expect((await api(s.url, `/api/jobs/${id}`, { client: editor })).body.state).toBe('cancelled');
      expect((await api(s.url, `/api/jobs/${id}/files/video.mp4`, { client: editor })).status).toBe(404);
      expect((await api(s.url, `/api/jobs/${id}/cancel`, { method: 'POST', client: editor })).status).toBe(409);
      const audit = await s.store.audit.list({ limit: 200 });
      expect(audit.some((a) => a.action === 'job.cancel' && a.target === id)).toBe(true);
    });

    it('retries a failed job: queued again and run again', async (ctx) => {
      if (!available) return ctx.skip();
      const { user } = await (await api(s.url, '/api/auth/me', { client: editor })).body;
      // A spec the worker cannot render (stored directly: the API would refuse it) fails without retries.
      const bad = await s.store.jobs.create({ ownerId: user.id, kind: 'render', input: { spec: { id: 'broken' } }, options: { preset: 'draft' }, title: 'Broken' });
      await s.queue.enqueue(bad.id);
      const first = await readEvents(`${s.url}/api/jobs/${bad.id}/events`, { cookie: editor.cookie! });
      expect(first.events.at(-1)!.data.state).toBe('failed');
      const failed = await api(s.url, `/api/jobs/${bad.id}`, { client: editor });
      expect(failed.body).toMatchObject({ state: 'failed', errorCode: 'SPEC_INVALID' });

      const retried = await api(s.url, `/api/jobs/${bad.id}/retry`, { method: 'POST', client: editor });
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ state: 'queued', errorCode: null });
      const lastId = first.events.at(-1)!.id;
      const second = await readEvents(`${s.url}/api/jobs/${bad.id}/events`, { cookie: editor.cookie!, 'last-event-id': String(lastId) });
      const states = second.events.filter((e) => e.event === 'state').map((e) => e.data.state);
      expect(states).toEqual(['queued', 'running', 'failed']);

      expect((await api(s.url, `/api/jobs/${bad.id}/retry`, { method: 'POST', client: editor })).status).toBe(202);
      const done = await api(s.url, `/api/jobs?state=failed,cancelled,queued,running&limit=50`, { client: editor });
      expect(done.body.jobs.some((j: { id: string }) => j.id === bad.id)).toBe(true);
    });

    it('lists jobs newest first with keyset paging, and deletes a finished job with its files', async (ctx) => {
      if (!available) return ctx.skip();
      for (let i = 0; i < 3; i++) await api(s.url, '/api/videos', { method: 'POST', body: { spec: { ...TINY_SPEC, id: `t${i}` }, options: { preset: 'draft' } }, client: editor });
      const page1 = await api(s.url, '/api/jobs?limit=2', { client: editor });
      expect(page1.body.jobs).toHaveLength(2);
      const page2 = await api(s.url, `/api/jobs?limit=2&before=${page1.body.nextBefore}`, { client: editor });
      const ids1 = page1.body.jobs.map((j: { id: string }) => j.id);
      for (const j of page2.body.jobs) expect(ids1).not.toContain(j.id);
      expect(Date.parse(page2.body.jobs[0].createdAt)).toBeLessThanOrEqual(Date.parse(page1.body.jobs[1].createdAt));

      const succeeded = await api(s.url, '/api/jobs?state=succeeded', { client: editor });
      const target = succeeded.body.jobs[0];
      expect((await api(s.url, `/api/jobs/${target.id}`, { method: 'DELETE', client: editor })).status).toBe(204);
      expect((await api(s.url, `/api/jobs/${target.id}`, { client: editor })).status).toBe(404);
    });
  });
}
