import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type VideogenConfig } from '../../src/config.ts';
import { channelTokens, connectChannel, publisherFor, revokeChannel, type ChannelDeps } from '../../src/publish/channels.ts';
import { pacificDay } from '../../src/publish/quota.ts';
import type { Store, User } from '../../src/store/index.ts';
import { freshSchema, PG_URL, pgliteBackend, postgresAvailable, postgresBackend, warnSkipped, type Backend } from '../store/helpers.ts';
import { startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';

const KEY = 'a'.repeat(64);
const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('channel rows read raw from PostgreSQL');
const schema = freshSchema();
const backend: Backend = hasPostgres ? postgresBackend(schema) : pgliteBackend();

let yt: FakeYouTube;
let store: Store;
let alice: User;
let bob: User;
let config: VideogenConfig;
let deps: ChannelDeps;

beforeAll(async () => {
  yt = await startFakeYouTube({ channel: { id: 'UCalice000000000000000001', title: 'Alice Explains' } });
  store = await backend.open();
  alice = await store.users.create({ email: 'alice@example.com', passwordHash: 'h', role: 'editor' });
  bob = await store.users.create({ email: 'bob@example.com', passwordHash: 'h', role: 'editor' });
  const base = loadConfig({}, {});
  config = { ...base, secretKey: KEY, publish: { ...base.publish, youtube: yt.settings() } };
  deps = { store, config };
});
afterAll(async () => {
  await store?.close();
  await backend.cleanup();
  await yt?.close();
});

describe('channels', () => {
  it('refuses to connect without VIDEOGEN_SECRET_KEY, before any request to Google', async () => {
    const before = yt.requests.length;
    await expect(connectChannel({ store, config: { ...config, secretKey: undefined } }, { ownerId: alice.id, refreshToken: yt.issueRefreshToken() })).rejects.toMatchObject({ code: 'SECRET_KEY_MISSING' });
    expect(yt.requests.length).toBe(before);
  });

  it('connects: named after the channel title, quota counted, token sealed (the raw row holds no token text)', async () => {
    const refreshToken = yt.issueRefreshToken();
    const channel = await connectChannel(deps, { ownerId: alice.id, refreshToken });
    expect(channel).toMatchObject({ name: 'Alice Explains', title: 'Alice Explains', externalId: 'UCalice000000000000000001', project: 'test-client', revokedAt: null, stats: { subscribers: 42 } });
    const quota = await store.quota.get('test-client', new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date()));
    expect(quota.calls['channels.list']).toBe(1);

    const raw = JSON.stringify(hasPostgres ? await rawChannelRow(channel.id) : await store.channels.get(channel.id));
    expect(raw).toContain('A256GCM');
    expect(raw).not.toContain(refreshToken);
    expect(raw).not.toContain(refreshToken.slice(5, 20));
    expect(raw).not.toContain('ya29');

    await expect(connectChannel(deps, { ownerId: alice.id, refreshToken: yt.issueRefreshToken() })).rejects.toMatchObject({ code: 'CONFLICT' });
    const again = await connectChannel(deps, { ownerId: alice.id, refreshToken: yt.issueRefreshToken(), replace: true });
    expect(again.id).toBe(channel.id);
    // Another user may use the same name: channels are per owner.
    expect((await connectChannel(deps, { ownerId: bob.id, refreshToken: yt.issueRefreshToken(), name: 'Alice Explains' })).ownerId).toBe(bob.id);
  });

  it('a sealed token copied to another owner does not open there', async () => {
    const mine = await connectChannel(deps, { ownerId: alice.id, refreshToken: yt.issueRefreshToken(), name: 'copy-source' });
    const theirs = await store.channels.create({ ownerId: bob.id, kind: 'youtube', name: 'stolen', externalId: null, title: null, project: 'test-client', credentials: mine.credentials! });
    await expect(channelTokens(deps, theirs).get()).rejects.toMatchObject({ code: 'SECRET_KEY_WRONG' });
  });

  it('caches the access token, refreshes after invalidate(), stores a rotated refresh token, and statistics work through it', async () => {
    const channel = await connectChannel(deps, { ownerId: alice.id, refreshToken: yt.issueRefreshToken(), name: 'tokens' });
    const tokens = channelTokens(deps, channel);
    const issued = yt.accessTokensIssued;
    const a = await tokens.get();
    expect(await tokens.get()).toBe(a);
    expect(yt.accessTokensIssued).toBe(issued);
    yt.rotateRefreshTokens = true;
    tokens.invalidate();
    const b = await tokens.get();
    yt.rotateRefreshTokens = false;
    expect(b).not.toBe(a);
    const row = await store.channels.get(channel.id);
    expect(row!.credentials).not.toEqual(channel.credentials);
    // The rotated token is the one that works now (the old one is revoked at the fake).
    tokens.invalidate();
    await expect(channelTokens(deps, row!).get()).resolves.toBeTruthy();
    // A 401 on a call: invalidated and refreshed once, transparently.
    yt.expireAccessTokens();
    const me = await publisherFor(deps, row!).whoAmI({ signal: new AbortController().signal, spend: async () => undefined, quotaExhausted: () => Promise.reject(new Error('no')) });
    expect(me.externalId).toBe('UCalice000000000000000001');
  });

  it('refreshes a minute before expiry: a token with under 60 s left is not used', async () => {
    const short = await startFakeYouTube({ accessTokenTtlSec: 50 });
    try {
      const shortDeps = { store, config: { ...config, publish: { ...config.publish, youtube: short.settings() } } };
      const channel = await connectChannel(shortDeps, { ownerId: alice.id, refreshToken: short.issueRefreshToken(), name: 'short-lived' });
      const tokens = channelTokens(shortDeps, channel);
      const issued = short.accessTokensIssued;
      await tokens.get();
      await tokens.get();
      expect(short.accessTokensIssued).toBe(issued + 2);
    } finally {
      await short.close();
    }
  });

  it('invalid_grant is CHANNEL_REAUTH; revokeChannel revokes at Google and clears the credentials', async () => {
    const refreshToken = yt.issueRefreshToken();
    const channel = await connectChannel(deps, { ownerId: alice.id, refreshToken, name: 'to-revoke' });
    const revoked = await revokeChannel(deps, channel);
    expect(revoked.credentials).toBeNull();
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(yt.requests.some((r) => r.path === '/revoke' && r.status === 200)).toBe(true);
    await expect(channelTokens(deps, revoked).get()).rejects.toMatchObject({ code: 'CHANNEL_REAUTH' });

    const other = await connectChannel(deps, { ownerId: alice.id, refreshToken: yt.issueRefreshToken(), name: 'google-revoked' });
    const tokens = channelTokens(deps, other);
    tokens.invalidate();
    yt.revokeRefreshTokens();
    await expect(tokens.get()).rejects.toMatchObject({ code: 'CHANNEL_REAUTH' });
  });

  it('a spent quota day refuses to connect with RATE_LIMITED and when to retry (never a 500), and a fresh grant is revoked', async () => {
    // Last in this file: it spends the rest of the project's day.
    await store.quota.charge(config.publish.youtube.clientId!, pacificDay(new Date()), 'videos.insert', config.publish.youtube.dailyQuota);
    const refreshToken = yt.issueRefreshToken();
    const refused = await connectChannel(deps, { ownerId: bob.id, refreshToken, name: 'second', revokeOnFailure: true }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    expect(String((refused as Error).message)).toContain('midnight Pacific');
    expect(await store.channels.byName(bob.id, 'second')).toBeUndefined();
    // The grant made for this connection does not outlive it.
    expect(yt.requests.some((r) => r.path === '/revoke')).toBe(true);
    await expect(connectChannel(deps, { ownerId: bob.id, refreshToken, name: 'third' })).rejects.toMatchObject({ code: 'CHANNEL_REAUTH' });
  });
});

async function rawChannelRow(id: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT row_to_json(c) AS row FROM "${schema}".channels c WHERE id = $1`, [id]);
    return rows[0]?.row;
  } finally {
    await client.end();
  }
}
