import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../src/queue/index.ts';
import type { Job } from '../../src/store/types.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';
import { unzipAll } from './zip-reader.ts';
import { PG_URL, postgresAvailable, warnSkipped } from '../store/helpers.ts';
import { apertiumAvailable } from '../helpers/apertium.ts';

/**
 * `review: true` over the real server, store, worker, child-process renderer, espeak-ng and Apertium (English →
 * Spanish): the job translates and waits, its owner reads, edits and approves, and the edited text is rendered.
 */
const SPEC = {
  id: 'tiny-ml',
  title: 'The queue',
  resolution: '720p',
  scenes: [
    { kind: 'title', title: 'The queue', narration: 'The dog is big.', transition: 'none' },
    { kind: 'outro', title: 'Thank you', narration: 'The house is red.', transition: 'none' },
  ],
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the store until the job matches (no timed assertion: the test's own timeout bounds it). */
async function until(s: TestServer, id: string, ok: (job: Job) => boolean): Promise<Job> {
  for (;;) {
    const job = await s.store.jobs.get(id);
    if (job && ok(job)) return job;
    if (job && ['failed', 'cancelled'].includes(job.state) && !ok(job)) throw new Error(`job ${job.state}: ${job.errorCode} ${job.errorMessage}`);
    await sleep(150);
  }
}

/** On the embedded store, and on PostgreSQL when one answers (the review rows and the wake-up are database work). */
const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('the translation review over the API on PostgreSQL');
const backends = [{ name: 'PGlite' }, ...(hasPostgres ? [{ name: 'PostgreSQL', databaseUrl: PG_URL }] : [])];

describe.runIf(apertiumAvailable('reviewing translations over the API')).each(backends)('reviewing the translations of a multilingual job on $name', (backend) => {
  let s: TestServer;
  let editor: Client;
  let other: Client;
  beforeAll(async () => {
    s = await startServer({
      ...('databaseUrl' in backend ? { databaseUrl: backend.databaseUrl } : {}),
      beforeListen: async ({ store, queue, config }) => {
        const worker = createWorker({ store, queue, config, id: 'ml-worker', pollMs: 200, retryBaseMs: 100, heartbeatMs: 500, leaseMs: 10_000, progressIntervalMs: 100 });
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
  });

  it('review: the job translates and waits; the owner edits and approves; the edited text is what is rendered', async () => {
    // Spanish only (one render): the source language has nothing to review, and en+es is rendered in multilingual.test.ts.
    const res = await api(s.url, '/api/videos', { method: 'POST', client: editor, body: { spec: SPEC, options: { preset: 'draft', languages: ['es'], review: true } } });
    expect(res.status).toBe(202);
    const id = res.body.jobs[0].id as string;
    const waiting = await until(s, id, (j) => j.state === 'queued' && j.attempts === 0 && j.runAfter.getTime() > Date.now() + 86_400_000);
    expect(waiting.state).toBe('queued');
    const events = await s.store.events.list({ jobId: id, afterId: 0, limit: 100 });
    expect(events.some((e) => e.type === 'state' && e.data.waiting === true && e.data.waitingFor === 'review')).toBe(true);

    const review = await api(s.url, `/api/jobs/${id}/translations`, { client: editor });
    expect(review.status).toBe(200);
    expect(review.body.waiting).toBe(true);
    expect(review.body.translations.map((t: { language: string; state: string }) => [t.language, t.state])).toEqual([['es', 'pending']]);
    const es = review.body.translations[0].spec;
    expect(es.language).toBe('es');
    expect(JSON.stringify(es)).toMatch(/perro/i);

    // Someone else's job does not exist for them.
    expect((await api(s.url, `/api/jobs/${id}/translations`, { client: other })).status).toBe(404);
    expect((await api(s.url, `/api/jobs/${id}/translations/es`, { method: 'PUT', client: other, body: { spec: es } })).status).toBe(404);
    expect((await api(s.url, `/api/jobs/${id}/translations/approve`, { method: 'POST', client: other })).status).toBe(404);
    // CSRF applies as on every write.
    expect((await api(s.url, `/api/jobs/${id}/translations/approve`, { method: 'POST', client: editor, csrf: false })).status).toBe(403);

    const wrongLanguage = await api(s.url, `/api/jobs/${id}/translations/es`, { method: 'PUT', client: editor, body: { spec: { ...es, language: 'de' } } });
    expect(wrongLanguage.status).toBe(422);
    expect(JSON.stringify(wrongLanguage.body.error.details)).toContain('body.spec.language');
    const invalid = await api(s.url, `/api/jobs/${id}/translations/es`, { method: 'PUT', client: editor, body: { spec: { ...es, scenes: [] } } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('SPEC_INVALID');
    // An edit follows the media rules of POST /api/videos: no server paths.
    const localFile = await api(s.url, `/api/jobs/${id}/translations/es`, { method: 'PUT', client: editor, body: { spec: { ...es, scenes: [...es.scenes, { kind: 'image', src: '/etc/hostname' }] } } });
    expect(localFile.status).toBe(403);
    expect(localFile.body.error).toMatchObject({ code: 'SOURCE_FORBIDDEN', details: { field: expect.stringMatching(/^body\.spec\.scenes\[2\]\.src/) } });
    expect((await api(s.url, `/api/jobs/${id}/translations/fr`, { method: 'PUT', client: editor, body: { spec: { ...es, language: 'fr' } } })).status).toBe(404);

    const edited = { ...es, scenes: es.scenes.map((scene: Record<string, unknown>, i: number) => (i === 0 ? { ...scene, narration: 'Bienvenidos al repaso editado.' } : scene)) };
    const put = await api(s.url, `/api/jobs/${id}/translations/es`, { method: 'PUT', client: editor, body: { spec: edited } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ language: 'es', state: 'pending', translatedBy: expect.stringMatching(/\(edited\)$/) });

    const approve = await api(s.url, `/api/jobs/${id}/translations/approve`, { method: 'POST', client: editor });
    expect(approve.status).toBe(202);
    expect(approve.body.translations.map((t: { state: string }) => t.state)).toEqual(['approved']);
    expect((await api(s.url, `/api/jobs/${id}/translations/approve`, { method: 'POST', client: editor })).status).toBe(409);
    expect((await api(s.url, `/api/jobs/${id}/translations/es`, { method: 'PUT', client: editor, body: { spec: edited } })).status).toBe(409);

    await until(s, id, (j) => j.state === 'succeeded');
    const srt = await api(s.url, `/api/jobs/${id}/files/es/captions.es.srt`, { client: editor });
    expect(srt.body).toContain('Bienvenidos al repaso editado.');
    const index = await api(s.url, `/api/jobs/${id}/files/index.json`, { client: editor });
    expect(index.body.languages.map((l: { language: string; translatedBy: string }) => [l.language, l.translatedBy])).toEqual([['es', 'reviewed']]);

    const actions = (await s.store.audit.query({ userId: (await s.store.users.byEmail('ed@example.com'))!.id, limit: 50 })).filter((a) => a.target === id).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['job.create', 'job.translation.edit', 'job.translations.approve']));

    // The account export carries the reviewed translations.
    const exported = await fetch(`${s.url}/api/account/export`, { headers: { cookie: editor.cookie! } });
    expect(exported.status).toBe(200);
    const files = await unzipAll(Buffer.from(await exported.arrayBuffer()));
    const rows = JSON.parse(files.get(`jobs/${id}/translations.json`)!.toString('utf8'));
    expect(rows).toEqual([expect.objectContaining({ language: 'es', state: 'approved', spec: expect.objectContaining({ language: 'es' }) })]);
  });

  it('a job waiting for review can be cancelled', async () => {
    const res = await api(s.url, '/api/videos', { method: 'POST', client: editor, body: { spec: SPEC, options: { preset: 'draft', languages: ['es'], review: true } } });
    const id = res.body.jobs[0].id as string;
    await until(s, id, (j) => j.state === 'queued' && j.runAfter.getTime() > Date.now() + 86_400_000);
    const cancel = await api(s.url, `/api/jobs/${id}/cancel`, { method: 'POST', client: editor });
    expect(cancel.status).toBe(202);
    expect(cancel.body.state).toBe('cancelled');
    expect((await api(s.url, `/api/jobs/${id}/translations/approve`, { method: 'POST', client: editor })).status).toBe(409);
  });
});
