import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../pipeline/helpers.ts';
import { startFakeYouTube, type FakeYouTube } from '../publish/fake-youtube.ts';
import { makeOutputDir, type OutputFixture } from '../publish/output-fixture.ts';
import { cliEnv, start, videogen, type CliResult } from './publish-helpers.ts';

/** No token of any kind in what the CLI printed (refresh `1//…`, access `ya29.…`, authorisation codes `4/0…`). */
function expectNoTokens(...results: CliResult[]): void {
  for (const r of results) expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/1\/\/fake-|ya29\.|4\/0fake-/);
}

/** Each command is a fresh Node process opening the embedded database: seconds each on a busy machine. */
const SLOW = 300_000;

describe('publishing CLI (real bin, fake YouTube)', () => {
  let yt: FakeYouTube;
  let env: Record<string, string>;
  let out: OutputFixture;

  beforeAll(async () => {
    yt = await startFakeYouTube({ channel: { id: 'UCmain0000000000000000', title: 'Volcano Facts' } });
    env = cliEnv(yt);
    out = makeOutputDir(join(tempDir('publish-out'), 'out'));
  }, SLOW);
  afterAll(async () => {
    await yt?.close();
  });

  it('without an account it says how to make one (exit 2)', async () => {
    const r = await videogen(env, ['channels', 'list']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('videogen admin create --email');
  }, SLOW);

  it('channels add: the loopback flow (the test plays the browser), then list shows it without any token', async () => {
    const created = await videogen(env, ['admin', 'create', '--email', 'ana@example.com', '--password-stdin'], 'correct horse battery staple\n');
    expect(created.code, created.stderr).toBe(0);

    const add = start(env, ['channels', 'add', '--name', 'main']);
    const [url] = await add.waitFor(/http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+/);
    const consent = new URL(url);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(consent.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    // A redirect with a forged state is refused and the command keeps waiting for the real one.
    const forged = await fetch(`${consent.searchParams.get('redirect_uri')}?code=x&state=forged`);
    expect(forged.status).toBe(400);
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(302);
    const callback = await fetch(page.headers.get('location')!);
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('you can close this tab');
    const added = await add.done;
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('connected main: Volcano Facts (UCmain0000000000000000)');

    const list = await videogen(env, ['channels', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/main\s+Volcano Facts\s+UCmain0000000000000000\s+connected/);
    expectNoTokens(added, list);
  }, SLOW);

  it('channels add --refresh-token-stdin (headless), and the name defaults to the title', async () => {
    const token = yt.issueRefreshToken({ channel: { id: 'UCsecond00000000000000', title: 'Second' } });
    const r = await videogen(env, ['channels', 'add', '--refresh-token-stdin'], `${token}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('connected Second');
    const list = await videogen(env, ['channels', 'list', '--json']);
    expect(JSON.parse(list.stdout).map((c: { name: string }) => c.name).sort()).toEqual(['Second', 'main']);
    expect(list.stdout).not.toContain(token);
    expectNoTokens(r, list);
    const removed = await videogen(env, ['channels', 'remove', 'Second']);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await videogen(env, ['channels', 'list'])).stdout).not.toContain('Second');
  }, SLOW);

  it('publish <dir>: uploads the file (same bytes), captions and thumbnail, prints the URL; again is refused', async () => {
    const r = await videogen(env, ['publish', out.dir, '--channel', 'main', '--privacy', 'unlisted']);
    expect(r.code, r.stderr).toBe(0);
    const video = [...yt.videos.values()].at(-1)!;
    expect(video.sha256).toBe(out.sha256);
    expect(video.status.privacyStatus).toBe('unlisted');
    expect(r.stdout).toContain(`published `);
    expect(r.stdout).toContain(video.id);
    expect(yt.captions.filter((c) => c.videoId === video.id).map((c) => c.language).sort()).toEqual(['de', 'en']);
    expect(yt.thumbnails.has(video.id)).toBe(true);
    expectNoTokens(r);

    const again = await videogen(env, ['publish', out.dir, '--channel', 'main']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/CONFLICT: this video is already on main: .*--again/);
  }, SLOW);

  it('publish --publish-at schedules the release (private until then) and --json reports it', async () => {
    const at = new Date(Date.now() + 3 * 86_400_000);
    at.setUTCSeconds(0, 0);
    const r = await videogen(env, ['publish', out.dir, '--channel', 'main', '--publish-at', at.toISOString(), '--again', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ state: 'succeeded', privacy: 'private', publishAt: at.toISOString() });
    const video = yt.videos.get(result.videoId)!;
    expect(video.status).toMatchObject({ privacyStatus: 'private', publishAt: at.toISOString() });
  }, SLOW);

  it('publish: unknown channel, missing video.mp4, neither dir nor job id', async () => {
    const unknown = await videogen(env, ['publish', out.dir, '--channel', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no channel named "nope"; yours: main');
    const empty = await videogen(env, ['publish', tempDir('empty'), '--channel', 'main']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('has no video.mp4');
    const neither = await videogen(env, ['publish', 'not-a-thing', '--channel', 'main']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('neither an output directory nor a job id');
  }, SLOW);

  it('schedule add / list / pause / resume / remove, and a bad rule says what works (exit 2)', async () => {
    const add = await videogen(env, ['schedule', 'add', 'daily', '--rule', 'every day at 09:00 Europe/Berlin', '--topics', 'volcanoes,glaciers,deserts', '--channel', 'main', '--release-after', '60']);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('added daily');
    let list = await videogen(env, ['schedule', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const [row] = JSON.parse(list.stdout);
    expect(row).toMatchObject({ name: 'daily', state: 'active', channel: 'main', topicsLeft: 3, catchUp: 'once', timezone: 'Europe/Berlin' });
    expect(new Date(row.nextRunAt).getTime()).toBeGreaterThan(Date.now());

    expect((await videogen(env, ['schedule', 'pause', 'daily'])).code).toBe(0);
    list = await videogen(env, ['schedule', 'list']);
    expect(list.stdout).toMatch(/daily\s+paused/);
    const resumed = await videogen(env, ['schedule', 'resume', 'daily']);
    expect(resumed.stdout).toContain('resumed daily: next run');

    const cal = await videogen(env, ['calendar', '--days', '3']);
    expect(cal.code, cal.stderr).toBe(0);
    expect(cal.stdout).toMatch(/make\s+planned\s+volcanoes/);
    const calJson = JSON.parse((await videogen(env, ['calendar', '--json'])).stdout);
    expect(calJson.entries.some((e: { type: string }) => e.type === 'publish')).toBe(true);

    // What every slot is made with: the option table's flags, stored as the API stores them.
    const german = await videogen(env, ['schedule', 'add', 'german', '--rule', 'every day at 10:00', '--topics', 'Vulkane', '--voice', 'female', '--preset', 'draft', '--resolution', '720p', '--broll', '--lang', 'de', '--duration', '45']);
    expect(german.code, german.stderr).toBe(0);
    const stored = JSON.parse((await videogen(env, ['schedule', 'list', '--json'])).stdout).find((r: { name: string }) => r.name === 'german');
    expect(stored.options).toEqual({ preset: 'draft', resolution: '720p', voice: 'female', broll: 'auto', language: 'de', targetSeconds: 45 });
    for (const [args, message] of [[['--duration', '5'], '--duration is whole seconds from 15 to 3600'], [['--resolution', '4k'], '--resolution must be one of']] as const) {
      const refused = await videogen(env, ['schedule', 'add', 'refused', '--rule', 'every day at 10:00', '--topics', 'x', ...args]);
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toContain(message);
    }
    expect((await videogen(env, ['schedule', 'remove', 'german'])).code).toBe(0);

    const bad = await videogen(env, ['schedule', 'add', 'nonsense', '--rule', 'whenever it rains', '--topics', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/USAGE: .*every/);
    const noTopics = await videogen(env, ['schedule', 'add', 'empty', '--rule', 'every day at 10:00']);
    expect(noTopics.code).toBe(2);
    expect(noTopics.stderr).toContain('--topics');

    expect((await videogen(env, ['schedule', 'remove', 'daily'])).code).toBe(0);
    expect((await videogen(env, ['schedule', 'list'])).stdout).toContain('no schedules yet');
    const gone = await videogen(env, ['schedule', 'pause', 'daily']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('no schedule named "daily"');
  }, SLOW);

  it('quota: units spent today by the uploads, the rest, and the reset at Pacific midnight', async () => {
    const r = await videogen(env, ['quota', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [status] = JSON.parse(r.stdout);
    expect(status.project).toBe('test-client');
    expect(status.used).toBeGreaterThanOrEqual(2 * 1600);
    expect(status.remaining).toBe(status.limit - status.used);
    const text = await videogen(env, ['quota']);
    expect(text.stdout).toMatch(/units left on \d{4}-\d{2}-\d{2}/);
    expect(text.stdout).toContain('midnight Pacific');
  }, SLOW);

  it('publish when the day\'s quota is spent: stored and queued, exit 75 with the reset time; run again later to finish', async () => {
    const used = JSON.parse((await videogen(env, ['quota', '--json'])).stdout)[0].used as number;
    const tight = await videogen({ ...env, YOUTUBE_QUOTA_DAILY: String(used + 100) }, ['publish', out.dir, '--channel', 'main', '--again']);
    expect(tight.code, tight.stderr).toBe(75);
    expect(tight.stdout).toMatch(/waiting for quota until .*run `videogen publish` again/);
    const videos = yt.videos.size;
    const later = await videogen(env, ['publish', out.dir, '--channel', 'main']);
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toContain('resuming the unfinished publication');
    expect(yt.videos.size).toBe(videos + 1);
  }, SLOW);

  it('with two accounts the CLI asks which (exit 2), and --user chooses', async () => {
    expect((await videogen(env, ['admin', 'create', '--email', 'ben@example.com', '--password-stdin'], 'another long password\n')).code).toBe(0);
    const ambiguous = await videogen(env, ['channels', 'list']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('--user <email>');
    const ben = await videogen(env, ['channels', 'list', '--user', 'ben@example.com']);
    expect(ben.code, ben.stderr).toBe(0);
    expect(ben.stdout).toContain('no channels yet');
    const ana = await videogen({ ...env, VIDEOGEN_USER: 'ana@example.com' }, ['channels', 'list']);
    expect(ana.stdout).toContain('main');
    // Another account's channel does not exist for ben.
    const other = await videogen(env, ['publish', out.dir, '--channel', 'main', '--user', 'ben@example.com']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('no channel named "main"');
  }, SLOW);
});
