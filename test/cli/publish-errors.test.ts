import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeYouTube, type FakeYouTube } from '../publish/fake-youtube.ts';
import { cliEnv, start, videogen } from './publish-helpers.ts';

const SLOW = 300_000;

describe('publishing CLI refusals', () => {
  let yt: FakeYouTube;
  let env: Record<string, string>;

  beforeAll(async () => {
    yt = await startFakeYouTube();
    env = cliEnv(yt);
    expect((await videogen(env, ['admin', 'create', '--email', 'ana@example.com', '--password-stdin'], 'correct horse battery staple\n')).code).toBe(0);
  }, SLOW);
  afterAll(async () => {
    await yt?.close();
  });

  it('a declined consent ends channels add with the reason (exit 2), nothing stored', async () => {
    yt.consent = 'deny';
    const add = start(env, ['channels', 'add']);
    const [url] = await add.waitFor(/http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+/);
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect((await fetch(page.headers.get('location')!)).status).toBe(400);
    const r = await add.done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/USAGE: the channel was not connected: access was not granted/);
    yt.consent = 'grant';
    expect((await videogen(env, ['channels', 'list'])).stdout).toContain('no channels yet');
  }, SLOW);

  it('without VIDEOGEN_SECRET_KEY no sign-in starts and no token is read', async () => {
    const { VIDEOGEN_SECRET_KEY: _key, ...withoutKey } = env;
    const r = await videogen(withoutKey, ['channels', 'add', '--refresh-token-stdin'], `${yt.issueRefreshToken()}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SECRET_KEY_MISSING');
    expect(yt.requests.filter((q) => q.path.endsWith('/token'))).toHaveLength(0);
  }, SLOW);

  it('bad flags are USAGE (exit 2) with the fix', async () => {
    const port = await videogen(env, ['channels', 'add', '--port', '99999']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a port number');
    const days = await videogen(env, ['calendar', '--days', '0']);
    expect(days.code).toBe(2);
    expect(days.stderr).toContain('--days must be a whole number');
    const zone = await videogen(env, ['schedule', 'add', 'x', '--rule', 'every day at 09:00', '--topics', 'a', '--timezone', 'Mars/Olympus']);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('is not an IANA time zone');
  }, SLOW);
});
