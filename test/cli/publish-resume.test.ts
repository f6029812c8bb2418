import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../pipeline/helpers.ts';
import { startFakeYouTube, type FakeYouTube } from '../publish/fake-youtube.ts';
import { makeOutputDir, type OutputFixture } from '../publish/output-fixture.ts';
import { openStore } from '../../src/store/index.ts';
import { cliEnv, start, videogen } from './publish-helpers.ts';

const SLOW = 400_000;
const MiB = 1024 * 1024;

describe('videogen publish after Ctrl-C', () => {
  let yt: FakeYouTube;
  let env: Record<string, string>;
  let out: OutputFixture;

  beforeAll(async () => {
    yt = await startFakeYouTube({ channel: { id: 'UCresume00000000000000', title: 'Resume' } });
    env = cliEnv(yt);
    // Larger than two of the client's 8 MiB chunks, so there is a confirmed offset to stop at.
    out = makeOutputDir(join(tempDir('publish-resume'), 'out'), { size: '1920x1080', seconds: 6 });
    expect(out.bytes).toBeGreaterThan(2 * 8 * MiB);
    expect((await videogen(env, ['admin', 'create', '--email', 'ana@example.com', '--password-stdin'], 'correct horse battery staple\n')).code).toBe(0);
    const added = await videogen(env, ['channels', 'add', '--name', 'main', '--refresh-token-stdin'], `${yt.issueRefreshToken()}\n`);
    expect(added.code, added.stderr).toBe(0);
  }, SLOW);
  afterAll(async () => {
    await yt?.close();
  });

  it('running the same command again resumes the stored session from its offset, and the video arrives once, whole', async () => {
    yt.chunkDelayMs = 1500;
    const first = start(env, ['publish', out.dir, '--channel', 'main']);
    await first.waitFor(/uploading [1-9][\d.]* MiB of/, 'stderr');
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stdout).toMatch(/stopped with [1-9][\d.]* MiB confirmed; run the same command again to resume/);
    expect(yt.videos.size).toBe(0);
    expect(yt.sessions.size).toBe(1);

    yt.chunkDelayMs = 0;
    const second = await videogen(env, ['publish', out.dir, '--channel', 'main']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('resuming the unfinished publication');
    expect(second.stdout).toContain('published ');
    // One session, resumed: bytes were sent from 0 only once, and the total is not a second whole file.
    expect(yt.sessions.size).toBe(1);
    const fromZero = yt.requests.filter((r) => r.method === 'PUT' && r.contentRange?.startsWith('bytes 0-'));
    expect(fromZero).toHaveLength(1);
    expect(yt.uploadedBytes()).toBeLessThan(out.bytes + 8 * MiB);
    expect(yt.videos.size).toBe(1);
    expect([...yt.videos.values()][0]!.sha256).toBe(out.sha256);
  }, SLOW);

  it('publish <jobId>: the outputs of a finished render job; an unknown id is not found', async () => {
    const small = makeOutputDir(join(tempDir('publish-job'), 'out'), { title: 'From a job' });
    // A render job as the server records it, written while no CLI process holds the embedded database.
    const store = await openStore({ dataDir: join(env.VIDEOGEN_HOME!, 'db') });
    let jobId: string;
    try {
      const ana = (await store.users.byEmail('ana@example.com'))!;
      const job = await store.jobs.create({ ownerId: ana.id, kind: 'render', input: { spec: {} } });
      await store.jobs.update(job.id, { state: 'succeeded', outputDir: small.dir, progress: 1, finishedAt: new Date() });
      jobId = job.id;
    } finally {
      await store.close();
    }
    const r = await videogen(env, ['publish', jobId, '--channel', 'main', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.state).toBe('succeeded');
    expect(yt.videos.get(result.videoId)!.sha256).toBe(small.sha256);
    const unknown = await videogen(env, ['publish', '00000000-0000-4000-8000-000000000000', '--channel', 'main']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NOT_FOUND: no job 00000000-0000-4000-8000-000000000000');
  }, SLOW);
});
