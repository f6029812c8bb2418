import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../queue/helpers.ts';
import { PG_URL, postgresAvailable } from '../store/helpers.ts';
import { TINY_SPEC, api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';
import type { User } from '../../src/store/types.ts';

/**
 * Per-user limits on the real server and store: the storage quota (uploads + measured job outputs) and the cap on
 * concurrent event streams; and upload deletion, which is how a user frees quota.
 */
const QUOTA = 1000;
const STREAMS = 2;

const backends = [{ name: 'PGlite' }, { name: 'PostgreSQL', databaseUrl: PG_URL }];
// Throws under CI=true when PostgreSQL is missing, so the PostgreSQL run cannot be skipped there.
const postgres = await postgresAvailable();
if (!postgres) console.warn(`\n!!! SKIPPING per-user limits on PostgreSQL (${PG_URL}): unreachable !!!\n`);

for (const backend of backends) describe.skipIf(backend.databaseUrl !== undefined && !postgres)(`per-user limits on ${backend.name}`, () => {
  let s: TestServer;
  let alice: User;
  let aliceClient: Client;
  let bobClient: Client;
  let adminClient: Client;

  function form(name: string, bytes: number): FormData {
    const f = new FormData();
    f.append('file', new Blob([`# Notes\n\n${'x'.repeat(bytes - 10)}\n`], { type: 'text/markdown' }), name);
    return f;
  }

  /** A succeeded job of `owner` whose output directory holds `bytes` bytes, as a worker leaves it. */
  async function finishedJob(owner: User, bytes: number): Promise<string> {
    const job = await s.store.jobs.create({ ownerId: owner.id, kind: 'render', input: { spec: TINY_SPEC }, title: 'made' });
    const dir = join(s.config.artifactsDir, job.id);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'video.mp4'), Buffer.alloc(bytes, 1));
    await s.store.jobs.update(job.id, { state: 'succeeded', outputDir: dir, finishedAt: new Date(), progress: 1 });
    return job.id;
  }

  const usage = async (client: Client) => (await api(s.url, '/api/account', { client })).body;

  beforeAll(async () => {
    s = await startServer({ ...(backend.databaseUrl ? { databaseUrl: backend.databaseUrl } : {}), server: { quotaBytes: QUOTA, ssePerUser: STREAMS, rateLimits: { auth: 50, write: 200, read: 600 } } });
    alice = await createUser(s.store, 'alice@example.com', 'editor');
    await createUser(s.store, 'bob@example.com', 'editor');
    await createUser(s.store, 'admin@example.com', 'admin');
    aliceClient = await login(s.url, 'alice@example.com');
    bobClient = await login(s.url, 'bob@example.com');
    adminClient = await login(s.url, 'admin@example.com');
  });
  afterAll(() => s?.close());

  describe('storage quota', () => {
    let firstUpload: string;

    it('counts uploads, refuses the one that would go over with 413 QUOTA_EXCEEDED, and keeps no partial file', async () => {
      const first = await api(s.url, '/api/documents/upload', { method: 'POST', form: form('a.md', 600), client: aliceClient });
      expect(first.status).toBe(201);
      firstUpload = first.body.id;
      expect((await usage(aliceClient)).usage).toEqual({ usedBytes: 600, quotaBytes: QUOTA, uploadsBytes: 600, outputsBytes: 0 });

      const over = await api(s.url, '/api/documents/upload', { method: 'POST', form: form('b.md', 600), client: aliceClient });
      expect(over.status).toBe(413);
      expect(over.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { usedBytes: 600, quotaBytes: QUOTA } });
      expect(await readdir(join(s.home, 'uploads'))).toEqual([firstUpload]);
      expect(await s.store.uploads.list(alice.id)).toHaveLength(1);
      // Another user's quota is their own.
      expect((await api(s.url, '/api/documents/upload', { method: 'POST', form: form('b.md', 600), client: bobClient })).status).toBe(201);
    });

    it('counts the outputs of succeeded jobs, measured once per result', async () => {
      const jobId = await finishedJob(alice, 300);
      expect((await usage(aliceClient)).usage).toEqual({ usedBytes: 900, quotaBytes: QUOTA, uploadsBytes: 600, outputsBytes: 300 });
      // The size is kept with the job: a file appearing later (not a new result) is not re-measured on every request.
      await writeFile(join(s.config.artifactsDir, jobId, 'late.txt'), 'x'.repeat(50));
      expect((await usage(aliceClient)).usage.outputsBytes).toBe(300);
      // A new result (finishedAt changes) is measured again.
      await s.store.jobs.update(jobId, { finishedAt: new Date(Date.now() + 1000) });
      expect((await usage(aliceClient)).usage.outputsBytes).toBe(350);
      const small = await api(s.url, '/api/documents/upload', { method: 'POST', form: form('c.md', 200), client: aliceClient });
      expect(small.status).toBe(413);
      expect(small.body.error.details).toEqual({ usedBytes: 950, quotaBytes: QUOTA });
    });

    it('refuses new render jobs and retries once at or over the quota', async () => {
      expect((await api(s.url, '/api/videos', { method: 'POST', body: { spec: TINY_SPEC }, client: aliceClient })).status).toBe(202);
      await finishedJob(alice, 100);
      const refused = await api(s.url, '/api/videos', { method: 'POST', body: { spec: TINY_SPEC }, client: aliceClient });
      expect(refused.status).toBe(413);
      expect(refused.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { usedBytes: 1050, quotaBytes: QUOTA } });
      const failed = await s.store.jobs.create({ ownerId: alice.id, kind: 'render', input: { spec: TINY_SPEC } });
      await s.store.jobs.update(failed.id, { state: 'failed', errorCode: 'RENDER_FAILED', finishedAt: new Date() });
      expect((await api(s.url, `/api/jobs/${failed.id}/retry`, { method: 'POST', client: aliceClient })).status).toBe(413);
    });

    it('frees quota when an upload is deleted', async () => {
      const deleted = await api(s.url, `/api/documents/${firstUpload}`, { method: 'DELETE', client: aliceClient });
      expect(deleted.status).toBe(204);
      expect((await usage(aliceClient)).usage).toMatchObject({ usedBytes: 450, uploadsBytes: 0, outputsBytes: 450 });
      expect((await api(s.url, '/api/videos', { method: 'POST', body: { spec: TINY_SPEC }, client: aliceClient })).status).toBe(202);
    });
  });

  describe('upload deletion', () => {
    it('removes the row and the file for the owner, answers 404 to others, lets admins delete, and is audited', async () => {
      const up = await api(s.url, '/api/documents/upload', { method: 'POST', form: form('mine.md', 100), client: bobClient });
      expect(up.status).toBe(201);
      const path = (await s.store.uploads.get(up.body.id))!.path;
      expect(existsSync(path)).toBe(true);

      const other = await api(s.url, `/api/documents/${up.body.id}`, { method: 'DELETE', client: aliceClient });
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe('NOT_FOUND');
      expect(existsSync(path)).toBe(true);
      expect((await api(s.url, `/api/documents/${up.body.id}`, { method: 'DELETE', client: bobClient, csrf: false })).status).toBe(403);

      expect((await api(s.url, `/api/documents/${up.body.id}`, { method: 'DELETE', client: bobClient })).status).toBe(204);
      expect(existsSync(path)).toBe(false);
      expect(await s.store.uploads.get(up.body.id)).toBeUndefined();
      expect((await api(s.url, `/api/documents/${up.body.id}`, { method: 'DELETE', client: bobClient })).status).toBe(404);
      const [entry] = await s.store.audit.query({ action: 'upload.delete' });
      expect(entry).toMatchObject({ target: up.body.id, details: { filename: 'mine.md', bytes: 100 } });

      const another = await api(s.url, '/api/documents/upload', { method: 'POST', form: form('theirs.md', 100), client: bobClient });
      expect((await api(s.url, `/api/documents/${another.body.id}`, { method: 'DELETE', client: adminClient })).status).toBe(204);
      expect((await api(s.url, '/api/documents/not-a-uuid', { method: 'DELETE', client: bobClient })).status).toBe(400);
    });
  });

  describe('event stream cap', () => {
    /** Opens an event stream and waits for its first bytes, so the server has taken the slot. */
    async function open(client: Client, path = '/api/events') {
      const controller = new AbortController();
      const res = await fetch(`${s.url}${path}`, { headers: { cookie: client.cookie! }, signal: controller.signal });
      if (res.status === 200) {
        const reader = res.body!.getReader();
        await reader.read();
        return { status: 200, close: () => controller.abort(), body: undefined };
      }
      return { status: res.status, close: () => controller.abort(), body: (await res.json()) as { error: { code: string; details: Record<string, number> } } };
    }

    it(`allows ${STREAMS} streams per user; the next gets 429 STREAM_LIMIT before any stream starts; closing one frees a slot`, async () => {
      const job = await s.store.jobs.create({ ownerId: alice.id, kind: 'render', input: { spec: TINY_SPEC } });
      const first = await open(aliceClient);
      const second = await open(aliceClient, `/api/jobs/${job.id}/events`);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect((await usage(aliceClient)).streams).toEqual({ open: 2, max: STREAMS });

      const third = await open(aliceClient);
      expect(third.status).toBe(429);
      expect(third.body!.error).toMatchObject({ code: 'STREAM_LIMIT', details: { open: 2, max: STREAMS } });
      // Per user: Bob still gets his.
      const bobs = await open(bobClient);
      expect(bobs.status).toBe(200);

      first.close();
      await waitFor('the closed stream to free its slot', async () => (await usage(aliceClient)).streams.open === 1, 10_000, 50);
      const again = await open(aliceClient);
      expect(again.status).toBe(200);
      for (const stream of [second, again, bobs]) stream.close();
      await waitFor('every stream to close', async () => (await usage(aliceClient)).streams.open === 0 && (await usage(bobClient)).streams.open === 0, 10_000, 50);
    });
  });
});
