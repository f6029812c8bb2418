import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockSettings } from '../../src/server/account-lock.ts';
import { purgeExpired } from '../../src/server/routes/sessions.ts';
import { sha256 } from '../../src/server/tokens.ts';
import { PASSWORD, api, apiKeyFor, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';

/** Sessions listed and revoked, password change signing everyone else out, and expired rows purged; real store and argon2. */
let s: TestServer;

beforeAll(async () => {
  s = await startServer({ server: { rateLimits: { auth: 1000, write: 1000, read: 1000 } } });
});
afterAll(() => s?.close());

async function loginAs(email: string, userAgent: string, password = PASSWORD): Promise<Client> {
  const res = await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': userAgent }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

describe('sessions', () => {
  it('lists your sessions with where from and which is this one, without anything that signs in', async () => {
    await createUser(s.store, 'list@example.com');
    const laptop = await loginAs('list@example.com', 'Laptop/1.0');
    await loginAs('list@example.com', 'Phone/2.0');
    const res = await api(s.url, '/api/auth/sessions', { client: laptop });
    expect(res.status).toBe(200);
    expect(res.body.sessions).toHaveLength(2);
    const current = res.body.sessions.find((x: { current: boolean }) => x.current);
    expect(current).toMatchObject({ userAgent: 'Laptop/1.0', ip: '127.0.0.1', id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(res.body.sessions.find((x: { current: boolean }) => !x.current).userAgent).toBe('Phone/2.0');
    expect(Date.parse(current.expiresAt)).toBeGreaterThan(Date.now());
    // The cookie token is nowhere in the list; the id is a prefix of its sha256, which cannot be turned back into it.
    const token = laptop.cookie!.split('=')[1]!;
    expect(JSON.stringify(res.body)).not.toContain(token);
    expect(sha256(token).startsWith(current.id)).toBe(true);
  });

  it('records when a session was last seen', async () => {
    await createUser(s.store, 'seen@example.com');
    const c = await login(s.url, 'seen@example.com');
    await api(s.url, '/api/auth/me', { client: c });
    const id = sha256(c.cookie!.split('=')[1]!);
    // The touch is written beside the request; poll the store until it lands.
    let seen: Date | null = null;
    for (let i = 0; i < 50 && !seen; i++) {
      seen = (await s.store.sessions.get(id))?.lastSeenAt ?? null;
      if (!seen) await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toBeInstanceOf(Date);
  });

  it('revokes one session by id; others, strangers and unknown ids are refused', async () => {
    await createUser(s.store, 'revoke@example.com');
    await createUser(s.store, 'stranger@example.com');
    const mine = await loginAs('revoke@example.com', 'A');
    const other = await loginAs('revoke@example.com', 'B');
    const stranger = await login(s.url, 'stranger@example.com');
    const list = (await api(s.url, '/api/auth/sessions', { client: mine })).body.sessions;
    const otherId: string = list.find((x: { current: boolean }) => !x.current).id;
    expect((await api(s.url, `/api/auth/sessions/${otherId}`, { method: 'DELETE', client: stranger })).status).toBe(404);
    expect((await api(s.url, '/api/auth/sessions/0123456789abcdef', { method: 'DELETE', client: mine })).status).toBe(404);
    expect((await api(s.url, '/api/auth/sessions/not-an-id', { method: 'DELETE', client: mine })).status).toBe(400);
    expect((await api(s.url, `/api/auth/sessions/${otherId}`, { method: 'DELETE', client: mine })).status).toBe(204);
    expect((await api(s.url, '/api/auth/me', { client: other })).status).toBe(401);
    expect((await api(s.url, '/api/auth/me', { client: mine })).status).toBe(200);
    // Naming the current session signs it out and clears the cookie.
    const currentId: string = (await api(s.url, '/api/auth/sessions', { client: mine })).body.sessions[0].id;
    const self = await api(s.url, `/api/auth/sessions/${currentId}`, { method: 'DELETE', client: mine });
    expect(self.status).toBe(204);
    expect(self.headers.getSetCookie().join()).toMatch(/vg_session=;/);
    expect((await api(s.url, '/api/auth/me', { client: mine })).status).toBe(401);
    const actions = (await s.store.audit.list({ limit: 1000 })).map((e) => e.action);
    expect(actions).toContain('auth.session_revoked');
  });

  it('signs out everywhere else', async () => {
    await createUser(s.store, 'others@example.com');
    const here = await loginAs('others@example.com', 'here');
    const a = await loginAs('others@example.com', 'a');
    const b = await loginAs('others@example.com', 'b');
    // A leaked API key can neither see the sessions nor sign the owner out.
    const key = await apiKeyFor(s.url, here);
    for (const [method, path] of [['GET', '/api/auth/sessions'], ['POST', '/api/auth/sessions/revoke-others']] as const) {
      const byKey = await api(s.url, path, { method, client: key });
      expect(byKey.status).toBe(403);
      expect(byKey.body.error.message).toContain('signed-in session');
    }
    expect((await api(s.url, '/api/auth/me', { client: a })).status).toBe(200);
    const res = await api(s.url, '/api/auth/sessions/revoke-others', { method: 'POST', client: here });
    expect(res.body).toEqual({ revoked: 2 });
    expect((await api(s.url, '/api/auth/me', { client: a })).status).toBe(401);
    expect((await api(s.url, '/api/auth/me', { client: b })).status).toBe(401);
    expect((await api(s.url, '/api/auth/sessions', { client: here })).body.sessions).toHaveLength(1);
  });
});

describe('password change', () => {
  it('needs the current password, re-hashes with argon2id and signs every other session out', async () => {
    const user = await createUser(s.store, 'change@example.com');
    const here = await loginAs('change@example.com', 'here');
    const elsewhere = await loginAs('change@example.com', 'elsewhere');
    const key = await apiKeyFor(s.url, here);
    const change = (body: Record<string, string>, client: Client = here) => api(s.url, '/api/account/password', { method: 'POST', body, client });

    const wrong = await change({ currentPassword: 'not it at all', newPassword: 'a brand new passphrase' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.details.path).toBe('body.currentPassword');
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('body.newPassword');
    expect((await change({ currentPassword: PASSWORD, newPassword: PASSWORD })).status).toBe(400);
    const byKey = await change({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, key);
    expect(byKey.status).toBe(403);
    expect(byKey.body.error.message).toContain('signed-in session');

    const ok = await change({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ revokedSessions: 1 });
    expect((await api(s.url, '/api/auth/me', { client: elsewhere })).status).toBe(401);
    expect((await api(s.url, '/api/auth/me', { client: here })).status).toBe(200);
    expect((await s.store.users.get(user.id))!.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await api(s.url, '/api/auth/login', { method: 'POST', body: { email: 'change@example.com', password: PASSWORD } })).status).toBe(401);
    expect((await api(s.url, '/api/auth/login', { method: 'POST', body: { email: 'change@example.com', password: 'a brand new passphrase' } })).status).toBe(200);
    const audit = (await s.store.audit.list({ limit: 1000 })).filter((e) => e.target === user.id).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['account.password_changed', 'auth.password_rejected']));
  });

  it('needs a two-factor code too when two-factor is on', async () => {
    await createUser(s.store, 'change2fa@example.com');
    const c = await login(s.url, 'change2fa@example.com');
    const setup = await api(s.url, '/api/auth/totp/setup', { method: 'POST', body: { password: PASSWORD }, client: c });
    const step = Math.floor(Date.now() / 30_000);
    await api(s.url, '/api/auth/totp/confirm', { method: 'POST', body: { totp: await generate({ secret: setup.body.secret, epoch: step * 30 }) }, client: c });
    const body = { currentPassword: PASSWORD, newPassword: 'another long passphrase' };
    const noCode = await api(s.url, '/api/account/password', { method: 'POST', body, client: c });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.details).toMatchObject({ totpRequired: true });
    const ok = await api(s.url, '/api/account/password', { method: 'POST', body: { ...body, totp: await generate({ secret: setup.body.secret, epoch: (step + 1) * 30 }) }, client: c });
    expect(ok.status).toBe(200);
  });
});

describe('expired sessions', () => {
  it('are purged at sign-in and by the periodic purge; lockout counters that ended go too', async () => {
    const user = await createUser(s.store, 'purge@example.com');
    const past = new Date(Date.now() - 60_000);
    await s.store.sessions.create({ id: 'expired-one', userId: user.id, csrfSecret: 'x', expiresAt: past });
    await login(s.url, 'purge@example.com');
    expect(await s.store.sessions.get('expired-one')).toBeUndefined();

    await s.store.sessions.create({ id: 'expired-two', userId: user.id, csrfSecret: 'x', expiresAt: past });
    // A lockout counter whose window is long over (windowMs 0 makes any window "over").
    await s.store.loginThrottle.recordFailure('purge-key', { windowMs: 60_000, maxFailures: 10, lockMs: 60_000 });
    await purgeExpired(s.app, { failures: 10, windowMs: 0, lockMs: 0 });
    expect(await s.store.sessions.get('expired-two')).toBeUndefined();
    expect((await s.store.loginThrottle.recordFailure('purge-key', { windowMs: 60_000, maxFailures: 10, lockMs: 60_000 })).failures).toBe(1);
    // Live sessions stay.
    expect((await s.store.sessions.listForUser(user.id)).length).toBe(1);
    expect(lockSettings(undefined)).toEqual({ failures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
  });
});
