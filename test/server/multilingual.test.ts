import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../src/queue/index.ts';
import type { Job } from '../../src/store/types.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';
import { apertiumAvailable } from '../helpers/apertium.ts';

/**
 * POST /api/videos with `languages` over the real server, store, worker, child-process renderer, espeak-ng and
 * Apertium (English → Spanish, installed on this machine and in CI): per-language outputs and their downloads, option
 * validation (the review flow is in multilingual-review.test.ts).
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

describe.runIf(apertiumAvailable('multilingual jobs over the API'))('multilingual jobs over the API', () => {
  let s: TestServer;
  let editor: Client;
  let other: Client;
  beforeAll(async () => {
    s = await startServer({
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

  it('tells a client which languages have narration templates and which pairs this server can translate', async () => {
    const langs = await api(s.url, '/api/languages', { client: editor });
    const templates = (code: string) => langs.body.languages.find((l: { code: string }) => l.code === code)?.narrationTemplates;
    expect([templates('de'), templates('ar'), templates('sv')]).toEqual([true, true, false]);
    const providers = await api(s.url, '/api/translation-providers', { client: editor });
    expect(providers.status).toBe(200);
    const apertium = providers.body.providers.find((p: { id: string }) => p.id === 'apertium');
    expect(apertium).toMatchObject({ configured: true, pairs: expect.arrayContaining(['en-es', 'es-en']) });
    expect(providers.body.providers.find((p: { id: string }) => p.id === 'deepl')).toMatchObject({ configured: false, reason: expect.stringContaining('DEEPL_API_KEY') });
  });

  it('refuses bad language options with 400 naming the field, and documents them in OpenAPI', async () => {
    const post = (options: Record<string, unknown>) => api(s.url, '/api/videos', { method: 'POST', client: editor, body: { spec: SPEC, options } });
    const cases: [Record<string, unknown>, string][] = [
      [{ languages: ['en', 'xx'] }, 'body.options.languages[1]'],
      [{ languages: [] }, 'body.options.languages'],
      [{ languages: ['es', 'es'] }, 'body.options.languages'],
      [{ languages: Array.from({ length: 11 }, (_, i) => ['en', 'es', 'de', 'fr', 'it', 'pt', 'nl', 'ja', 'zh', 'ko', 'ar'][i]) }, 'body.options.languages'],
      [{ languages: ['es'], languageVoices: { de: 'female' } }, 'body.options.languageVoices.de'],
      [{ languages: ['es'], languageVoices: { es: 5 } }, 'body.options.languageVoices.es'],
      [{ review: true }, 'body.options.review'],
      [{ languages: ['es'], review: 'yes' }, 'body.options.review'],
      [{ languages: ['es'], glossary: { terms: [] } }, 'body.options.glossary.terms'],
    ];
    for (const [options, path] of cases) {
      const res = await post(options);
      expect({ options, status: res.status, code: res.body.error?.code }).toEqual({ options, status: 400, code: 'VALIDATION_FAILED' });
      const paths: string[] = res.body.error.details.problems?.map((p: { path: string }) => p.path) ?? [res.body.error.details.path];
      expect(paths).toContain(path);
    }
    // The glossary's own rules (h1's parseGlossary) answer 4xx with the path, never 500.
    const badGlossary = await post({ languages: ['es'], glossary: { keep: [''] } });
    expect([400, 422]).toContain(badGlossary.status);
    expect(JSON.stringify(badGlossary.body.error.details)).toContain('body.options.glossary');
    expect(await s.store.jobs.list({})).toEqual([]);

    const doc = (await api(s.url, '/docs/json')).body;
    const body = doc.paths['/api/videos'].post.requestBody.content['application/json'].schema;
    const opts = JSON.stringify(body);
    for (const field of ['languages', 'languageVoices', 'glossary', 'review']) expect(opts).toContain(`"${field}"`);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/jobs/{id}/translations', '/api/jobs/{id}/translations/{lang}', '/api/jobs/{id}/translations/approve', '/api/jobs/{id}/files/{lang}/{name}']));
  });

  it('renders en and es into <lang>/ folders with index.json, listed and streamed with ranges; paths stay confined', async () => {
    const res = await api(s.url, '/api/videos', { method: 'POST', client: editor, body: { spec: SPEC, options: { preset: 'draft', languages: ['en', 'es'] } } });
    expect(res.status).toBe(202);
    const id = res.body.jobs[0].id as string;
    expect(res.body.jobs[0].options).toMatchObject({ languages: ['en', 'es'] });
    const done = await until(s, id, (j) => j.state === 'succeeded');
    expect(done.progress).toBe(1);

    const detail = await api(s.url, `/api/jobs/${id}`, { client: editor });
    expect(detail.body.files).toEqual(expect.arrayContaining(['index.json', 'en/video.mp4', 'en/captions.en.srt', 'es/video.mp4', 'es/captions.es.srt', 'es/captions.es.vtt', 'es/thumbnail.png', 'es/manifest.json', 'es/metadata.json', 'es/spec.yaml']));
    const list = await api(s.url, `/api/jobs/${id}/files`, { client: editor });
    const video = list.body.files.find((f: { name: string }) => f.name === 'es/video.mp4');
    expect(video).toMatchObject({ url: `/api/jobs/${id}/files/es/video.mp4` });
    expect(video.bytes).toBeGreaterThan(1000);

    const index = await api(s.url, `/api/jobs/${id}/files/index.json`, { client: editor });
    expect(index.status).toBe(200);
    expect(index.body.languages.map((l: { language: string; translatedBy: string }) => [l.language, l.translatedBy])).toEqual([
      ['en', 'source'],
      ['es', expect.stringMatching(/apertium/i)],
    ]);
    const srt = await api(s.url, `/api/jobs/${id}/files/es/captions.es.srt`, { client: editor });
    expect(srt.status).toBe(200);
    expect(srt.body).toMatch(/perro/i);
    const ranged = await fetch(`${s.url}${video.url}`, { headers: { cookie: editor.cookie!, range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-99/${video.bytes}`);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
    const etag = ranged.headers.get('etag')!;
    expect((await fetch(`${s.url}${video.url}`, { headers: { cookie: editor.cookie!, 'if-none-match': etag } })).status).toBe(304);

    for (const path of [`/api/jobs/${id}/files/%2E%2E/video.mp4`, `/api/jobs/${id}/files/es/..%2Findex.json`, `/api/jobs/${id}/files/es/index.json`, `/api/jobs/${id}/files/es%2Fvideo.mp4`]) {
      // 400 from the parameter patterns, or 404 where the client already resolved `..` to another route: never a file.
      const bad = await api(s.url, path, { client: editor });
      expect({ path, refused: [400, 404].includes(bad.status) }).toEqual({ path, refused: true });
    }
    expect((await api(s.url, `/api/jobs/${id}/files/fr/video.mp4`, { client: editor })).status).toBe(404);
    expect((await api(s.url, `/api/jobs/${id}/files/es/video.mp4`, { client: other })).status).toBe(404);
  });
});
