import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../src/queue/index.ts';
import type { RunJob } from '../../src/queue/run-job.ts';
import { renderJob } from '../../src/queue/run-job.ts';
import { connectChannel } from '../../src/publish/channels.ts';
import { itemFromOutput } from '../../src/publish/item-from-output.ts';
import { createPublication } from '../../src/publish/publications.ts';
import { createPublishJob, retryPublication } from '../../src/publish/publish-job.ts';
import { nextPacificMidnight, pacificDay, quotaLedger } from '../../src/publish/quota.ts';
import type { Channel, User } from '../../src/store/index.ts';
import { tinySpec, waitFor, waitForState } from '../queue/helpers.ts';
import { createUser, login, startServer, type Client, type TestServer } from '../server/helpers.ts';
import { CHUNK_QUANTUM, startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';
import { makeOutputDir, type OutputFixture } from './output-fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'videogen-publish-job-'));
let output: OutputFixture;

// ~1 MB: four chunks of 256 KiB in the end-to-end test.
beforeAll(() => {
  output = makeOutputDir(join(root, 'out'), { size: '480x270', seconds: 4 });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the PublishItem from an output directory', () => {

  it('hashes the file, takes metadata.json under the user edits, one caption per language (SRT first), the thumbnail', async () => {
    const item = await itemFromOutput(output.dir, { metadata: { title: 'My own title', tags: undefined as never }, privacy: 'private', publishAt: new Date('2030-01-01T09:00:00Z'), playlistId: 'PL1' });
    expect(item).toMatchObject({ videoPath: output.videoPath, bytes: output.bytes, sha256: output.sha256, privacy: 'private', playlistId: 'PL1', thumbnailPath: join(output.dir, 'thumbnail.png') });
    expect(item.publishAt?.toISOString()).toBe('2030-01-01T09:00:00.000Z');
    expect(item.metadata).toMatchObject({ title: 'My own title', tags: ['volcanoes', 'science'], categoryId: '27', language: 'en', madeForKids: false, containsSyntheticMedia: true });
    expect(item.metadata.description).toContain('Chapters:\n0:00 Intro');
    expect(item.metadata.description).toContain('Credits:\nFootage: Pexels');
    expect(item.captions).toEqual([
      { language: 'de', path: join(output.dir, 'captions.de.vtt') },
      { language: 'en', path: join(output.dir, 'captions.en.srt') },
    ]);
  });

  it('a directory without video.mp4 is named with the fix', async () => {
    await expect(itemFromOutput(join(root), { metadata: {}, privacy: 'public', publishAt: null, playlistId: null })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('has no video.mp4') });
  });
});

describe('the publish job, end to end against a local YouTube', () => {
  let yt: FakeYouTube;
  let server: TestServer;
  let user: User;
  let client: Client;
  let channel: Channel;

  const publishJob = createPublishJob({ publisherOptions: { chunkBytes: CHUNK_QUANTUM, retry: { baseMs: 5, maxAttempts: 6 } } });
  const runJob: RunJob = (ctx) => (ctx.job.kind === 'publish' ? publishJob(ctx) : renderJob(ctx));

  beforeAll(async () => {
    yt = await startFakeYouTube();
    server = await startServer({
      // Room for every upload of this file on the main channel's project in one Pacific day.
      config: { publish: { youtube: { ...yt.settings(), dailyQuota: 100_000 }, statsMinutes: 60 } },
      beforeListen: async ({ store, queue, config }) => {
        const worker = createWorker({ store, queue, config, runJob, pollMs: 200, retryBaseMs: 50, progressIntervalMs: 20 });
        await worker.start();
        return () => worker.stop({ force: true });
      },
    });
    user = await createUser(server.store, 'publisher@example.com');
    client = await login(server.url, user.email);
    channel = await connectChannel({ store: server.store, config: server.config }, { ownerId: user.id, refreshToken: yt.issueRefreshToken(), name: 'main' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await yt?.close();
  });

  /** A channel with a quota project of its own, so one test's spending does not touch another's. */
  async function channelOnProject(name: string, project: string): Promise<Channel> {
    const c = await connectChannel({ store: server.store, config: server.config }, { ownerId: user.id, refreshToken: yt.issueRefreshToken(), name });
    return (await server.store.channels.update(c.id, { project }))!;
  }

  async function publish(req: Partial<Parameters<typeof createPublication>[1]> & { channelId: string }) {
    const made = await createPublication(server.store, { ownerId: user.id, privacy: 'public', sourceDir: output.dir, ...req });
    await server.queue.enqueue(made.job.id);
    return made;
  }

  /** The job's events over SSE from the first, until its terminal state. */
  async function sseEvents(jobId: string): Promise<{ event: string; data: Record<string, unknown> }[]> {
    const res = await fetch(`${server.url}/api/jobs/${jobId}/events`, { headers: { cookie: client.cookie!, accept: 'text/event-stream' } });
    expect(res.status).toBe(200);
    const text = await res.text();
    return text
      .split('\n\n')
      .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1] ?? '', data: /^data: (.*)$/m.exec(block)?.[1] }))
      .filter((e): e is { event: string; data: string } => Boolean(e.data))
      .map((e) => ({ event: e.event, data: JSON.parse(e.data) as Record<string, unknown> }));
  }

  it('uploads the bytes (hash equal), sends publishAt and the metadata, adds captions, thumbnail and playlist; bytes sent over SSE', async () => {
    const publishAt = new Date(Date.now() + 7 * 86_400_000);
    const { publication, job } = await publish({ channelId: channel.id, privacy: 'private', publishAt, playlistId: 'PLvolcano', metadata: { title: 'Volcanoes, scheduled' } });
    const events = await sseEvents(job.id);
    const done = await waitForState(server.store, job.id, ['succeeded', 'failed']);
    expect(done.errorMessage).toBeNull();
    expect(done.state).toBe('succeeded');

    const stored = (await server.store.publications.get(publication.id))!;
    expect(stored).toMatchObject({ state: 'succeeded', fileBytes: output.bytes, fileSha256: output.sha256, uploadOffset: output.bytes, errorCode: null });
    expect(stored.finishedAt).toBeInstanceOf(Date);
    const video = yt.videos.get(stored.videoId!)!;
    expect(video.sha256).toBe(output.sha256);
    expect(video.bytes.length).toBe(output.bytes);
    expect(stored.videoUrl).toContain(stored.videoId!);
    expect(video.snippet).toMatchObject({ title: 'Volcanoes, scheduled', tags: ['volcanoes', 'science'], categoryId: '27' });
    expect(String(video.snippet.description)).toContain('0:10 Magma');
    expect(video.status).toMatchObject({ privacyStatus: 'private', selfDeclaredMadeForKids: false });
    expect(new Date(String(video.status.publishAt)).getTime()).toBe(publishAt.getTime());

    expect(yt.captions.filter((c) => c.videoId === video.id).map((c) => c.language).sort()).toEqual(['de', 'en']);
    expect(yt.captions.find((c) => c.videoId === video.id && c.language === 'en')!.body).toContain('00:00:00,000 --> 00:00:01,500');
    expect(yt.thumbnails.get(video.id)?.bytes.equals(readFileSync(join(output.dir, 'thumbnail.png')))).toBe(true);
    expect(yt.playlistItems).toContainEqual(expect.objectContaining({ playlistId: 'PLvolcano', videoId: video.id }));
    expect(stored.steps).toMatchObject({ captions: expect.arrayContaining(['en', 'de']), thumbnail: true, playlist: true });

    // Over SSE like a render: running, progress with bytes sent (several chunks, never backwards), succeeded.
    const progress = events.filter((e) => e.event === 'progress' && e.data.stage === 'upload');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.data.bytesTotal === output.bytes)).toBe(true);
    const sent = progress.map((e) => Number(e.data.bytesSent));
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(Math.max(...sent)).toBeGreaterThan(0);
    expect(events.filter((e) => e.event === 'state').map((e) => e.data.state)).toEqual(expect.arrayContaining(['running', 'succeeded']));

    // The job's outputs say what went where.
    const result = JSON.parse(readFileSync(join(done.outputDir!, 'publication.json'), 'utf8')) as Record<string, unknown>;
    expect(result).toMatchObject({ id: publication.id, videoId: video.id, url: stored.videoUrl, sha256: output.sha256 });

    // Counted in the ledger: the upload, two caption tracks, the thumbnail, the playlist item (+ the channel check).
    const status = await quotaLedger(server.store, server.config, channel.project).status();
    expect(status.calls).toMatchObject({ 'videos.insert': 1600, 'captions.insert': 800, 'thumbnails.set': 50, 'playlistItems.insert': 50 });
  }, 120_000);

  it('waits for its render without spending attempts, then publishes its outputs', async () => {
    const render = await server.store.jobs.create({ ownerId: user.id, kind: 'render', input: { spec: {} } });
    // Not yet due: the worker leaves it alone, as if another worker were still rendering it.
    await server.store.jobs.update(render.id, { runAfter: new Date(Date.now() + 3_600_000) });
    const { publication, job } = await publish({ channelId: channel.id, sourceDir: undefined, sourceJobId: render.id });
    const waiting = await waitFor('the publication to wait for its render', async () => {
      const p = await server.store.publications.get(publication.id);
      return p?.state === 'waiting' ? p : undefined;
    });
    expect(waiting.steps.waitingFor).toBe('render');
    const queued = await waitForState(server.store, job.id, ['queued']);
    expect(queued.attempts).toBe(0);
    expect(queued.runAfter.getTime()).toBeGreaterThanOrEqual(Date.now() + 3_000_000);

    // The render finishes with our outputs; the publish job is looked at again.
    const outDir = join(root, 'render-out');
    makeOutputDir(outDir, { size: '320x180', seconds: 2, title: 'From the render' });
    await server.store.jobs.update(render.id, { state: 'succeeded', outputDir: outDir, finishedAt: new Date() });
    await server.store.jobs.update(job.id, { runAfter: new Date() });
    await server.queue.enqueue(job.id);
    const done = await waitForState(server.store, job.id, ['succeeded', 'failed']);
    expect(done.state).toBe('succeeded');
    expect(done.attempts).toBe(1);
    const stored = (await server.store.publications.get(publication.id))!;
    expect(yt.videos.get(stored.videoId!)?.snippet.title).toBe('From the render');
    expect(stored.steps.waitingFor).toBeUndefined();
  }, 120_000);

  it("a real render's outputs: rendered by the worker, then published with the pipeline's metadata, captions and thumbnail", async () => {
    const render = await server.store.jobs.create({ ownerId: user.id, kind: 'render', input: { spec: tinySpec('Published from a render') }, options: { preset: 'draft' } });
    const { publication, job } = await publish({ channelId: channel.id, sourceDir: undefined, sourceJobId: render.id });
    await server.queue.enqueue(render.id);
    const rendered = await waitForState(server.store, render.id, ['succeeded', 'failed'], 240_000);
    expect(rendered.errorMessage).toBeNull();
    // The publish job may be waiting up to 15 s for its next look; it is not hurried here.
    const done = await waitForState(server.store, job.id, ['succeeded', 'failed'], 120_000);
    expect(done.errorMessage).toBeNull();
    const stored = (await server.store.publications.get(publication.id))!;
    const video = yt.videos.get(stored.videoId!)!;
    const file = readFileSync(join(rendered.outputDir!, 'video.mp4'));
    expect(video.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    const metadata = JSON.parse(readFileSync(join(rendered.outputDir!, 'metadata.json'), 'utf8')) as { title: string; description: string; tags: string[] };
    expect(video.snippet).toMatchObject({ title: metadata.title, description: metadata.description, tags: metadata.tags });
    expect(video.status).toMatchObject({ containsSyntheticMedia: true, selfDeclaredMadeForKids: false });
    expect(yt.captions.filter((c) => c.videoId === video.id).map((c) => c.language)).toEqual(['en']);
    expect(yt.thumbnails.get(video.id)?.bytes.equals(readFileSync(join(rendered.outputDir!, 'thumbnail.png')))).toBe(true);
  }, 400_000);

  it('a release time that passed while the job waited: published now as public, with a warning, instead of refused', async () => {
    const made = await createPublication(server.store, { ownerId: user.id, sourceDir: output.dir, channelId: channel.id, privacy: 'private', publishAt: new Date(Date.now() + 600_000), metadata: { title: 'Late release' } });
    // As if the render and a quota day had taken longer than planned.
    await server.store.publications.update(made.publication.id, { publishAt: new Date(Date.now() - 60_000) });
    await server.queue.enqueue(made.job.id);
    const done = await waitForState(server.store, made.job.id, ['succeeded', 'failed']);
    expect(done.errorMessage).toBeNull();
    const stored = (await server.store.publications.get(made.publication.id))!;
    expect(stored).toMatchObject({ state: 'succeeded', privacy: 'public', publishAt: null });
    const video = yt.videos.get(stored.videoId!)!;
    expect(video.status.privacyStatus).toBe('public');
    expect(video.status.publishAt).toBeUndefined();
    const warnings = await server.store.events.list({ jobId: made.job.id, afterId: 0, limit: 100 });
    expect(warnings.some((e) => e.type === 'warning' && String(e.data.message).includes('passed while the upload waited'))).toBe(true);
  }, 120_000);

  it('a step refused after the upload: the failure says where the video is, and running it again finishes it without a second upload', async () => {
    yt.failNext('/playlistItems', 404, 'playlistNotFound');
    const made = await publish({ channelId: channel.id, playlistId: 'PLgone', metadata: { title: 'Playlist refused' } });
    const failed = await waitForState(server.store, made.job.id, ['succeeded', 'failed']);
    expect(failed.state).toBe('failed');
    const first = (await server.store.publications.get(made.publication.id))!;
    expect(first.state).toBe('failed');
    expect(first.videoId).toBeTruthy();
    expect(first.errorMessage).toContain(`watch?v=${first.videoId}`);
    const videosBefore = yt.videos.size;

    await retryPublication(server.store, first);
    await server.queue.enqueue(made.job.id);
    const done = await waitForState(server.store, made.job.id, ['succeeded', 'failed']);
    expect(done.state, done.errorMessage ?? '').toBe('succeeded');
    expect(yt.videos.size).toBe(videosBefore);
    expect(await server.store.publications.get(made.publication.id)).toMatchObject({ state: 'succeeded', videoId: first.videoId });
    expect(yt.playlistItems).toContainEqual(expect.objectContaining({ playlistId: 'PLgone', videoId: first.videoId }));
  }, 120_000);

  it('a failed render fails the publication with the reason, without retrying', async () => {
    const render = await server.store.jobs.create({ ownerId: user.id, kind: 'render', input: { spec: {} } });
    await server.store.jobs.update(render.id, { state: 'failed', errorCode: 'FFMPEG_FAILED', errorMessage: 'ffmpeg exited 1', finishedAt: new Date() });
    const { publication, job } = await publish({ channelId: channel.id, sourceDir: undefined, sourceJobId: render.id });
    const done = await waitForState(server.store, job.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ state: 'failed', errorCode: 'CONFLICT', attempts: 1 });
    expect(await server.store.publications.get(publication.id)).toMatchObject({ state: 'failed', errorCode: 'CONFLICT', errorMessage: expect.stringContaining('ffmpeg exited 1') });
  }, 60_000);

  it('a day already spent: the job waits for the next Pacific midnight (queued, attempts unchanged), nothing is sent', async () => {
    const spent = await channelOnProject('spent', 'project-spent');
    const day = pacificDay(new Date());
    await server.store.quota.charge('project-spent', day, 'videos.insert', server.config.publish.youtube.dailyQuota);
    const before = yt.requests.length;
    const { publication, job } = await publish({ channelId: spent.id });
    const waiting = await waitFor('the publication to wait for quota', async () => {
      const p = await server.store.publications.get(publication.id);
      return p?.state === 'waiting' ? p : undefined;
    });
    expect(waiting.steps).toMatchObject({ waitingFor: 'quota', until: nextPacificMidnight(new Date()).toISOString() });
    const queued = await waitForState(server.store, job.id, ['queued']);
    expect(queued.attempts).toBe(0);
    expect(queued.runAfter.toISOString()).toBe(nextPacificMidnight(new Date()).toISOString());
    expect(yt.requests.slice(before).filter((r) => r.path.includes('/upload/'))).toEqual([]);
    const events = await server.store.events.list({ jobId: job.id });
    expect(events.some((e) => e.type === 'state' && e.data.state === 'queued' && e.data.waitingFor === 'quota')).toBe(true);
  }, 60_000);

  it("YouTube's quotaExceeded answer defers the job to the next day and charges the rest of it", async () => {
    const refused = await channelOnProject('refused', 'project-refused');
    yt.failNext(/POST \/upload\/youtube\/v3\/videos/, 403, 'quotaExceeded');
    const { publication, job } = await publish({ channelId: refused.id });
    await waitFor('the publication to wait for quota', async () => (await server.store.publications.get(publication.id))?.state === 'waiting');
    const queued = await waitForState(server.store, job.id, ['queued']);
    expect(queued.attempts).toBe(0);
    expect(queued.runAfter.toISOString()).toBe(nextPacificMidnight(new Date()).toISOString());
    const status = await quotaLedger(server.store, server.config, 'project-refused').status();
    expect(status).toMatchObject({ remaining: 0, used: server.config.publish.youtube.dailyQuota });
  }, 60_000);

  it('a file changed since a partial upload is uploaded whole in a new session, with a warning', async () => {
    const dir = join(root, 'changed');
    const fixture = makeOutputDir(dir, { size: '320x180', seconds: 2 });
    const { publication, job } = await createPublication(server.store, { ownerId: user.id, channelId: channel.id, privacy: 'unlisted', sourceDir: dir });
    // As an earlier attempt left it: another file's hash, a session and an offset.
    await server.store.publications.update(publication.id, { fileSha256: 'f'.repeat(64), fileBytes: 999, uploadUri: `${yt.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id=stale`, uploadOffset: CHUNK_QUANTUM, state: 'uploading' });
    await server.queue.enqueue(job.id);
    const done = await waitForState(server.store, job.id, ['succeeded', 'failed']);
    expect(done.errorMessage).toBeNull();
    const stored = (await server.store.publications.get(publication.id))!;
    expect(yt.videos.get(stored.videoId!)?.sha256).toBe(fixture.sha256);
    expect(stored.uploadUri).not.toContain('upload_id=stale');
    const events = await server.store.events.list({ jobId: job.id });
    expect(events.some((e) => e.type === 'warning' && String(e.data.message).includes('changed since its upload started'))).toBe(true);
  }, 60_000);

  it('cancelled mid-upload: the publication is cancelled, and no video is made', async () => {
    yt.chunkDelayMs = 300;
    try {
      const videosBefore = yt.videos.size;
      const cancelling = await channelOnProject('cancelling', 'project-cancelling');
      const { publication, job } = await publish({ channelId: cancelling.id });
      await waitFor('some bytes confirmed', async () => ((await server.store.publications.get(publication.id))?.uploadOffset ?? 0) > 0, 60_000, 20);
      await server.store.jobs.requestCancel(job.id);
      await server.queue.cancel(job.id);
      const done = await waitForState(server.store, job.id, ['cancelled', 'succeeded', 'failed']);
      expect(done.state).toBe('cancelled');
      const stored = (await server.store.publications.get(publication.id))!;
      expect(stored.state).toBe('cancelled');
      expect(stored.uploadOffset).toBeLessThan(output.bytes);
      expect(yt.videos.size).toBe(videosBefore);
    } finally {
      yt.chunkDelayMs = 0;
    }
  }, 60_000);

  it('a disconnected channel fails the publication with CHANNEL_REAUTH', async () => {
    const gone = await channelOnProject('gone', 'project-gone');
    await server.store.channels.update(gone.id, { credentials: null, revokedAt: new Date() });
    const { publication, job } = await publish({ channelId: gone.id });
    const done = await waitForState(server.store, job.id, ['succeeded', 'failed']);
    expect(done.errorCode).toBe('CHANNEL_REAUTH');
    expect(await server.store.publications.get(publication.id)).toMatchObject({ state: 'failed', errorCode: 'CHANNEL_REAUTH', errorMessage: expect.stringContaining('videogen channels add --name gone') });
  }, 60_000);

  it('a missing video.mp4 fails with the fix', async () => {
    const empty = join(root, 'empty');
    writeFileSync(join(root, 'placeholder'), '');
    rmSync(empty, { recursive: true, force: true });
    makeOutputDir(empty, { size: '160x90', seconds: 1 });
    rmSync(join(empty, 'video.mp4'));
    const { publication, job } = await publish({ channelId: channel.id, sourceDir: empty });
    const done = await waitForState(server.store, job.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ state: 'failed', errorCode: 'USAGE' });
    expect((await server.store.publications.get(publication.id))?.errorMessage).toContain('has no video.mp4');
  }, 60_000);
});
