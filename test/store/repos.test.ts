import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, User } from '../../src/store/index.ts';
import { hashPassword, openStore, verifyPassword } from '../../src/store/index.ts';
import { pgliteBackend, postgresAvailable, postgresBackend, warnSkipped, type Backend } from './helpers.ts';

const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('store repository suite on PostgreSQL');
const backends: Backend[] = [pgliteBackend(), ...(hasPostgres ? [postgresBackend()] : [])];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)('store on $name', (backend) => {
  let store: Store;
  let alice: User;
  let bob: User;
  beforeAll(async () => {
    store = await backend.open();
    alice = await store.users.create({ email: ' Alice@Example.com ', passwordHash: 'h1', role: 'admin' });
    bob = await store.users.create({ email: 'bob@example.com', passwordHash: 'h2', role: 'viewer' });
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('pings, and migrations are idempotent on reopen', async () => {
    await store.ping();
    expect(store.dialect).toBe(backend.name);
    if (backend.name === 'postgres') {
      const again = await backend.open();
      expect(await again.users.count()).toBe(2);
      await again.close();
    }
  });

  it('users: emails are unique case-insensitively; update and list', async () => {
    expect(alice.email).toBe('alice@example.com');
    expect((await store.users.byEmail('ALICE@example.com'))?.id).toBe(alice.id);
    await expect(store.users.create({ email: 'alice@EXAMPLE.com', passwordHash: 'x', role: 'editor' })).rejects.toThrow();
    const updated = await store.users.update(bob.id, { role: 'editor', totpSecret: 'SECRET' });
    expect(updated?.role).toBe('editor');
    expect(updated?.totpSecret).toBe('SECRET');
    expect((await store.users.list()).map((u) => u.email)).toEqual(['alice@example.com', 'bob@example.com']);
    expect(await store.users.count()).toBe(2);
    expect(await store.users.get('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('sessions: create, get, delete, deleteExpired', async () => {
    const live = await store.sessions.create({ id: 'sha-live', userId: alice.id, csrfSecret: 'c', expiresAt: new Date(Date.now() + 60_000) });
    await store.sessions.create({ id: 'sha-old', userId: alice.id, csrfSecret: 'c', expiresAt: new Date(Date.now() - 1_000) });
    expect(live.expiresAt).toBeInstanceOf(Date);
    expect(await store.sessions.deleteExpired()).toBe(1);
    expect(await store.sessions.get('sha-old')).toBeUndefined();
    expect((await store.sessions.get('sha-live'))?.userId).toBe(alice.id);
    await store.sessions.delete('sha-live');
    expect(await store.sessions.get('sha-live')).toBeUndefined();
  });

  it('api keys: by hash, per user, touch, delete only by its owner', async () => {
    const key = await store.apiKeys.create({ userId: alice.id, name: 'ci', prefix: 'vg_abcd1', keyHash: 'hash-1' });
    expect(key.lastUsedAt).toBeNull();
    await store.apiKeys.touch(key.id);
    expect((await store.apiKeys.byHash('hash-1'))?.lastUsedAt).toBeInstanceOf(Date);
    expect(await store.apiKeys.list(bob.id)).toEqual([]);
    expect(await store.apiKeys.delete(key.id, bob.id)).toBe(false);
    expect(await store.apiKeys.delete(key.id, alice.id)).toBe(true);
  });

  it('jobs: create with JSON input, list newest first with keyset paging, count by state', async () => {
    const input = { spec: { title: 'A "quoted" title', scenes: [1, 2, 3] } };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await store.jobs.create({ ownerId: bob.id, kind: 'render', input, options: { preset: 'draft' }, title: `job ${i}` })).id);
    const job = await store.jobs.get(ids[0]!);
    expect(job).toMatchObject({ state: 'queued', attempts: 0, maxAttempts: 3, progress: 0, input, options: { preset: 'draft' }, cancelRequested: false, title: 'job 0' });
    const page1 = await store.jobs.list({ ownerId: bob.id, limit: 3 });
    expect(page1.map((j) => j.title)).toEqual(['job 4', 'job 3', 'job 2']);
    const page2 = await store.jobs.list({ ownerId: bob.id, limit: 3, before: page1[2]!.id });
    expect(page2.map((j) => j.title)).toEqual(['job 1', 'job 0']);
    expect((await store.jobs.list({ ownerId: bob.id, state: ['running', 'failed'] })).length).toBe(0);
    expect((await store.jobs.countByState()).queued).toBeGreaterThanOrEqual(5);
    for (const id of ids) await store.jobs.delete(id);
  });

  it('jobs: claim takes the oldest runnable job once, honours runAfter and ids, and takes over lapsed leases', async () => {
    const a = await store.jobs.create({ ownerId: bob.id, kind: 'render', input: {} });
    const b = await store.jobs.create({ ownerId: bob.id, kind: 'render', input: {} });
    await store.jobs.update(a.id, { runAfter: new Date(Date.now() + 60_000) });
    const onlyA = await store.jobs.claim('w1', 10_000, [a.id]);
    expect(onlyA).toBeUndefined();
    const first = await store.jobs.claim('w1', 300);
    expect(first?.id).toBe(b.id);
    expect(first).toMatchObject({ state: 'running', attempts: 1, leaseOwner: 'w1' });
    expect(first!.startedAt).toBeInstanceOf(Date);
    expect(await store.jobs.claim('w2', 10_000)).toBeUndefined();
    expect(await store.jobs.heartbeat(b.id, 'w2', 10_000)).toBe(false);
    await sleep(450);
    const taken = await store.jobs.claim('w2', 10_000);
    expect(taken).toMatchObject({ id: b.id, leaseOwner: 'w2', attempts: 2 });
    expect(await store.jobs.heartbeat(b.id, 'w1', 10_000)).toBe(false);
    expect(await store.jobs.heartbeat(b.id, 'w2', 10_000)).toBe(true);
    // The old owner can no longer write; the new one can.
    expect(await store.jobs.update(b.id, { state: 'failed' }, { leaseOwner: 'w1' })).toBeUndefined();
    expect((await store.jobs.update(b.id, { state: 'succeeded', leaseOwner: null }, { leaseOwner: 'w2' }))?.state).toBe('succeeded');
    await store.jobs.update(a.id, { runAfter: new Date(Date.now() - 1) });
    expect((await store.jobs.claim('w3', 1_000, [a.id]))?.id).toBe(a.id);
    expect(await store.jobs.claim('w3', 1_000, [])).toBeUndefined();
  });

  it('jobs: requestCancel cancels a queued job at once and flags a running one (heartbeat then fails)', async () => {
    const queued = await store.jobs.create({ ownerId: bob.id, kind: 'render', input: {} });
    const cancelled = await store.jobs.requestCancel(queued.id);
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelRequested: true });
    expect(cancelled!.finishedAt).toBeInstanceOf(Date);
    expect(await store.jobs.requestCancel(queued.id)).toBeUndefined();
    expect(await store.jobs.claim('w', 1_000, [queued.id])).toBeUndefined();

    const running = await store.jobs.create({ ownerId: bob.id, kind: 'render', input: {} });
    await store.jobs.claim('w', 10_000, [running.id]);
    const flagged = await store.jobs.requestCancel(running.id);
    expect(flagged).toMatchObject({ state: 'running', cancelRequested: true, finishedAt: null });
    expect(await store.jobs.heartbeat(running.id, 'w', 10_000)).toBe(false);
  });

  it('events: monotonic ids, per job or per owner, after an id', async () => {
    const j1 = await store.jobs.create({ ownerId: alice.id, kind: 'render', input: {} });
    const j2 = await store.jobs.create({ ownerId: alice.id, kind: 'render', input: {} });
    const e1 = await store.events.append({ jobId: j1.id, ownerId: alice.id, type: 'state', data: { state: 'queued' } });
    const e2 = await store.events.append({ jobId: j2.id, ownerId: alice.id, type: 'progress', data: { stage: 'render', progress: 0.5 } });
    const e3 = await store.events.append({ jobId: j1.id, ownerId: alice.id, type: 'state', data: { state: 'running' } });
    expect(typeof e1.id).toBe('number');
    expect(e1.id < e2.id && e2.id < e3.id).toBe(true);
    expect((await store.events.list({ jobId: j1.id })).map((e) => e.data.state)).toEqual(['queued', 'running']);
    expect((await store.events.list({ ownerId: alice.id, afterId: e1.id })).map((e) => e.id)).toEqual([e2.id, e3.id]);
    expect((await store.events.list({ ownerId: bob.id })).length).toBe(0);
    // Deleting a job deletes its events.
    expect(await store.jobs.delete(j1.id)).toBe(true);
    expect(await store.events.list({ jobId: j1.id })).toEqual([]);
  });

  it('templates, uploads and the audit log', async () => {
    const t = await store.templates.create({ ownerId: alice.id, name: 'Weekly', description: null, body: { variables: ['topic'], body: 'x' } });
    const t2 = await store.templates.update(t.id, { name: 'Weekly 2', body: { variables: [] } });
    expect(t2).toMatchObject({ name: 'Weekly 2', body: { variables: [] }, description: null });
    expect((await store.templates.list(alice.id)).length).toBe(1);
    expect(await store.templates.delete(t.id)).toBe(true);

    const u = await store.uploads.create({ id: '11111111-2222-4333-8444-555555555555', ownerId: alice.id, filename: 'notes.md', mediaType: 'text/markdown', bytes: 5_000_000_000, sha256: 'ab', path: '/x/1111' });
    expect(u.bytes).toBe(5_000_000_000);
    expect((await store.uploads.get(u.id))?.filename).toBe('notes.md');
    expect((await store.uploads.list(alice.id)).length).toBe(1);
    expect(await store.uploads.delete(u.id)).toBe(true);

    await store.audit.record({ actorId: alice.id, action: 'user.create', target: bob.id, details: { role: 'viewer' }, ip: '127.0.0.1' });
    await store.audit.record({ actorId: null, action: 'login.failed', target: null, details: {}, ip: null });
    const log = await store.audit.list({ limit: 10 });
    expect(log.map((e) => e.action)).toEqual(['login.failed', 'user.create']);
    expect(log[1]).toMatchObject({ actorId: alice.id, details: { role: 'viewer' }, ip: '127.0.0.1' });
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

describe('PGlite on disk', () => {
  it('persists across close and reopen, and migrates once', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'videogen-pglite-')), 'db');
    const first = await openStore({ dataDir });
    await first.users.create({ email: 'persist@example.com', passwordHash: 'x', role: 'viewer' });
    await first.close();
    const second = await openStore({ dataDir });
    try {
      expect((await second.users.byEmail('persist@example.com'))?.role).toBe('viewer');
    } finally {
      await second.close();
    }
  }, 90_000);
});
