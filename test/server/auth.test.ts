import { once } from 'node:events';
import { connect } from 'node:net';
import { pino } from 'pino';
import { createQueue } from '../../src/queue/create-queue.ts';
import { buildServer } from '../../src/server/app.ts';
import { openStore } from '../../src/store/index.ts';
import { dropSchema, freshSchema, PG_URL, postgresAvailable, REDIS_URL, redisAvailable } from '../store/helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENE_KINDS } from '../../src/spec/index.ts';
import { PASSWORD, TINY_SPEC, api, type ApiResponse, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';

let s: TestServer;
let admin: Client;
let editor: Client;
let viewer: Client;

beforeAll(async () => {
  s = await startServer({ server: { rateLimits: { auth: 30, write: 60, read: 600 } } });
  await createUser(s.store, 'admin@example.com', 'admin');
  await createUser(s.store, 'ed@example.com', 'editor');
  await createUser(s.store, 'vi@example.com', 'viewer');
  admin = await login(s.url, 'admin@example.com');
  editor = await login(s.url, 'ed@example.com');
  viewer = await login(s.url, 'vi@example.com');
});
afterAll(() => s?.close());

describe('sign-in and sessions', () => {
  it('sets an httpOnly SameSite=Lax cookie (not Secure over plain HTTP) and returns a CSRF token', async () => {
    const res = await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ED@example.com', password: 'correct horse battery staple' }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('vg_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const body = (await res.json()) as { csrfToken: string; user: { role: string; email: string } };
    expect(body.csrfToken.length).toBeGreaterThan(10);
    expect(body.user).toMatchObject({ role: 'editor', email: 'ed@example.com' });
    expect(JSON.stringify(body)).not.toContain('argon2');
  });

  it('stores only the sha256 of the session token', async () => {
    const token = editor.cookie!.split('=')[1]!;
    const { sha256 } = await import('../../src/server/tokens.ts');
    expect(await s.store.sessions.get(token)).toBeUndefined();
    expect(await s.store.sessions.get(sha256(token))).toBeDefined();
  });

  it('rejects a wrong password with 401 UNAUTHORIZED', async () => {
    const res = await api(s.url, '/api/auth/login', { method: 'POST', body: { email: 'ed@example.com', password: 'nope' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it('needs a sign-in for /api routes', async () => {
    const res = await api(s.url, '/api/jobs');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
  });

  it('refuses a cookie POST without the CSRF header (403) and accepts it with the header', async () => {
    const without = await api(s.url, '/api/templates', { method: 'POST', body: { name: 't', body: {} }, client: editor, csrf: false });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('FORBIDDEN');
    const wrong = await api(s.url, '/api/templates', { method: 'POST', body: { name: 't', body: {} }, client: { ...editor, csrf: 'forged' } });
    expect(wrong.status).toBe(403);
    const ok = await api(s.url, '/api/templates', { method: 'POST', body: { name: 't', body: { a: 1 } }, client: editor });
    expect(ok.status).toBe(201);
  });

  it("does not accept one session's CSRF token with another session", async () => {
    const res = await api(s.url, '/api/templates', { method: 'POST', body: { name: 't', body: {} }, client: { cookie: editor.cookie, csrf: admin.csrf } });
    expect(res.status).toBe(403);
  });

  it('logs out: the cookie stops working', async () => {
    const c = await login(s.url, 'ed@example.com');
    expect((await api(s.url, '/api/auth/logout', { method: 'POST', client: c })).status).toBe(204);
    expect((await api(s.url, '/api/auth/me', { client: c })).status).toBe(401);
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, work without CSRF, and can be revoked', async () => {
    const created = await api(s.url, '/api/keys', { method: 'POST', body: { name: 'ci' }, client: editor });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^vgk_/);
    const list = await api(s.url, '/api/keys', { client: editor });
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.keys[0].prefix).toBe(key.slice(0, 8));
    const me = await api(s.url, '/api/auth/me', { client: { key } });
    expect(me.body).toMatchObject({ via: 'apikey', user: { email: 'ed@example.com' } });
    expect(me.body.csrfToken).toBeUndefined();
    const write = await api(s.url, '/api/templates', { method: 'POST', body: { name: 'by key', body: {} }, client: { key } });
    expect(write.status).toBe(201);
    expect((await api(s.url, `/api/keys/${created.body.id}`, { method: 'DELETE', client: editor })).status).toBe(204);
    expect((await api(s.url, '/api/auth/me', { client: { key } })).status).toBe(401);
  });

  it('rejects an unknown key with 401 even on public-looking reads', async () => {
    expect((await api(s.url, '/api/jobs', { client: { key: 'vgk_nope' } })).status).toBe(401);
  });
});

describe('roles', () => {
  it('viewers read but cannot create jobs or templates', async () => {
    expect((await api(s.url, '/api/jobs', { client: viewer })).status).toBe(200);
    const res = await api(s.url, '/api/videos', { method: 'POST', body: { spec: TINY_SPEC }, client: viewer });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await api(s.url, '/api/templates', { method: 'POST', body: { name: 'x', body: {} }, client: viewer })).status).toBe(403);
  });

  it('only admins manage users; there is no default password', async () => {
    expect((await api(s.url, '/api/users', { client: editor })).status).toBe(403);
    const created = await api(s.url, '/api/users', { method: 'POST', body: { email: 'new@example.com', password: 'a long enough password', role: 'viewer' }, client: admin });
    expect(created.status).toBe(201);
    const short = await api(s.url, '/api/users', { method: 'POST', body: { email: 'x@example.com', password: 'short' }, client: admin });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('body.password');
    const dup = await api(s.url, '/api/users', { method: 'POST', body: { email: 'new@example.com', password: 'a long enough password' }, client: admin });
    expect(dup.status).toBe(409);
    const patched = await api(s.url, `/api/users/${created.body.id}`, { method: 'PATCH', body: { role: 'editor' }, client: admin });
    expect(patched.body.role).toBe('editor');
    const audit = await s.store.audit.list({ limit: 100 });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.create', 'user.role', 'auth.login']));
  });
});

describe('ownership', () => {
  it("hides other users' templates and jobs behind 404; admins see them", async () => {
    const t = await api(s.url, '/api/templates', { method: 'POST', body: { name: 'mine', body: { x: 1 } }, client: editor });
    expect((await api(s.url, `/api/templates/${t.body.id}`, { client: viewer })).status).toBe(404);
    expect((await api(s.url, `/api/templates/${t.body.id}`, { client: admin })).status).toBe(200);
    const job = await api(s.url, '/api/videos', { method: 'POST', body: { spec: TINY_SPEC, options: { preset: 'draft' } }, client: editor });
    expect(job.status).toBe(202);
    const id = job.body.jobs[0].id;
    const other = await api(s.url, `/api/jobs/${id}`, { client: viewer });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect((await api(s.url, `/api/jobs/${id}/cancel`, { method: 'POST', client: await login(s.url, 'new@example.com', 'a long enough password') })).status).toBe(404);
    expect((await api(s.url, `/api/jobs/${id}`, { client: admin })).status).toBe(200);
    expect((await api(s.url, '/api/jobs', { client: viewer })).body.jobs).toEqual([]);
  });
});

describe('validation errors', () => {
  it('name the field path (400 VALIDATION_FAILED)', async () => {
    const res = await api(s.url, '/api/auth/login', { method: 'POST', body: { email: 'not-an-email', password: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(/^body\.email: /);
    const q = await api(s.url, '/api/jobs?limit=1000', { client: editor });
    expect(q.status).toBe(400);
    expect(q.body.error.details.problems[0].path).toBe('querystring.limit');
    const p = await api(s.url, '/api/jobs/not-a-uuid', { client: editor });
    expect(p.body.error.message).toMatch(/^params\.id: /);
  });

  it('answers 422 SPEC_INVALID with every problem for a bad spec', async () => {
    const res = await api(s.url, '/api/videos', { method: 'POST', body: { spec: { id: 'x', title: 'X', scenes: [{ kind: 'title' }, { kind: 'nope' }] } }, client: editor });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('SPEC_INVALID');
    expect(res.body.error.details.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['scenes[0].title', 'scenes[1].kind']));
    const v = await api(s.url, '/api/validate', { method: 'POST', body: TINY_SPEC, client: viewer });
    expect(v.body).toMatchObject({ valid: true, kind: 'video', videos: 1 });
  });

  it('refuses sets that name server files', async () => {
    const res = await api(s.url, '/api/videos', { method: 'POST', body: { set: { id: 's', name: 'S', videos: [{ file: '/etc/passwd' }] } }, client: editor });
    expect(res.status).toBe(422);
    expect(res.body.error.details.problems[0].path).toBe('videos[0].file');
  });

  it('answers 501 NOT_AVAILABLE when a source adapter is not configured', async () => {
    const res = await api(s.url, '/api/youtube/validate', { method: 'POST', body: { url: 'https://youtu.be/dQw4w9WgXcQ' }, client: editor });
    expect(res.status).toBe(501);
    expect(res.body.error.code).toBe('NOT_AVAILABLE');
  });
});

describe('ops and docs', () => {
  it('serves health, readiness and Prometheus metrics without sign-in', async () => {
    expect((await api(s.url, '/api/health')).body).toMatchObject({ status: 'ok' });
    const ready = await api(s.url, '/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ store: { ok: true }, queue: { ok: true }, ffmpeg: { ok: true } });
    const metrics = await fetch(`${s.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await metrics.text();
    expect(text).toContain('# TYPE videogen_jobs gauge');
    expect(text).toMatch(/^videogen_jobs\{state="queued"\} \d+$/m);
    expect(text).toContain('# TYPE videogen_http_request_duration_seconds histogram');
    expect(text).toMatch(/^videogen_http_request_duration_seconds_bucket\{method="GET",route="\/api\/health",status="200",le="\+Inf"\} \d+$/m);
    expect(text).toMatch(/^videogen_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} \d+$/m);
    // Every line is a comment or `name{labels} value`.
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|[a-z_]+(\{[^}]*\})? [-+\d.eE]+|[a-z_]+(\{[^}]*\})? \+Inf)$/);
  });

  it('publishes an OpenAPI 3.1 document with the routes and swagger-ui at /docs', async () => {
    const doc = await api(s.url, '/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/videos', '/api/jobs/{id}', '/api/jobs/{id}/events', '/api/documents/upload', '/api/auth/login']));
    expect(doc.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties.email).toBeDefined();
    const ui = await fetch(`${s.url}/docs/`);
    expect(ui.status).toBe(200);
  });

  it('sends security headers with a same-origin CSP and no upgrade-insecure-requests', async () => {
    const res = await fetch(`${s.url}/api/health`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('lists catalogues for the builder', async () => {
    const kinds = await api(s.url, '/api/scene-kinds', { client: viewer });
    expect(kinds.body.kinds.length).toBe(SCENE_KINDS.length);
    const title = kinds.body.kinds.find((k: { kind: string }) => k.kind === 'title');
    expect(title.fields.title.description).toBe('Big title.');
    const themes = await api(s.url, '/api/themes', { client: viewer });
    expect(themes.body.themes).toHaveLength(12);
    const langs = await api(s.url, '/api/languages', { client: viewer });
    expect(langs.body.total).toBeGreaterThanOrEqual(29);
    const voices = await api(s.url, '/api/voices?lang=en', { client: viewer });
    expect(voices.status).toBe(200);
    expect(voices.body.voices.some((v: { provider: string }) => v.provider === 'espeak')).toBe(true);
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with Retry-After after too many sign-ins from one IP', async () => {
    const limited = await startServer({ server: { rateLimits: { auth: 3, write: 60, read: 600 } } });
    try {
      const statuses: number[] = [];
      let last: ApiResponse | undefined;
      for (let i = 0; i < 4; i++) {
        last = await api(limited.url, '/api/auth/login', { method: 'POST', body: { email: 'a@example.com', password: 'x' } });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(last!.body.error.code).toBe('RATE_LIMITED');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('shares the counters through Redis when several servers run (REDIS_URL)', async (ctx) => {
    if (!(await redisAvailable())) {
      console.warn('\n!!! SKIPPED: shared rate limits need Redis at ' + REDIS_URL + ' !!!\n');
      return ctx.skip();
    }
    const prefix = `vgtest-rl-${Date.now().toString(36)}`;
    const one = await startServer({ redisUrl: REDIS_URL, prefix, server: { rateLimits: { auth: 3, write: 60, read: 600 } } });
    const two = await startServer({ redisUrl: REDIS_URL, prefix, server: { rateLimits: { auth: 3, write: 60, read: 600 } } });
    try {
      const statuses: number[] = [];
      for (const url of [one.url, two.url, one.url, two.url]) statuses.push((await api(url, '/api/auth/login', { method: 'POST', body: { email: 'a@example.com', password: 'x' } })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

/**
 * Sends a request whose chunked body never ends (one first chunk, then nothing) and resolves with the response head
 * once the server has answered and closed the connection. If the server waited for the body it would never answer.
 */
async function endlessBody(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; head: string }> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  const lines = Object.entries({ host: `${hostname}:${port}`, 'transfer-encoding': 'chunked', ...headers }).map(([k, v]) => `${k}: ${v}\r\n`);
  const first = headers['content-type']?.startsWith('multipart/') ? '--b0undary\r\ncontent-disposition: form-data; name="file"; filename="big.md"\r\ncontent-type: text/markdown\r\n\r\n' + '#'.repeat(64 * 1024) : '{"spec": "' + 'x'.repeat(64 * 1024);
  socket.write(`POST ${path} HTTP/1.1\r\n${lines.join('')}\r\n${first.length.toString(16)}\r\n${first}\r\n`);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  // 'close' comes only when the server ends the connection: the body was neither awaited nor drained.
  await once(socket, 'close');
  return { status: Number(received.split(' ')[1]), head: received.split('\r\n\r\n')[0]! };
}

describe('authentication before the body', () => {
  it('answers 401 to an unauthenticated upload or JSON POST without reading its endless body', async () => {
    const upload = await endlessBody(s.url, '/api/documents/upload', { 'content-type': 'multipart/form-data; boundary=b0undary' });
    expect(upload.status).toBe(401);
    expect(upload.head.toLowerCase()).toContain('connection: close');
    expect((await endlessBody(s.url, '/api/videos', { 'content-type': 'application/json' })).status).toBe(401);
    expect((await endlessBody(s.url, '/api/videos', { 'content-type': 'application/json', authorization: 'Bearer vgk_not-a-key' })).status).toBe(401);
  });

  it('answers 403 to a wrong role or a missing CSRF token before the body, and still serves good requests', async () => {
    expect((await endlessBody(s.url, '/api/videos', { 'content-type': 'application/json', cookie: viewer.cookie!, 'x-csrf-token': viewer.csrf! })).status).toBe(403);
    expect((await endlessBody(s.url, '/api/videos', { 'content-type': 'application/json', cookie: editor.cookie! })).status).toBe(403);
    // The one public POST takes small bodies only.
    const huge = await api(s.url, '/api/auth/login', { method: 'POST', body: { email: 'ed@example.com', password: 'x'.repeat(100_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // A good request on a keep-alive connection is not told to close.
    const ok = await api(s.url, '/api/templates', { method: 'POST', body: { name: 'after', body: {} }, client: editor });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('connection')).not.toBe('close');
  });
});

/** Per-account lockout beside the per-IP limit, on PGlite and on PostgreSQL (where two servers share the counters). */
for (const backend of [{ name: 'PGlite' }, { name: 'PostgreSQL', databaseUrl: PG_URL }]) {
  describe(`per-account sign-in limits on ${backend.name}`, () => {
    let t: TestServer;
    let available = true;
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const attempt = (email: string, password: string, ip: string) => api(t.url, '/api/auth/login', { method: 'POST', body: { email, password }, headers: from(ip) });

    beforeAll(async () => {
      if (backend.databaseUrl && !(await postgresAvailable())) {
        available = false;
        console.warn(`\n!!! SKIPPING per-account sign-in limits on PostgreSQL: ${backend.databaseUrl} is unreachable !!!\n`);
        return;
      }
      // Behind a proxy: the per-IP limit (5 a minute) keys on X-Forwarded-For; the account lock comes after 4 failures.
      t = await startServer({ ...(backend.databaseUrl ? { databaseUrl: backend.databaseUrl } : {}), server: { trustProxy: true, rateLimits: { auth: 5, write: 60, read: 600 }, loginLock: { failures: 4, windowMinutes: 15, lockMinutes: 15 } } });
      for (const who of ['victim', 'bystander', 'resets', 'ipcheck']) await createUser(t.store, `${who}@example.com`);
    });
    afterAll(() => t?.close());

    it('locks an account after failures from different IPs, for every IP, with Retry-After; others are unaffected', async (ctx) => {
      if (!available) return ctx.skip();
      const statuses = [];
      for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) statuses.push((await attempt('victim@example.com', 'wrong password', ip)).status);
      expect(statuses).toEqual([401, 401, 401, 401]);
      // The right password from a fifth address is refused while the lock lasts.
      const locked = await attempt('victim@example.com', PASSWORD, '203.0.113.5');
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('RATE_LIMITED');
      expect(locked.body.error.message).toContain('this account');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(locked.body.error.details.retryAfterSeconds).toBe(Number(locked.headers.get('retry-after')));
      // Another account signs in from an address the attacker used: nobody else is locked out.
      expect((await attempt('bystander@example.com', PASSWORD, '203.0.113.1')).status).toBe(200);
      const audit = await t.store.audit.list({ limit: 100 });
      expect(audit.some((e) => e.action === 'auth.account_locked')).toBe(true);
    });

    it('treats an unknown email exactly like a known one', async (ctx) => {
      if (!available) return ctx.skip();
      const statuses = [];
      for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5']) statuses.push((await attempt('nobody@example.com', 'whatever', ip)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    });

    it('starts the count afresh after a successful sign-in', async (ctx) => {
      if (!available) return ctx.skip();
      const statuses = [];
      for (const [password, ip] of [['bad', '192.0.2.1'], ['bad', '192.0.2.2'], ['bad', '192.0.2.3'], [PASSWORD, '192.0.2.4'], ['bad', '192.0.2.5'], ['bad', '192.0.2.6'], ['bad', '192.0.2.7'], [PASSWORD, '192.0.2.8']] as const)
        statuses.push((await attempt('resets@example.com', password, ip)).status);
      expect(statuses).toEqual([401, 401, 401, 200, 401, 401, 401, 200]);
    });

    it('keeps the per-IP limit per client address behind the proxy', async (ctx) => {
      if (!available) return ctx.skip();
      const one = [];
      for (let i = 0; i < 6; i++) one.push((await attempt(`guess${i}@example.com`, 'x', '203.0.113.77')).status);
      expect(one).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await attempt('ipcheck@example.com', PASSWORD, '203.0.113.78')).status).toBe(200);
    });

    it('shares the lock between two server processes on one database', async (ctx) => {
      if (!available || !backend.databaseUrl) return ctx.skip();
      // Two API servers, each with its own store (own connection pool) on one PostgreSQL schema, as two processes run.
      const schema = freshSchema();
      const servers = await Promise.all([1, 2].map(async () => {
        const store = await openStore({ databaseUrl: backend.databaseUrl, schema, poolSize: 2 });
        const queue = createQueue({ store });
        const app = await buildServer({ store, queue, config: { ...t.config, server: { ...t.config.server, rateLimits: { auth: 100, write: 60, read: 600 } } }, logger: pino({ level: 'silent' }) });
        return { store, queue, app };
      }));
      const [one, two] = servers as [(typeof servers)[0], (typeof servers)[0]];
      const tryOn = async (app: typeof one.app, password: string, ip: string) => (await app.inject({ method: 'POST', url: '/api/auth/login', headers: from(ip), payload: { email: 'shared@example.com', password } })).statusCode;
      try {
        await createUser(one.store, 'shared@example.com');
        expect([await tryOn(one.app, 'bad', '203.0.113.21'), await tryOn(two.app, 'bad', '203.0.113.22'), await tryOn(one.app, 'bad', '203.0.113.23'), await tryOn(two.app, 'bad', '203.0.113.24')]).toEqual([401, 401, 401, 401]);
        expect(await tryOn(one.app, PASSWORD, '203.0.113.25')).toBe(429);
        expect(await tryOn(two.app, PASSWORD, '203.0.113.26')).toBe(429);
      } finally {
        for (const x of servers) {
          await x.app.close();
          await x.queue.close();
          await x.store.close();
        }
        await dropSchema(schema);
      }
    });
  });
}
