import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type VideogenConfig } from '../../src/config.ts';
import { connectChannel } from '../../src/publish/channels.ts';
import { createPublication } from '../../src/publish/publications.ts';
import { hashPassword, openStore, type Store, type StoreOptions } from '../../src/store/index.ts';
import { waitFor } from '../queue/helpers.ts';
import { api, login, PASSWORD, TEST_SECRET_KEY, type Client } from '../server/helpers.ts';
import { dropSchema, freshSchema, PG_URL, postgresAvailable, warnSkipped } from '../store/helpers.ts';
import { startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';
import { makeOutputDir, type OutputFixture } from './output-fixture.ts';

/**
 * A server killed with SIGKILL in the middle of an upload: the next server takes the job over when the dead one's
 * lease lapses (30 s) and resumes the same upload session from the stored offset — no byte is sent twice, one video.
 * On the embedded database (the default; the test's store is closed before a server opens it) and on PostgreSQL.
 * The test watches the upload through the server's own API, as a user would.
 */
const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('the SIGKILL mid-upload test on PostgreSQL');

/** 8 MiB: the YouTube client's default chunk, which `videogen serve` uses. */
const CHUNK = 8 * 1024 * 1024;

const root = mkdtempSync(join(tmpdir(), 'videogen-upload-crash-'));
let output: OutputFixture;
beforeAll(() => {
  // A real MP4 of ~4 chunks: the upload is several requests, each held by the fake for a while.
  output = makeOutputDir(join(root, 'out'), { size: '1280x720', seconds: 14 });
  expect(output.bytes).toBeGreaterThan(3 * CHUNK);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Backend {
  name: string;
  env(home: string): NodeJS.ProcessEnv;
  storeOptions(home: string): StoreOptions;
  /** The embedded database has one owner at a time: the test's store is closed while a server runs. */
  exclusive: boolean;
  cleanup(): Promise<void>;
}

const pgSchema = freshSchema();
const backends: Backend[] = [
  { name: 'the embedded database', exclusive: true, env: () => ({}), storeOptions: (home) => ({ dataDir: join(home, 'db') }), cleanup: async () => undefined },
  ...(hasPostgres
    ? [{ name: 'PostgreSQL', exclusive: false, env: () => ({ DATABASE_URL: PG_URL, VIDEOGEN_DB_SCHEMA: pgSchema }), storeOptions: () => ({ databaseUrl: PG_URL, schema: pgSchema, poolSize: 3 }), cleanup: () => dropSchema(pgSchema) }]
    : []),
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.each(backends)('an upload survives SIGKILL of its server, on $name', (backend) => {
  const home = join(root, backend.name.replace(/\W+/g, '-'));
  let yt: FakeYouTube;
  let store: Store | undefined;
  let env: NodeJS.ProcessEnv;
  let publicationId: string;
  let jobId: string;
  const children: ChildProcess[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    yt = await startFakeYouTube();
    const s = yt.settings();
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      VIDEOGEN_HOME: home,
      VIDEOGEN_SECRET_KEY: TEST_SECRET_KEY,
      VIDEOGEN_EDGE: '0',
      VIDEOGEN_TTS: 'espeak',
      YOUTUBE_CLIENT_ID: s.clientId,
      YOUTUBE_CLIENT_SECRET: s.clientSecret,
      YOUTUBE_API_BASE: s.apiBase,
      YOUTUBE_UPLOAD_BASE: s.uploadBase,
      GOOGLE_OAUTH_BASE: s.oauthBase,
      GOOGLE_TOKEN_BASE: s.tokenBase,
      ...backend.env(home),
    };
    const config: VideogenConfig = loadConfig({}, env);
    store = await openStore(backend.storeOptions(home));
    const user = await store.users.create({ email: 'crash@example.com', passwordHash: await hashPassword(PASSWORD), role: 'editor' });
    const channel = await connectChannel({ store, config }, { ownerId: user.id, refreshToken: yt.issueRefreshToken(), name: 'main' });
    const made = await createPublication(store, { ownerId: user.id, channelId: channel.id, privacy: 'unlisted', sourceDir: output.dir });
    publicationId = made.publication.id;
    jobId = made.job.id;
    if (backend.exclusive) {
      await store.close();
      store = undefined;
    }
    yt.chunkDelayMs = 1500;
  }, 180_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await store?.close();
    await yt?.close();
    await backend.cleanup();
  });

  async function serve(): Promise<{ child: ChildProcess; url: string }> {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/videogen.mjs', 'serve', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const i = logs.push('') - 1;
    const keep = (chunk: Buffer) => (logs[i] = (logs[i] + chunk.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitFor('the server to answer', async () => child.exitCode === null && (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)), 120_000, 200).catch(explain);
    return { child, url };
  }
  const explain = (error: unknown): never => {
    throw new Error(`${(error as Error).message}\n--- server logs ---\n${logs.join('\n---\n')}`);
  };
  const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  const publicationVia = async (url: string, client: Client) => (await api<{ state: string; uploadedBytes: number; videoId: string | null }>(url, `/api/publications/${publicationId}`, { client })).body;
  /** The session the fake opened (it opens one per upload). */
  const sessionUri = () => [...yt.sessions.values()][0]?.uri;

  it('resumes from the stored offset, not from zero, and completes once', async () => {
    const first = await serve();
    const client = await login(first.url, 'crash@example.com');
    // Killed at the worst moment: a chunk confirmed and stored, the next one received by YouTube but not yet answered,
    // so YouTube holds more than the stored offset and the resumed client must ask it where to go on.
    const atKill = await waitFor('a chunk stored and the next one in flight', async () => {
      const p = await publicationVia(first.url, client);
      const uri = sessionUri();
      return uri && p.uploadedBytes >= CHUNK && yt.uploadedBytes(uri) > p.uploadedBytes ? p : undefined;
    }, 150_000, 50).catch(explain);
    expect(atKill.state).toBe('uploading');
    expect(atKill.uploadedBytes).toBeLessThan(output.bytes);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const requestsBefore = yt.requests.length;

    const second = await serve();
    const client2 = await login(second.url, 'crash@example.com');
    const job = await waitFor('the publish job to finish on the second server', async () => {
      const j = (await api<{ state: string; attempts: number; errorMessage: string | null }>(second.url, `/api/jobs/${jobId}`, { client: client2 })).body;
      return ['succeeded', 'failed', 'cancelled'].includes(j.state) ? j : undefined;
    }, 150_000, 250).catch(explain);
    expect(job).toMatchObject({ state: 'succeeded', attempts: 2, errorMessage: null });
    const done = await publicationVia(second.url, client2);
    expect(done).toMatchObject({ state: 'succeeded', uploadedBytes: output.bytes });

    // The same session: no new one was opened, and exactly one video came of it, byte for byte the file.
    expect(yt.sessions.size).toBe(1);
    expect(yt.videos.size).toBe(1);
    expect(yt.videos.get(done.videoId!)!.sha256).toBe(output.sha256);
    // After the restart, every chunk starts at or beyond the offset stored before the kill…
    const puts = yt.requests.slice(requestsBefore).filter((r) => r.method === 'PUT' && r.path === '/upload/youtube/v3/videos');
    const starts = puts.map((r) => /^bytes (\d+)-/.exec(r.contentRange ?? '')?.[1]).filter((s): s is string => s !== undefined).map(Number);
    expect(starts.length).toBeGreaterThan(0);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(atKill.uploadedBytes);
    // …and over both servers the fake received each byte once: nothing was sent again from zero.
    expect(yt.uploadedBytes(sessionUri())).toBe(output.bytes);

    second.child.kill('SIGTERM');
    await exited(second.child);
    // What the database holds afterwards (the embedded one is free again once its server stopped).
    const after = store ?? (await openStore(backend.storeOptions(home)));
    try {
      const stored = (await after.publications.get(publicationId))!;
      expect(stored).toMatchObject({ state: 'succeeded', uploadUri: sessionUri(), uploadOffset: output.bytes, fileSha256: output.sha256 });
    } finally {
      if (after !== store) await after.close();
    }
  }, 300_000);
});
