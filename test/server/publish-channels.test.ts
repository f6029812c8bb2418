import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretBoxFrom } from '../../src/publish/secret-box.ts';
import { sealState } from '../../src/server/oauth-state.ts';
import { startFakeYouTube, type FakeYouTube } from '../publish/fake-youtube.ts';
import { PG_URL, postgresAvailable, warnSkipped } from '../store/helpers.ts';
import { api, type Client, createUser, editorOtherViewer, login, startServer, type TestServer } from './helpers.ts';

/**
 * /api/channels against a real server (PGlite) and the fake YouTube on 127.0.0.1: the OAuth web flow end to end
 * (start → consent page → callback → stored sealed), forged, expired, foreign and declined states, the headless
 * refresh-token connect, rename, removal with revocation, quota, and owner-only rows. Tokens never appear in a
 * response or in the stored row.
 */
const CALLBACK = '/api/channels/oauth/callback';
const TOKEN_TEXT = /1\/\/fake-|ya29\.fake-/;

let yt: FakeYouTube;
let s: TestServer;
let secretKey: string;
let editor: Client;
let other: Client;
let viewer: Client;
let editorId: string;

beforeAll(async () => {
  yt = await startFakeYouTube({ channel: { id: 'UCscience000000000000001', title: 'Science Daily', subscribers: 1200, views: 45000, videos: 31 } });
  secretKey = randomBytes(32).toString('hex');
  s = await startServer({ config: { secretKey, publish: { youtube: yt.settings(), statsMinutes: 360 } } });
  ({ editorId, editor, other, viewer } = await editorOtherViewer(s));
}, 60_000);
afterAll(async () => {
  await s?.close();
  await yt?.close();
});

const actions = async (target: string) => (await s.store.audit.query({ userId: editorId, limit: 1000 })).filter((a) => a.target === target).map((a) => a.action).reverse();

/** What a browser does: POST start, follow the consent page's redirect, arrive at the callback signed in. */
async function webFlow(client: Client, body: Record<string, unknown> = {}, opts: { callbackClient?: Client; accept?: string } = {}) {
  const start = await api(s.url, '/api/channels/oauth/start', { method: 'POST', body, client });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const consent = await fetch(start.body.url, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get('location')!);
  const callbackClient = opts.callbackClient ?? client;
  const res = await fetch(back, { redirect: 'manual', headers: { ...(callbackClient.cookie ? { cookie: callbackClient.cookie } : {}), ...(opts.accept ? { accept: opts.accept } : {}) } });
  const text = await res.text();
  return { start: start.body, back, status: res.status, location: res.headers.get('location'), text, json: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : undefined };
}

describe('channels: OAuth web flow', () => {
  it('start gives the consent URL (PKCE S256, offline, our callback) and a sealed state', async () => {
    const res = await api(s.url, '/api/channels/oauth/start', { method: 'POST', body: { name: 'science' }, client: editor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const url = new URL(res.body.url);
    expect(url.origin).toBe(yt.url);
    expect(url.searchParams.get('redirect_uri')).toBe(`${s.url}${CALLBACK}`);
    expect(res.body.redirectUri).toBe(`${s.url}${CALLBACK}`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('state')).toBe(res.body.state);
    // The state is sealed: neither the verifier nor the owner can be read from it.
    const decoded = Buffer.from(res.body.state, 'base64url').toString();
    expect(decoded).not.toContain(editorId);
    expect(decoded).not.toContain('verifier');
  });

  it('start → consent → callback stores the channel sealed and sends the browser back to returnTo with ?channel=', async () => {
    const flow = await webFlow(editor, { name: 'science', returnTo: '/studio?tab=channels' });
    expect(flow.status, flow.text).toBe(303);
    const location = new URL(flow.location!, s.url);
    expect(location.origin).toBe(s.url);
    expect(location.pathname).toBe('/studio');
    expect(location.searchParams.get('tab')).toBe('channels');
    const id = location.searchParams.get('channel')!;
    const list = await api(s.url, '/api/channels', { client: editor });
    expect(list.body.channels).toEqual([expect.objectContaining({ id, name: 'science', externalId: 'UCscience000000000000001', title: 'Science Daily', revoked: false, project: 'test-client' })]);
    expect(JSON.stringify(list.body)).not.toMatch(TOKEN_TEXT);
    expect(list.body.channels[0]).not.toHaveProperty('credentials');
    const row = await s.store.channels.get(id);
    expect(row!.ownerId).toBe(editorId);
    expect(Object.keys(row!.credentials!).sort()).toEqual(['alg', 'data', 'iv', 'kid', 'tag', 'v']);
    expect(JSON.stringify(row)).not.toMatch(TOKEN_TEXT);
    expect(await actions(id)).toEqual(['channel.connect']);
    const entry = (await s.store.audit.query({ action: 'channel.connect', limit: 10 })).find((a) => a.target === id)!;
    expect(entry.details).toMatchObject({ via: 'oauth', name: 'science' });
  });

  it('answers JSON instead of a redirect when the callback accepts application/json', async () => {
    yt.channel = { id: 'UChistory00000000000000002', title: 'History Hour' };
    const flow = await webFlow(editor, {}, { accept: 'application/json' });
    expect(flow.status, flow.text).toBe(200);
    expect(flow.json).toMatchObject({ name: 'History Hour', externalId: 'UChistory00000000000000002', revoked: false });
    expect(flow.text).not.toMatch(TOKEN_TEXT);
  });

  it('a declined consent connects nothing: the browser goes back with ?channelError=access_denied, JSON gets a clear 403', async () => {
    const before = (await s.store.channels.list(editorId)).length;
    yt.consent = 'deny';
    try {
      const browser = await webFlow(editor, { returnTo: '/channels' });
      expect(browser.status).toBe(303);
      expect(browser.location).toBe('/channels?channelError=access_denied');
      const json = await webFlow(editor, {}, { accept: 'application/json' });
      expect(json.status).toBe(403);
      expect(json.json.error.message).toContain('declined');
    } finally {
      yt.consent = 'grant';
    }
    expect((await s.store.channels.list(editorId)).length).toBe(before);
  });

  it('refuses a forged, altered, expired or missing state with 400, and another user finishing the flow with 403', async () => {
    const start = await api(s.url, '/api/channels/oauth/start', { method: 'POST', body: {}, client: editor });
    const state = start.body.state as string;
    const callback = (query: string, client: Client = editor) => fetch(`${s.url}${CALLBACK}?${query}`, { headers: { cookie: client.cookie!, accept: 'application/json' }, redirect: 'manual' });
    const flipped = `${state.slice(0, 40)}${state[40] === 'A' ? 'B' : 'A'}${state.slice(41)}`;
    for (const bad of ['forged', flipped, Buffer.from(JSON.stringify({ ownerId: editorId, verifier: 'x', exp: Date.now() + 60_000 })).toString('base64url')]) {
      const res = await callback(`code=abc&state=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.message).toContain('query.state');
    }
    const box = secretBoxFrom({ secretKey });
    const expired = sealState(box, { ownerId: editorId, verifier: 'v'.repeat(43), redirectUri: `${s.url}${CALLBACK}` }, Date.now() - 11 * 60_000);
    const old = await callback(`code=abc&state=${expired}`);
    expect(old.status).toBe(400);
    expect((await old.json()).error.message).toContain('expired');
    const missing = await callback('code=abc');
    expect(missing.status).toBe(400);

    // The other user arrives with a valid state the editor started: refused, and the code is not spent on them.
    const consent = await fetch(start.body.url, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    const foreign = await fetch(back, { headers: { cookie: other.cookie!, accept: 'application/json' }, redirect: 'manual' });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.code).toBe('FORBIDDEN');
    expect(await s.store.channels.list((await s.store.users.byEmail('other@example.com'))!.id)).toEqual([]);
    const anonymous = await fetch(back, { redirect: 'manual' });
    expect(anonymous.status).toBe(401);
  });

  it('refuses returnTo outside this server', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'channels', '/..//evil.example', '/.//evil.example', '/%2e%2e//evil.example', '/a/..//evil.example']) {
      const res = await api(s.url, '/api/channels/oauth/start', { method: 'POST', body: { returnTo }, client: editor });
      expect(res.status, returnTo).toBe(400);
      expect(res.body.error.message).toContain('body.returnTo');
    }
  });
});

describe('channels: headless connect, rename, remove, quota, ownership', () => {
  let headlessId: string;

  it('connects with a refresh token (name defaults to the title); the token is never echoed', async () => {
    const refreshToken = yt.issueRefreshToken({ channel: { id: 'UCtech00000000000000000003', title: 'Tech Bits', subscribers: 10, views: 99, videos: 2 } });
    const res = await api(s.url, '/api/channels', { method: 'POST', body: { refreshToken }, client: editor });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: 'Tech Bits', externalId: 'UCtech00000000000000000003', revoked: false });
    expect(JSON.stringify(res.body)).not.toContain(refreshToken);
    headlessId = res.body.id;
    expect(JSON.stringify(await s.store.channels.get(headlessId))).not.toContain(refreshToken);
    const again = await api(s.url, '/api/channels', { method: 'POST', body: { refreshToken: yt.issueRefreshToken({ channel: { id: 'UCtech00000000000000000003', title: 'Tech Bits' } }) }, client: editor });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const bad = await api(s.url, '/api/channels', { method: 'POST', body: { refreshToken: 'not-a-token-at-all' }, client: editor });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
  });

  it('shows one channel with its statistics and recent publications; counts the connect calls in the quota', async () => {
    const res = await api(s.url, `/api/channels/${headlessId}`, { client: editor });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: headlessId, name: 'Tech Bits', publications: [] });
    expect(res.body).toHaveProperty('statsAt');
    const quota = await api(s.url, '/api/quota', { client: editor });
    expect(quota.status, JSON.stringify(quota.body)).toBe(200);
    expect(quota.body.quota).toEqual([expect.objectContaining({ project: 'test-client', limit: 10000 })]);
    const q = quota.body.quota[0];
    expect(q.used).toBeGreaterThan(0);
    expect(q.remaining).toBe(q.limit - q.used);
    expect(q.calls['channels.list']).toBeGreaterThan(0);
    expect(new Date(q.resetsAt).getTime()).toBeGreaterThan(Date.now());
    expect((await api(s.url, '/api/quota', { client: other })).body.quota).toEqual([]);
  });

  it('renames (unique per owner), audited', async () => {
    const res = await api(s.url, `/api/channels/${headlessId}`, { method: 'PATCH', body: { name: 'tech' }, client: editor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.name).toBe('tech');
    const clash = await api(s.url, `/api/channels/${headlessId}`, { method: 'PATCH', body: { name: 'science' }, client: editor });
    expect(clash.status).toBe(409);
    expect((await api(s.url, `/api/channels/${headlessId}`, { method: 'PATCH', body: { name: '' }, client: editor })).status).toBe(400);
    expect(await actions(headlessId)).toEqual(['channel.connect', 'channel.rename']);
  });

  it("hides a channel from everybody else (404) and lets a viewer only read", async () => {
    expect((await api(s.url, '/api/channels', { client: other })).body.channels).toEqual([]);
    for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'mine now' }], ['DELETE', undefined]] as const) {
      const res = await api(s.url, `/api/channels/${headlessId}`, { method, ...(body ? { body } : {}), client: other });
      expect(res.status, method).toBe(404);
    }
    expect((await api(s.url, '/api/channels', { client: viewer })).status).toBe(200);
    expect((await api(s.url, '/api/channels', { method: 'POST', body: { refreshToken: yt.issueRefreshToken() }, client: viewer })).status).toBe(403);
    expect((await api(s.url, '/api/channels/oauth/start', { method: 'POST', body: {}, client: viewer })).status).toBe(403);
  });

  it('removes a channel: the token is revoked at the platform first (also after a rename), then the row is gone', async () => {
    const revokesBefore = yt.requests.filter((r) => r.path.endsWith('/revoke')).length;
    const res = await api(s.url, `/api/channels/${headlessId}`, { method: 'DELETE', client: editor });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    const revokes = yt.requests.filter((r) => r.path.endsWith('/revoke'));
    expect(revokes.length).toBe(revokesBefore + 1);
    expect(revokes.at(-1)!.status).toBe(200);
    expect(await s.store.channels.get(headlessId)).toBeUndefined();
    expect((await api(s.url, `/api/channels/${headlessId}`, { client: editor })).status).toBe(404);
    expect(await actions(headlessId)).toEqual(['channel.connect', 'channel.rename', 'channel.remove']);
  });
});

describe('channels: a server without the secret key or the OAuth client', () => {
  it('refuses to connect without VIDEOGEN_SECRET_KEY (503 SECRET_KEY_MISSING) and without a client id (501)', async () => {
    const bare = await startServer({ config: { secretKey: undefined, publish: { youtube: yt.settings(), statsMinutes: 360 } } });
    const noClient = await startServer({ config: { secretKey, publish: { youtube: yt.settings({ clientId: undefined, clientSecret: undefined }), statsMinutes: 360 } } });
    try {
      await createUser(bare.store, 'ed@example.com', 'editor');
      await createUser(noClient.store, 'ed@example.com', 'editor');
      const c = await login(bare.url, 'ed@example.com');
      const before = yt.requests.length;
      const connect = await api(bare.url, '/api/channels', { method: 'POST', body: { refreshToken: yt.issueRefreshToken() }, client: c });
      expect(connect.status).toBe(503);
      expect(connect.body.error.code).toBe('SECRET_KEY_MISSING');
      expect(yt.requests.length).toBe(before);
      const start = await api(bare.url, '/api/channels/oauth/start', { method: 'POST', body: {}, client: c });
      expect(start.status).toBe(503);
      const n = await login(noClient.url, 'ed@example.com');
      const start2 = await api(noClient.url, '/api/channels/oauth/start', { method: 'POST', body: {}, client: n });
      expect(start2.status).toBe(501);
      expect(start2.body.error.message).toContain('YOUTUBE_CLIENT_ID');
    } finally {
      await bare.close();
      await noClient.close();
    }
  });
});

describe('channels: behind a public address', () => {
  it('sends Google back to VIDEOGEN_PUBLIC_URL, and the callback uses the redirect URI the flow started with', async () => {
    const behind = await startServer({ server: { publicUrl: 'https://videos.example.com' }, config: { secretKey, publish: { youtube: yt.settings(), statsMinutes: 360 } } });
    try {
      await createUser(behind.store, 'ed@example.com', 'editor');
      const c = await login(behind.url, 'ed@example.com');
      const start = await api(behind.url, '/api/channels/oauth/start', { method: 'POST', body: {}, client: c });
      expect(start.body.redirectUri).toBe(`https://videos.example.com${CALLBACK}`);
      expect(new URL(start.body.url).searchParams.get('redirect_uri')).toBe(`https://videos.example.com${CALLBACK}`);
      // The browser would arrive at the public address; here the same request reaches the server directly.
      const consent = await fetch(start.body.url, { redirect: 'manual' });
      const back = new URL(consent.headers.get('location')!);
      expect(back.origin).toBe('https://videos.example.com');
      const res = await fetch(`${behind.url}${back.pathname}${back.search}`, { headers: { cookie: c.cookie!, accept: 'application/json' }, redirect: 'manual' });
      expect(res.status, await res.clone().text()).toBe(200);
      expect((await res.json()).externalId).toBe(yt.channel.id);
    } finally {
      await behind.close();
    }
  }, 60_000);
});

describe('channels on PostgreSQL: the raw row', () => {
  it('holds no token text: only the AES-GCM envelope, which does not open without the key', async () => {
    if (!(await postgresAvailable())) return warnSkipped('raw channel row on PostgreSQL');
    const server = await startServer({ databaseUrl: PG_URL, config: { secretKey, publish: { youtube: yt.settings(), statsMinutes: 360 } } });
    const client = new pg.Client({ connectionString: PG_URL });
    try {
      await createUser(server.store, 'raw@example.com', 'editor');
      const c = await login(server.url, 'raw@example.com');
      const refreshToken = yt.issueRefreshToken({ channel: { id: 'UCraw000000000000000000004', title: 'Raw' } });
      const res = await api(server.url, '/api/channels', { method: 'POST', body: { refreshToken }, client: c });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await client.connect();
      const schemas = await client.query<{ table_schema: string }>("select table_schema from information_schema.tables where table_name = 'channels' and table_schema like 't\\_%'");
      let raw: Record<string, unknown> | undefined;
      for (const { table_schema } of schemas.rows) {
        const rows = await client.query(`select * from "${table_schema}".channels where id = $1`, [res.body.id]);
        if (rows.rows[0]) raw = rows.rows[0] as Record<string, unknown>;
      }
      expect(raw).toBeDefined();
      const text = JSON.stringify(raw);
      expect(text).not.toContain(refreshToken);
      expect(text).not.toMatch(TOKEN_TEXT);
      const sealed = raw!.credentials as { alg: string; data: string };
      expect(sealed.alg).toBe('A256GCM');
      expect(Buffer.from(sealed.data, 'base64').toString('latin1')).not.toMatch(/refresh/i);
    } finally {
      await client.end().catch(() => undefined);
      await server.close();
    }
  }, 60_000);
});
