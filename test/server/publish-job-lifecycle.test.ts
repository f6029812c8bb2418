import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/publish/secret-box.ts';
import { createPublication } from '../../src/publish/publications.ts';
import { createWorker } from '../../src/queue/runner.ts';
import type { Channel } from '../../src/store/types.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';

/**
 * A publication follows its publish job through the generic job routes and the worker's own bookkeeping: cancelled
 * through /api/jobs while queued, reopened by a retry, never stranded by a job delete, and failed when its worker died
 * on every attempt (the job's code never ran to say so).
 */
let s: TestServer;
let editor: Client;
let ownerId: string;
let channel: Channel;
const box = new SecretBox(randomBytes(32));

async function queuedPublication() {
  return createPublication(s.store, { ownerId, channelId: channel.id, sourceDir: '/nonexistent/out', privacy: 'unlisted' });
}

beforeAll(async () => {
  s = await startServer();
  ownerId = (await createUser(s.store, 'life@example.com', 'editor')).id;
  editor = await login(s.url, 'life@example.com');
  channel = await s.store.channels.create({ ownerId, kind: 'youtube', name: 'main', externalId: 'UC9', title: 'Main', project: 'p', credentials: box.sealJson({ refreshToken: 'x' }, 'test') });
}, 60_000);
afterAll(() => s?.close());

describe('a publication and its publish job', () => {
  it('cancelling the queued job through /api/jobs cancels the publication; a retry reopens it; deleting an open one is refused', async () => {
    const { publication, job } = await queuedPublication();
    const del = await api(s.url, `/api/jobs/${job.id}`, { method: 'DELETE', client: editor });
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('/api/publications/:id/cancel');
    expect(await s.store.jobs.get(job.id)).toBeDefined();

    const cancel = await api(s.url, `/api/jobs/${job.id}/cancel`, { method: 'POST', client: editor });
    expect(cancel.status).toBe(202);
    expect(cancel.body.state).toBe('cancelled');
    expect((await s.store.publications.get(publication.id))?.state).toBe('cancelled');

    const retry = await api(s.url, `/api/jobs/${job.id}/retry`, { method: 'POST', client: editor });
    expect(retry.status).toBe(202);
    expect(await s.store.publications.get(publication.id)).toMatchObject({ state: 'pending', errorCode: null, finishedAt: null });

    await api(s.url, `/api/jobs/${job.id}/cancel`, { method: 'POST', client: editor });
    expect((await api(s.url, `/api/jobs/${job.id}`, { method: 'DELETE', client: editor })).status).toBe(204);
    expect((await s.store.publications.get(publication.id))?.jobId).toBeNull();
  });

  it('a publish job whose worker died on every attempt fails, and so does its publication', async () => {
    const { publication, job } = await queuedPublication();
    await s.store.publications.update(publication.id, { state: 'uploading' });
    // As after maxAttempts lapsed leases: the next claim makes attempts exceed the maximum.
    await s.store.jobs.update(job.id, { attempts: job.maxAttempts });
    let ran = false;
    const worker = createWorker({ store: s.store, queue: s.queue, config: s.config, pollMs: 50, runJob: async () => void (ran = true) });
    await worker.start();
    try {
      for (let i = 0; i < 200 && (await s.store.jobs.get(job.id))?.state !== 'failed'; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.stop();
    }
    expect(ran).toBe(false);
    expect((await s.store.jobs.get(job.id))?.errorCode).toBe('JOB_FAILED');
    expect(await s.store.publications.get(publication.id)).toMatchObject({ state: 'failed', errorCode: 'JOB_FAILED' });
  });
});
