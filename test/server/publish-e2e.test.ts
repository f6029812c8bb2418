import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublishJob } from '../../src/publish/publish-job.ts';
import { createWorker } from '../../src/queue/index.ts';
import type { RunJob } from '../../src/queue/run-job.ts';
import type { Job } from '../../src/store/types.ts';
import { CHUNK_QUANTUM, startFakeYouTube, type FakeYouTube } from '../publish/fake-youtube.ts';
import { makeOutputDir } from '../publish/output-fixture.ts';
import { waitFor, waitForState } from '../queue/helpers.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';
import { readEvents, type SseEvent } from './sse-client.ts';

/**
 * Publishing through the HTTP API with a worker and the fake YouTube: a channel connected with a refresh token, a
 * publication created while its render still runs (it waits), the render finishing with a real output directory,
 * the upload's progress with bytesSent over SSE, the video's bytes equal to the file, and a running upload cancelled
 * through the API.
 */
const root = mkdtempSync(join(tmpdir(), 'videogen-publish-api-'));
let yt: FakeYouTube;
let s: TestServer;
let editor: Client;
let editorId: string;

// Only publish jobs run here; the render jobs are "running elsewhere" (a lease another worker holds).
const publishJob = createPublishJob({ publisherOptions: { chunkBytes: CHUNK_QUANTUM, retry: { baseMs: 5, maxAttempts: 6 } } });
const runJob: RunJob = (ctx) => {
  if (ctx.job.kind !== 'publish') throw new Error(`this test worker runs publish jobs only, not ${ctx.job.kind}`);
  return publishJob(ctx);
};

async function runningRender(title: string): Promise<Job> {
  const job = await s.store.jobs.create({ ownerId: editorId, kind: 'render', input: { spec: { id: 'x', title, scenes: [] } }, title });
  return (await s.store.jobs.update(job.id, { state: 'running', leaseOwner: 'another-worker', leaseExpiresAt: new Date(Date.now() + 3_600_000), startedAt: new Date() }))!;
}
/** Reads the caller's all-jobs stream (/api/events) until `jobId` reports upload progress with bytesSent. */
async function uploadProgressOnAllJobsStream(jobId: string, cookie: string): Promise<Record<string, unknown>> {
  const isUpload = (e: SseEvent) => e.event === 'progress' && e.data.jobId === jobId && typeof e.data.bytesSent === 'number' && e.data.bytesSent > 0;
  const { status, events } = await readEvents(`${s.url}/api/events`, { cookie }, { until: isUpload });
  expect(status).toBe(200);
  const found = events.find(isUpload);
  if (!found) throw new Error('the stream ended without upload progress');
  return found.data;
}
const publication = async (id: string) => (await api(s.url, `/api/publications/${id}`, { client: editor })).body;

beforeAll(async () => {
  yt = await startFakeYouTube({ channel: { id: 'UCe2e00000000000000000001', title: 'E2E Channel' } });
  s = await startServer({
    config: { publish: { youtube: yt.settings(), statsMinutes: 360 } },
    beforeListen: async ({ store, queue, config }) => {
      const worker = createWorker({ store, queue, config, runJob, pollMs: 200, retryBaseMs: 50, progressIntervalMs: 20, heartbeatMs: 500, leaseMs: 5000 });
      await worker.start();
      return () => worker.stop({ force: true });
    },
  });
  editorId = (await createUser(s.store, 'ed@example.com', 'editor')).id;
  editor = await login(s.url, 'ed@example.com');
  const connected = await api(s.url, '/api/channels', { method: 'POST', body: { refreshToken: yt.issueRefreshToken(), name: 'main' }, client: editor });
  expect(connected.status, JSON.stringify(connected.body)).toBe(201);
}, 120_000);
afterAll(async () => {
  await s?.close();
  await yt?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('publishing through the API', () => {
  it('waits for a running render, then uploads its outputs; progress with bytesSent arrives over SSE', async () => {
    const render = await runningRender('Volcanoes');
    const publishAt = new Date(Date.now() + 7 * 24 * 3_600_000);
    const created = await api(s.url, '/api/publications', { method: 'POST', body: { jobId: render.id, channel: 'main', publishAt: publishAt.toISOString(), metadata: { title: 'Volcanoes through the API' } }, client: editor });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const id = created.body.publication.id as string;
    const jobId = created.body.job.id as string;
    const progress: SseEvent[] = [];
    const stream = readEvents(`${s.url}/api/jobs/${jobId}/events`, { cookie: editor.cookie! }, { onEvent: (e) => void (e.event === 'progress' && progress.push(e)), timeoutMs: 120_000 });
    const onAllJobs = uploadProgressOnAllJobsStream(jobId, editor.cookie!);

    const waiting = await waitFor('the publication to wait for its render', async () => {
      const p = await publication(id);
      return p.state === 'waiting' ? p : undefined;
    });
    expect(waiting.steps.waitingFor).toBe('render');
    expect(yt.sessions.size).toBe(0);

    // ~1 MB: several 256 KiB chunks.
    const output = makeOutputDir(join(root, 'render'), { size: '480x270', seconds: 4 });
    await s.store.jobs.update(render.id, { state: 'succeeded', outputDir: output.dir, finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null });

    const done = await waitFor('the publication to finish', async () => {
      const p = await publication(id);
      return ['succeeded', 'failed', 'cancelled'].includes(p.state) ? p : undefined;
    }, 90_000, 250);
    expect(done, JSON.stringify(done)).toMatchObject({ state: 'succeeded', fileBytes: output.bytes, uploadedBytes: output.bytes, publishAt: publishAt.toISOString(), errorCode: null });
    expect(done.videoUrl).toContain(done.videoId);
    const video = yt.videos.get(done.videoId)!;
    expect(createHash('sha256').update(video.bytes).digest('hex')).toBe(output.sha256);
    expect(video.snippet.title).toBe('Volcanoes through the API');
    expect(video.status).toMatchObject({ privacyStatus: 'private', publishAt: publishAt.toISOString() });

    const events = await stream;
    expect(await onAllJobs).toMatchObject({ jobId, stage: 'upload', bytesTotal: output.bytes });
    expect(events.status).toBe(200);
    const sent = progress.filter((e) => typeof e.data.bytesSent === 'number').map((e) => e.data.bytesSent as number);
    expect(progress.every((e) => e.data.bytesTotal === undefined || e.data.bytesTotal === output.bytes)).toBe(true);
    expect(sent.length, JSON.stringify(progress.slice(0, 3))).toBeGreaterThan(1);
    expect(Math.max(...sent)).toBe(output.bytes);
    expect([...sent].sort((a, b) => a - b)).toEqual(sent);
    expect(events.events.filter((e) => e.event === 'state').map((e) => e.data.state)).toEqual(expect.arrayContaining(['running', 'succeeded']));

    const channel = (await api(s.url, '/api/channels', { client: editor })).body.channels[0];
    const detail = await api(s.url, `/api/channels/${channel.id}`, { client: editor });
    expect(detail.body.publications.map((p: { id: string; videoId: string }) => [p.id, p.videoId])).toContainEqual([id, done.videoId]);
    const calendar = await api(s.url, `/api/calendar?to=${encodeURIComponent(new Date(Date.now() + 10 * 24 * 3_600_000).toISOString())}`, { client: editor });
    expect(calendar.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'publish', publicationId: id, state: 'succeeded', videoUrl: done.videoUrl })]));
  }, 180_000);

  it('cancels an upload in progress through the API: the job stops and the publication is cancelled', async () => {
    const render = await runningRender('Long');
    const output = makeOutputDir(join(root, 'long'), { size: '640x360', seconds: 4 });
    await s.store.jobs.update(render.id, { state: 'succeeded', outputDir: output.dir, finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null });
    yt.chunkDelayMs = 400;
    try {
      const created = await api(s.url, '/api/publications', { method: 'POST', body: { jobId: render.id, channel: 'main', privacy: 'unlisted' }, client: editor });
      expect(created.status).toBe(202);
      const id = created.body.publication.id as string;
      await waitFor('the upload to start', async () => {
        const p = await publication(id);
        return p.state === 'uploading' && p.uploadedBytes > 0 ? p : undefined;
      }, 60_000, 50);
      const cancel = await api(s.url, `/api/publications/${id}/cancel`, { method: 'POST', client: editor });
      expect(cancel.status, JSON.stringify(cancel.body)).toBe(202);
      const done = await waitFor('the publication to be cancelled', async () => {
        const p = await publication(id);
        return ['succeeded', 'failed', 'cancelled'].includes(p.state) ? p : undefined;
      }, 60_000, 100);
      expect(done.state).toBe('cancelled');
      expect((await waitForState(s.store, created.body.job.id, ['succeeded', 'failed', 'cancelled'], 60_000)).state).toBe('cancelled');
      expect(done.videoId).toBeNull();
    } finally {
      yt.chunkDelayMs = 0;
    }
  }, 120_000);
});
