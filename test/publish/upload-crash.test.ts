import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type VideogenConfig } from '../../src/config.ts';
import { connectChannel } from '../../src/publish/channels.ts';
import { createPublication } from '../../src/publish/publications.ts';
import { openStore, type Publication, type Store } from '../../src/store/index.ts';
import { waitFor } from '../queue/helpers.ts';
import { TEST_SECRET_KEY } from '../server/helpers.ts';
import { dropSchema, freshSchema, PG_URL, postgresAvailable, warnSkipped } from '../store/helpers.ts';
import { startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';
import { makeOutputDir, type OutputFixture } from './output-fixture.ts';

/**
 * A server killed with SIGKILL in the middle of an upload: the next server takes the job over when the dead one's
 * lease lapses (30 s) and resumes the same upload session from the stored offset — no byte is sent twice, one video.
 * PostgreSQL, so this test can watch the stored offset while the server process holds its connections.
 */
const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('the SIGKILL mid-upload test');

/** 8 MiB: the YouTube client's default chunk, which `videogen serve` uses. */
const CHUNK = 8 * 1024 * 1024;

describe.skipIf(!hasPostgres)('an upload survives SIGKILL of its server', () => {
  const root = mkdtempSync(join(tmpdir(), 'videogen-upload-crash-'));
  const schema = freshSchema();
  let yt: FakeYouTube;
  let store: Store;
  let env: NodeJS.ProcessEnv;
  let output: OutputFixture;
  let publication: Publication;
  const children: ChildProcess[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    yt = await startFakeYouTube();
    const s = yt.settings();
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      VIDEOGEN_HOME: join(root, 'home'),
      DATABASE_URL: PG_URL,
      VIDEOGEN_DB_SCHEMA: schema,
      VIDEOGEN_SECRET_KEY: TEST_SECRET_KEY,
      VIDEOGEN_EDGE: '0',
      VIDEOGEN_TTS: 'espeak',
      YOUTUBE_CLIENT_ID: s.clientId,
      YOUTUBE_CLIENT_SECRET: s.clientSecret,
      YOUTUBE_API_BASE: s.apiBase,
      YOUTUBE_UPLOAD_BASE: s.uploadBase,
      GOOGLE_OAUTH_BASE: s.oauthBase,
      GOOGLE_TOKEN_BASE: s.tokenBase,
    };
    const config: VideogenConfig = loadConfig({}, env);
    store = await openStore({ databaseUrl: PG_URL, schema, poolSize: 3 });
    const user = await store.users.create({ email: 'crash@example.com', passwordHash: 'x', role: 'editor' });
    const channel = await connectChannel({ store, config }, { ownerId: user.id, refreshToken: yt.issueRefreshToken(), name: 'main' });
    // A real MP4 of ~4 chunks: the upload is several requests, each held by the fake for a while.
    output = makeOutputDir(join(root, 'out'), { size: '1280x720', seconds: 14 });
    expect(output.bytes).toBeGreaterThan(3 * CHUNK);
    yt.chunkDelayMs = 1500;
    ({ publication } = await createPublication(store, { ownerId: user.id, channelId: channel.id, privacy: 'unlisted', sourceDir: output.dir }));
  }, 180_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await store?.close();
    await yt?.close();
    if (hasPostgres) await dropSchema(schema);
    rmSync(root, { recursive: true, force: true });
  });

  function serve(): ChildProcess {
    const child = spawn(process.execPath, ['bin/videogen.mjs', 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const i = logs.push('') - 1;
    const keep = (chunk: Buffer) => (logs[i] = (logs[i] + chunk.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    children.push(child);
    return child;
  }
  const current = async () => (await store.publications.get(publication.id))!;

  it('resumes from the stored offset, not from zero, and completes once', async () => {
    const first = serve();
    // Killed at the worst moment: a chunk confirmed and stored, the next one received by YouTube but not yet answered,
    // so YouTube holds more than the stored offset and the resumed client must ask it where to go on.
    const started = await waitFor('a chunk stored and the next one in flight', async () => {
      const p = await current();
      return p.uploadUri && p.uploadOffset >= CHUNK && yt.uploadedBytes(p.uploadUri) > p.uploadOffset ? p : undefined;
    }, 150_000, 50).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n--- server log ---\n${logs.join('\n---\n')}`);
    });
    expect(started.uploadOffset).toBeLessThan(output.bytes);
    first.kill('SIGKILL');
    await new Promise<void>((resolve) => (first.exitCode !== null || first.signalCode !== null ? resolve() : first.once('exit', () => resolve())));

    const atKill = await current();
    expect(atKill.state).toBe('uploading');
    expect(atKill.uploadOffset).toBeGreaterThan(0);
    const requestsBefore = yt.requests.length;

    serve();
    const job = await waitFor('the publish job to finish on the second server', async () => {
      const j = await store.jobs.get(atKill.jobId!);
      return j && (j.state === 'succeeded' || j.state === 'failed') ? j : undefined;
    }, 150_000, 250).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\n--- server logs ---\n${logs.join('\n---\n')}`);
    });
    expect(job.errorMessage).toBeNull();
    expect(job.state).toBe('succeeded');
    expect(job.attempts).toBe(2);

    const done = await current();
    expect(done).toMatchObject({ state: 'succeeded', uploadUri: atKill.uploadUri, uploadOffset: output.bytes });
    // The same session: no new one was opened, and exactly one video came of it, byte for byte the file.
    expect(yt.sessions.size).toBe(1);
    expect(yt.videos.size).toBe(1);
    const video = yt.videos.get(done.videoId!)!;
    expect(video.sha256).toBe(output.sha256);

    // After the restart, every chunk starts at or beyond the offset stored before the kill…
    const puts = yt.requests.slice(requestsBefore).filter((r) => r.method === 'PUT' && r.path === '/upload/youtube/v3/videos');
    const starts = puts.map((r) => /^bytes (\d+)-/.exec(r.contentRange ?? '')?.[1]).filter((s): s is string => s !== undefined).map(Number);
    expect(starts.length).toBeGreaterThan(0);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(atKill.uploadOffset);
    // …and over both servers the fake received each byte once: nothing was sent again from zero.
    expect(yt.uploadedBytes(atKill.uploadUri!)).toBe(output.bytes);
  }, 300_000);
});
