import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashRecoveryCode } from '../../src/server/two-factor.ts';
import { PG_URL, postgresAvailable } from '../store/helpers.ts';
import { PASSWORD, api, apiKeyFor, createUser, login, startServer, type ApiResponse, type Client, type TestServer } from './helpers.ts';

/**
 * Two-factor sign-in over HTTP with real argon2, real otplib and a real store (PGlite, and PostgreSQL when it answers):
 * enrolment in two steps, single-use codes, replace and disable behind password + code, recovery codes, API keys
 * refused, every rejected code audited.
 *
 * Codes are generated for explicit time steps: the step `c` taken when a user enrols, then c + 1. The server accepts
 * one step of drift either way, so both stay valid even if a 30 s boundary passes during a test; each user spends at
 * most those two steps, and tests that need more use recovery codes or another user.
 */
const stepNow = () => Math.floor(Date.now() / 30_000);
const codeAt = (secret: string, step: number) => generate({ secret, epoch: step * 30 });
/** Six digits that are no valid code of the secret anywhere near now, so a "wrong code" is wrong for certain. */
async function wrongCode(secret: string): Promise<string> {
  const near = new Set(await Promise.all([-2, -1, 0, 1, 2].map((d) => codeAt(secret, stepNow() + d))));
  return ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !near.has(c))!;
}

async function signIn(url: string, email: string, extra: Record<string, string> = {}, password = PASSWORD): Promise<ApiResponse> {
  return api(url, '/api/auth/login', { method: 'POST', body: { email, password, ...extra } });
}

interface Enrolled {
  client: Client;
  secret: string;
  step: number;
  recoveryCodes: string[];
}

/** A new user with two-factor on: setup with the password, confirm with the code of step c. */
async function enrolled(s: TestServer, email: string): Promise<Enrolled> {
  await createUser(s.store, email);
  const client = await login(s.url, email);
  const setup = await api(s.url, '/api/auth/totp/setup', { method: 'POST', body: { password: PASSWORD }, client });
  expect(setup.status).toBe(200);
  expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/videogen:/);
  const step = stepNow();
  const confirmed = await api(s.url, '/api/auth/totp/confirm', { method: 'POST', body: { totp: await codeAt(setup.body.secret, step) }, client });
  expect(confirmed.status).toBe(200);
  return { client, secret: setup.body.secret, step, recoveryCodes: confirmed.body.recoveryCodes };
}

const backends = [{ name: 'PGlite' }, { name: 'PostgreSQL', databaseUrl: PG_URL }];

for (const backend of backends) {
  describe(`two-factor sign-in on ${backend.name}`, () => {
    let s: TestServer;
    let available = true;

    beforeAll(async () => {
      if (backend.databaseUrl && !(await postgresAvailable())) {
        available = false;
        console.warn(`\n!!! SKIPPING the two-factor suite on PostgreSQL: ${backend.databaseUrl} is unreachable !!!\n`);
        return;
      }
      s = await startServer({ ...(backend.databaseUrl ? { databaseUrl: backend.databaseUrl } : {}), server: { rateLimits: { auth: 1000, write: 1000, read: 1000 } } });
    });
    afterAll(() => s?.close());

    it('enrols in two steps: a pending secret changes nothing until a code confirms it', async (ctx) => {
      if (!available) return ctx.skip();
      await createUser(s.store, 'pending@example.com');
      const client = await login(s.url, 'pending@example.com');
      const setup = await api(s.url, '/api/auth/totp/setup', { method: 'POST', body: { password: PASSWORD }, client });
      expect(setup.body.secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(await api(s.url, '/api/auth/totp', { client })).toMatchObject({ body: { enabled: false, pending: true, recoveryCodesLeft: 0 } });
      // Still signs in without a code: the pending secret is not active.
      expect((await signIn(s.url, 'pending@example.com')).status).toBe(200);
      const typo = await api(s.url, '/api/auth/totp/confirm', { method: 'POST', body: { totp: await wrongCode(setup.body.secret) }, client });
      expect(typo.status).toBe(401);
      expect((await api(s.url, '/api/auth/totp', { client })).body.enabled).toBe(false);
      const ok = await api(s.url, '/api/auth/totp/confirm', { method: 'POST', body: { totp: await codeAt(setup.body.secret, stepNow()) }, client });
      expect(ok.status).toBe(200);
      expect(ok.body.recoveryCodes).toHaveLength(10);
      expect(new Set(ok.body.recoveryCodes).size).toBe(10);
      expect(ok.body.recoveryCodes[0]).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
      expect(await api(s.url, '/api/auth/totp', { client })).toMatchObject({ body: { enabled: true, pending: false, recoveryCodesLeft: 10 } });
      // Nothing to confirm any more.
      expect((await api(s.url, '/api/auth/totp/confirm', { method: 'POST', body: { totp: '123456' }, client })).status).toBe(409);
    });

    it('keeps the secret sealed at rest: the users row never holds it in clear', async (ctx) => {
      if (!available) return ctx.skip();
      const u = await enrolled(s, 'sealed@example.com');
      const row = await s.store.users.byEmail('sealed@example.com');
      expect(row?.totpSecret).toMatch(/^sealed:/);
      expect(row?.totpSecret).not.toContain(u.secret);
      expect(Buffer.from(row!.totpSecret!.slice('sealed:'.length), 'base64url').toString()).not.toContain(u.secret);
      // And it still works: a code from the secret signs in.
      expect((await signIn(s.url, 'sealed@example.com', { totp: await codeAt(u.secret, u.step + 1) })).status).toBe(200);
    });

    it('signs in with a code once: the same code again is a replay and is refused', async (ctx) => {
      if (!available) return ctx.skip();
      const u = await enrolled(s, 'replay@example.com');
      const none = await signIn(s.url, 'replay@example.com');
      expect(none.status).toBe(401);
      expect(none.body.error.details).toMatchObject({ totpRequired: true });
      // The code that confirmed the enrolment is spent already.
      const spent = await signIn(s.url, 'replay@example.com', { totp: await codeAt(u.secret, u.step) });
      expect(spent.status).toBe(401);
      expect(spent.body.error.message).toContain('already used');
      const next = await codeAt(u.secret, u.step + 1);
      const ok = await signIn(s.url, 'replay@example.com', { totp: next });
      expect(ok.status).toBe(200);
      expect(ok.body.user.totp).toBe(true);
      const again = await signIn(s.url, 'replay@example.com', { totp: next });
      expect(again.status).toBe(401);
      expect(again.body.error).toMatchObject({ code: 'UNAUTHORIZED', details: { totpRequired: true, path: 'body.totp' } });
      const wrong = await signIn(s.url, 'replay@example.com', { totp: await wrongCode(u.secret) });
      expect(wrong.status).toBe(401);
    });

    it('accepts one code once even when two sign-ins race with it', async (ctx) => {
      if (!available) return ctx.skip();
      const u = await enrolled(s, 'race@example.com');
      const code = await codeAt(u.secret, u.step + 1);
      const results = await Promise.all([1, 2, 3].map(() => signIn(s.url, 'race@example.com', { totp: code })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    });

    it('replaces the authenticator only with the password and a current code of the old one', async (ctx) => {
      if (!available) return ctx.skip();
      const u = await enrolled(s, 'replace@example.com');
      const noCode = await api(s.url, '/api/auth/totp/setup', { method: 'POST', body: { password: PASSWORD }, client: u.client });
      expect(noCode.status).toBe(401);
      expect(noCode.body.error.details).toMatchObject({ totpRequired: true });
      const oldCode = await codeAt(u.secret, u.step + 1);
      const wrongPassword = await api(s.url, '/api/auth/totp/setup', { method: 'POST', body: { password: 'not the password', totp: oldCode }, client: u.client });
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body.error.message).toBe('wrong password');
      const noPassword = await api(s.url, '/api/auth/totp/setup', { method: 'POST', body: { totp: oldCode }, client: u.client });
      expect(noPassword.status).toBe(400);
      const setup = await api(s.url, '/api/auth/totp/setup', { method: 'POST', body: { password: PASSWORD, totp: oldCode }, client: u.client });
      expect(setup.status).toBe(200);
      // Until confirmed, the old authenticator stays the one that counts.
      expect(await api(s.url, '/api/auth/totp', { client: u.client })).toMatchObject({ body: { enabled: true, pending: true } });
      const step = stepNow();
      const confirm = await api(s.url, '/api/auth/totp/confirm', { method: 'POST', body: { totp: await codeAt(setup.body.secret, step) }, client: u.client });
      expect(confirm.status).toBe(200);
      expect(confirm.body.recoveryCodes).toHaveLength(10);
      // The old secret and the old recovery codes are gone; the new secret signs in.
      expect((await signIn(s.url, 'replace@example.com', { recoveryCode: u.recoveryCodes[0]! })).status).toBe(401);
      expect((await signIn(s.url, 'replace@example.com', { totp: await codeAt(u.secret, step + 1) })).status).toBe(401);
      expect((await signIn(s.url, 'replace@example.com', { totp: await codeAt(setup.body.secret, step + 1) })).status).toBe(200);
    });

    it('recovery codes sign in once each, the count goes down, and new ones replace the old', async (ctx) => {
      if (!available) return ctx.skip();
      const u = await enrolled(s, 'recovery@example.com');
      const [first, second, third] = u.recoveryCodes as [string, string, string];
      const ok = await signIn(s.url, 'recovery@example.com', { recoveryCode: first });
      expect(ok.status).toBe(200);
      const reused = await signIn(s.url, 'recovery@example.com', { recoveryCode: first });
      expect(reused.status).toBe(401);
      expect(reused.body.error.message).toContain('recovery code');
      // Typed back loosely: upper case, no dashes.
      expect((await signIn(s.url, 'recovery@example.com', { recoveryCode: second.replaceAll('-', '').toUpperCase() })).status).toBe(200);
      expect((await api(s.url, '/api/auth/totp', { client: u.client })).body.recoveryCodesLeft).toBe(8);
      expect((await api(s.url, '/api/auth/me', { client: u.client })).body.recoveryCodesLeft).toBe(8);
      const noCode = await api(s.url, '/api/auth/totp/recovery-codes', { method: 'POST', body: { password: PASSWORD }, client: u.client });
      expect(noCode.status).toBe(401);
      const fresh = await api(s.url, '/api/auth/totp/recovery-codes', { method: 'POST', body: { password: PASSWORD, totp: await codeAt(u.secret, u.step + 1) }, client: u.client });
      expect(fresh.status).toBe(200);
      expect(fresh.body.recoveryCodes).toHaveLength(10);
      expect(fresh.body.recoveryCodes).not.toContain(third);
      expect((await signIn(s.url, 'recovery@example.com', { recoveryCode: third })).status).toBe(401);
      expect((await api(s.url, '/api/auth/totp', { client: u.client })).body.recoveryCodesLeft).toBe(10);
      // What is stored is the hash: the plain code is not a key of any row, its hash is.
      const userId = (await s.store.users.byEmail('recovery@example.com'))!.id;
      expect(await s.store.twoFactor.useRecoveryCode(userId, fresh.body.recoveryCodes[9])).toBe(false);
      expect(await s.store.twoFactor.useRecoveryCode(userId, hashRecoveryCode(fresh.body.recoveryCodes[9]))).toBe(true);
    });

    it('disables only with the password and a code; then signs in without one', async (ctx) => {
      if (!available) return ctx.skip();
      const u = await enrolled(s, 'disable@example.com');
      expect((await api(s.url, '/api/auth/totp/disable', { method: 'POST', body: { password: PASSWORD }, client: u.client })).status).toBe(401);
      expect((await api(s.url, '/api/auth/totp/disable', { method: 'POST', body: { password: 'wrong password!', totp: await codeAt(u.secret, u.step + 1) }, client: u.client })).status).toBe(401);
      const off = await api(s.url, '/api/auth/totp/disable', { method: 'POST', body: { password: PASSWORD, recoveryCode: u.recoveryCodes[3]! }, client: u.client });
      expect(off.status).toBe(200);
      expect(off.body).toEqual({ enabled: false });
      expect(await api(s.url, '/api/auth/totp', { client: u.client })).toMatchObject({ body: { enabled: false, pending: false, recoveryCodesLeft: 0 } });
      expect((await signIn(s.url, 'disable@example.com')).status).toBe(200);
      expect((await api(s.url, '/api/auth/totp/disable', { method: 'POST', body: { password: PASSWORD }, client: u.client })).status).toBe(409);
    });

    it('refuses every two-factor change made with an API key alone (and keys cannot mint keys)', async (ctx) => {
      if (!available) return ctx.skip();
      await createUser(s.store, 'keyonly@example.com');
      const session = await login(s.url, 'keyonly@example.com');
      const key = await apiKeyFor(s.url, session);
      for (const path of ['/api/auth/totp/setup', '/api/auth/totp/disable', '/api/auth/totp/recovery-codes']) {
        const res = await api(s.url, path, { method: 'POST', body: { password: PASSWORD }, client: key });
        expect(res.status, path).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
        expect(res.body.error.message).toContain('signed-in session');
      }
      expect((await api(s.url, '/api/auth/totp/confirm', { method: 'POST', body: { totp: '123456' }, client: key })).status).toBe(403);
      expect((await api(s.url, '/api/keys', { method: 'POST', body: { name: 'child' }, client: key })).status).toBe(403);
      // Reading the status is fine.
      expect((await api(s.url, '/api/auth/totp', { client: key })).body).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0 });
      expect((await s.store.twoFactor.get((await s.store.users.byEmail('keyonly@example.com'))!.id))?.pendingSecret).toBeNull();
    });

    it('counts rejected codes toward the account lockout: after 10 the right code is refused too', async (ctx) => {
      if (!available) return ctx.skip();
      const u = await enrolled(s, 'guessed@example.com');
      const wrong = await wrongCode(u.secret);
      const statuses = [];
      for (let i = 0; i < 10; i++) statuses.push((await signIn(s.url, 'guessed@example.com', i % 2 ? { recoveryCode: 'aaaa-bbbb-cccc-dddd' } : { totp: wrong })).status);
      expect(statuses).toEqual(Array(10).fill(401));
      const locked = await signIn(s.url, 'guessed@example.com', { totp: await codeAt(u.secret, u.step + 1) });
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('RATE_LIMITED');
      // Password- and code-protected actions are refused while the account is locked, before any check.
      const disable = await api(s.url, '/api/auth/totp/disable', { method: 'POST', body: { password: PASSWORD, recoveryCode: u.recoveryCodes[0]! }, client: u.client });
      expect(disable.status).toBe(429);
      expect((await api(s.url, '/api/auth/totp', { client: u.client })).body).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    });

    it('audits every rejected code with where and why, without the code itself', async (ctx) => {
      if (!available) return ctx.skip();
      const u = await enrolled(s, 'audited@example.com');
      const userId = (await s.store.users.byEmail('audited@example.com'))!.id;
      await signIn(s.url, 'audited@example.com', { totp: await codeAt(u.secret, u.step) });
      await signIn(s.url, 'audited@example.com', { totp: await wrongCode(u.secret) });
      await signIn(s.url, 'audited@example.com', { recoveryCode: 'aaaa-bbbb-cccc-dddd' });
      await api(s.url, '/api/auth/totp/disable', { method: 'POST', body: { password: PASSWORD, totp: await wrongCode(u.secret) }, client: u.client });
      const entries = (await s.store.audit.list({ limit: 1000 })).filter((e) => e.action === 'auth.code_rejected' && e.target === userId);
      expect(entries.map((e) => e.details)).toEqual(
        expect.arrayContaining([
          { context: 'login', kind: 'totp', reason: 'replayed' },
          { context: 'login', kind: 'totp', reason: 'wrong' },
          { context: 'login', kind: 'recovery', reason: 'wrong' },
          { context: 'totp.disable', kind: 'totp', reason: 'wrong' },
        ]),
      );
      expect(entries).toHaveLength(4);
      expect(entries.every((e) => e.ip === '127.0.0.1')).toBe(true);
      expect(JSON.stringify(entries)).not.toContain('aaaa-bbbb');
      const actions = (await s.store.audit.list({ limit: 1000 })).filter((e) => e.target === userId).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.totp_setup', 'auth.totp_enabled']));
    });
  });
}

describe('two-factor without VIDEOGEN_SECRET_KEY', () => {
  it('refuses to turn it on (503 SECRET_KEY_MISSING) and stores nothing', async () => {
    const s = await startServer({ config: { secretKey: undefined } });
    try {
      await createUser(s.store, 'nokey@example.com');
      const client = await login(s.url, 'nokey@example.com');
      const setup = await api(s.url, '/api/auth/totp/setup', { method: 'POST', body: { password: PASSWORD }, client });
      expect(setup.status).toBe(503);
      expect(setup.body.error.code).toBe('SECRET_KEY_MISSING');
      expect(setup.body.error.message).toContain('VIDEOGEN_SECRET_KEY');
      const user = await s.store.users.byEmail('nokey@example.com');
      expect((await s.store.twoFactor.get(user!.id))?.pendingSecret ?? null).toBeNull();
    } finally {
      await s.close();
    }
  });
});
