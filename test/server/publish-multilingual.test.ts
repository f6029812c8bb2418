import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublishJob } from '../../src/publish/publish-job.ts';
import { createWorker } from '../../src/queue/index.ts';
import type { RunJob } from '../../src/queue/run-job.ts';
import type { Job } from '../../src/store/types.ts';
import { CHUNK_QUANTUM, startFakeYouTube, type FakeYouTube } from '../publish/fake-youtube.ts';
import { makeMultilingualOutput, type MultilingualFixture } from '../publish/multilingual-fixture.ts';
import { makeOutputDir } from '../publish/output-fixture.ts';
import { waitFor } from '../queue/helpers.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';

/**
 * POST /api/publications for a multilingual job (a worker running publish jobs, the fake YouTube): one video with
 * every language, perLanguage (one publication each), languages, the quota each captions.insert costs, and 4xx for
 * what cannot work. The render jobs are rows marked finished with a fixture output directory.
 */
const root = mkdtempSync(join(tmpdir(), 'videogen-publish-multilingual-api-'));
let yt: FakeYouTube;
let s: TestServer;
let editor: Client;
let editorId: string;
let out: MultilingualFixture;

const publishJob = createPublishJob({ publisherOptions: { chunkBytes: CHUNK_QUANTUM, retry: { baseMs: 5, maxAttempts: 4 } } });
const runJob: RunJob = (ctx) => {
  if (ctx.job.kind !== 'publish') throw new Error(`this test worker runs publish jobs only, not ${ctx.job.kind}`);
  return publishJob(ctx);
};

async function renderJob(o: { outputDir?: string; languages?: string[]; state?: Job['state'] }): Promise<Job> {
  const job = await s.store.jobs.create({ ownerId: editorId, kind: 'render', input: { spec: { id: 'v', title: 'Volcanoes', scenes: [] } }, ...(o.languages ? { options: { languages: o.languages } } : {}), title: 'Volcanoes' });
  const state = o.state ?? 'succeeded';
  return (await s.store.jobs.update(job.id, { state, ...(o.outputDir ? { outputDir: o.outputDir } : {}), ...(state === 'succeeded' ? { finishedAt: new Date() } : { leaseOwner: 'elsewhere', leaseExpiresAt: new Date(Date.now() + 3_600_000), startedAt: new Date() }) }))!;
}
const publish = (body: unknown) => api(s.url, '/api/publications', { method: 'POST', body, client: editor });
const finished = (id: string) =>
  waitFor(`publication ${id} to finish`, async () => {
    const p = (await api(s.url, `/api/publications/${id}`, { client: editor })).body;
    return ['succeeded', 'failed', 'cancelled'].includes(p.state) ? p : undefined;
  }, 90_000, 200);

beforeAll(async () => {
  yt = await startFakeYouTube({ channel: { id: 'UCmultiapi0000000000001', title: 'Multi' } });
  s = await startServer({
    config: { publish: { youtube: { ...yt.settings(), dailyQuota: 100_000 }, statsMinutes: 360 } },
    beforeListen: async ({ store, queue, config }) => {
      const worker = createWorker({ store, queue, config, runJob, pollMs: 100, retryBaseMs: 50, progressIntervalMs: 50 });
      await worker.start();
      return () => worker.stop({ force: true });
    },
  });
  editorId = (await createUser(s.store, 'ed@example.com', 'editor')).id;
  editor = await login(s.url, 'ed@example.com');
  const connected = await api(s.url, '/api/channels', { method: 'POST', body: { refreshToken: yt.issueRefreshToken(), name: 'main' }, client: editor });
  expect(connected.status, JSON.stringify(connected.body)).toBe(201);
  out = makeMultilingualOutput(join(root, 'out'));
}, 120_000);
afterAll(async () => {
  await s?.close();
  await yt?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('publishing a multilingual job through the API', () => {
  it('default: one video with localizations and a caption track per language; every captions.insert is in the quota', async () => {
    const job = await renderJob({ outputDir: out.root, languages: ['en', 'de', 'es'] });
    const res = await publish({ jobId: job.id, channel: 'main', privacy: 'unlisted' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.quotaUnits).toBe(1600 + 3 * 400 + 50);
    const done = await finished(res.body.publication.id);
    expect(done, JSON.stringify(done)).toMatchObject({ state: 'succeeded' });
    const video = yt.videos.get(done.videoId)!;
    expect(video.sha256).toBe(out.sha256.en);
    expect(video.snippet).toMatchObject({ title: 'How volcanoes work', defaultLanguage: 'en' });
    expect(video.localizations).toMatchObject({ de: { title: 'Wie Vulkane funktionieren' }, es: { title: 'Cómo funcionan los volcanes' } });
    expect(yt.captions.filter((c) => c.videoId === video.id).map((c) => `${c.language}:${c.name}`)).toEqual(['en:English', 'de:German', 'es:Spanish']);
    const quota = (await api(s.url, '/api/quota', { client: editor })).body.quota[0];
    expect(quota.calls['captions.insert']).toBe(3 * 400);
    // What connecting the channel spent (channels.list), and the upload exactly as estimated.
    expect(quota.used - quota.calls['channels.list']).toBe(res.body.quotaUnits);
  }, 120_000);

  it('perLanguage with languages: one publication per chosen language, each its own video, title and captions', async () => {
    const job = await renderJob({ outputDir: out.root });
    const res = await publish({ jobId: job.id, channel: 'main', perLanguage: true, languages: ['es', 'de'], playlistId: 'PLvolcanoes' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const created = res.body.publications as { language: string; publication: { id: string; metadata: { languages: string[] } }; job: { kind: string }; quotaUnits: number }[];
    expect(created.map((p) => [p.language, p.publication.metadata.languages, p.job.kind, p.quotaUnits])).toEqual([['de', ['de'], 'publish', 2100], ['es', ['es'], 'publish', 2100]]);
    const videos = [];
    for (const p of created) {
      const done = await finished(p.publication.id);
      expect(done, JSON.stringify(done)).toMatchObject({ state: 'succeeded' });
      const v = yt.videos.get(done.videoId)!;
      videos.push([v.snippet.title, v.snippet.defaultLanguage, v.sha256 === out.sha256[p.language], yt.captions.filter((c) => c.videoId === v.id).map((c) => `${c.language}:${c.name}`)]);
    }
    expect(videos).toEqual([
      ['Wie Vulkane funktionieren', 'de', true, ['de:German']],
      ['Cómo funcionan los volcanes', 'es', true, ['es:Spanish']],
    ]);
    // The playlist gets all of them.
    expect(yt.playlistItems.filter((i) => i.playlistId === 'PLvolcanoes')).toHaveLength(2);
  }, 120_000);

  it('perLanguage for a job still rendering takes the languages from its options', async () => {
    const job = await renderJob({ languages: ['en', 'de'], state: 'running' });
    const res = await publish({ jobId: job.id, channel: 'main', perLanguage: true });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.publications.map((p: { language: string }) => p.language)).toEqual(['en', 'de']);
    for (const p of res.body.publications) expect((await api(s.url, `/api/publications/${p.publication.id}/cancel`, { method: 'POST', client: editor })).status).toBe(202);
  });

  it('refuses what cannot work with 4xx naming the field or the language, never 500', async () => {
    const single = await renderJob({ outputDir: makeOutputDir(join(root, 'single'), { size: '160x90', seconds: 1 }).dir });
    const multi = await renderJob({ outputDir: out.root });
    const broken = join(root, 'broken');
    cpSync(out.root, broken, { recursive: true });
    rmSync(join(broken, 'es'), { recursive: true });
    const damaged = await renderJob({ outputDir: broken });
    const cases: [unknown, number, string][] = [
      [{ jobId: single.id, channel: 'main', perLanguage: true }, 400, 'body.perLanguage: job'],
      [{ jobId: single.id, channel: 'main', languages: ['de'] }, 400, 'renders one language'],
      [{ jobId: multi.id, channel: 'main', languages: ['fr'] }, 400, 'has no fr; its languages are en, de, es'],
      [{ jobId: multi.id, channel: 'main', languages: ['de', 'DE'] }, 400, 'names a language twice'],
      [{ jobId: multi.id, channel: 'main', languages: ['not a tag'] }, 400, 'language tag'],
      [{ jobId: multi.id, channel: 'main', perLanguage: true, metadata: { title: 'One for all' } }, 400, 'body.metadata.title'],
      [{ jobId: damaged.id, channel: 'main' }, 409, 'es (Spanish)'],
    ];
    for (const [body, status, text] of cases) {
      const res = await publish(body);
      expect([res.status, JSON.stringify(res.body)], JSON.stringify(body)).toEqual([status, expect.stringContaining(text)]);
    }
    // Leaving the damaged language out publishes the rest.
    expect((await publish({ jobId: damaged.id, channel: 'main', languages: ['en', 'de'] })).status).toBe(202);
  });
});
