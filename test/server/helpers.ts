import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { loadConfig, type ServerConfig, type VideogenConfig } from '../../src/config.ts';
import { createQueue } from '../../src/queue/create-queue.ts';
import type { JobQueue } from '../../src/queue/types.ts';
import { buildServer } from '../../src/server/app.ts';
import type { ServerSources } from '../../src/server/sources.ts';
import { hashPassword, openStore } from '../../src/store/index.ts';
import type { Role, Store, User } from '../../src/store/types.ts';

/**
 * A real server on a loopback port over a real store: PGlite in memory by default, or PostgreSQL when
 * VIDEOGEN_TEST_DATABASE_URL is set (each server gets a fresh schema there).
 */
/** VIDEOGEN_SECRET_KEY of every test server (32 bytes as hex). */
export const TEST_SECRET_KEY = '11'.repeat(32);

export interface TestServer {
  app: FastifyInstance;
  url: string;
  store: Store;
  queue: JobQueue;
  config: VideogenConfig;
  home: string;
  close(): Promise<void>;
}

export interface StartOptions {
  server?: Partial<ServerConfig>;
  sources?: ServerSources;
  databaseUrl?: string;
  /** BullMQ on this Redis instead of the in-process queue (with a prefix unique to the test run). */
  redisUrl?: string;
  /** Redis key prefix; servers given the same one share queue and rate-limit counters. */
  prefix?: string;
  /** Config fields over the test defaults (e.g. `{ secretKey, publish: { youtube: fake.settings(), statsMinutes } }`). */
  config?: Partial<VideogenConfig>;
  /** Runs after the store and queue exist, before the server starts (e.g. to start a worker); returns a stopper. */
  beforeListen?: (t: Omit<TestServer, 'app' | 'url' | 'close'>) => Promise<(() => Promise<void>) | void>;
}

export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const home = await mkdtemp(join(tmpdir(), 'videogen-server-'));
  // A fixed test key: two-factor secrets and channel tokens are sealed under it (tests that need none override it).
  const base = loadConfig({ home }, { PATH: process.env.PATH, VIDEOGEN_EDGE: '0', VIDEOGEN_TTS: 'espeak', VIDEOGEN_SECRET_KEY: TEST_SECRET_KEY });
  const schema = opts.databaseUrl ? `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}` : undefined;
  const store = await openStore(opts.databaseUrl ? { databaseUrl: opts.databaseUrl, schema: schema!, poolSize: 4 } : { inMemory: true });
  const prefix = opts.prefix ?? `vgtest-${schema ?? Date.now().toString(36)}`;
  const config: VideogenConfig = { ...base, ...opts.config, server: { ...base.server, ...opts.server }, ...(opts.redisUrl ? { redisUrl: opts.redisUrl, queuePrefix: prefix } : {}) };
  const queue = createQueue({ store, ...(opts.redisUrl ? { redisUrl: opts.redisUrl, prefix } : {}) });
  if ('ready' in queue && typeof queue.ready === 'function') await (queue as { ready(): Promise<void> }).ready();
  const stop = await opts.beforeListen?.({ store, queue, config, home });
  const app = await buildServer({ store, queue, config, logger: pino({ level: process.env.VIDEOGEN_TEST_LOG ?? 'silent' }), ...(opts.sources ? { sources: opts.sources } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    store,
    queue,
    config,
    home,
    async close() {
      await app.close();
      if (stop) await stop();
      await queue.close();
      if (opts.redisUrl) {
        const { Redis } = await import('ioredis');
        const redis = new Redis(opts.redisUrl);
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      }
      if (opts.databaseUrl && schema) {
        const pg = (await import('pg')).default;
        const client = new pg.Client({ connectionString: opts.databaseUrl });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      }
      await store.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

export async function createUser(store: Store, email: string, role: Role = 'editor'): Promise<User> {
  return store.users.create({ email, passwordHash: await hashPassword(PASSWORD), role });
}

export interface Client {
  cookie?: string;
  csrf?: string;
  key?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch with the client's credentials; JSON bodies in and out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed JSON
export async function api<T = any>(base: string, path: string, init: { method?: string; body?: unknown; client?: Client; headers?: Record<string, string>; form?: FormData; csrf?: boolean } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  const c = init.client;
  if (c?.cookie) headers.cookie = c.cookie;
  if (c?.key) headers.authorization = `Bearer ${c.key}`;
  if (c?.csrf && init.csrf !== false && init.method && init.method !== 'GET') headers['x-csrf-token'] = c.csrf;
  let body: BodyInit | undefined;
  if (init.form) body = init.form;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export async function login(base: string, email: string, password = PASSWORD): Promise<Client> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

export async function apiKeyFor(base: string, client: Client, name = 'test'): Promise<Client> {
  const res = await api(base, '/api/keys', { method: 'POST', body: { name }, client });
  if (res.status !== 201) throw new Error(`key failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { key: res.body.key };
}

export const TINY_SPEC = {
  id: 'tiny',
  title: 'Tiny',
  scenes: [
    { kind: 'title', title: 'Hello', narration: 'Hello there.' },
    { kind: 'outro', title: 'Bye', narration: 'Goodbye.' },
  ],
};

/** The cast of the ownership tests: an editor (whose rows they are), another editor and a viewer, each signed in. */
export async function editorOtherViewer(s: Pick<TestServer, 'store' | 'url'>): Promise<{ editorId: string; otherId: string; editor: Client; other: Client; viewer: Client }> {
  const editorId = (await createUser(s.store, 'ed@example.com', 'editor')).id;
  const otherId = (await createUser(s.store, 'other@example.com', 'editor')).id;
  await createUser(s.store, 'viewer@example.com', 'viewer');
  return { editorId, otherId, editor: await login(s.url, 'ed@example.com'), other: await login(s.url, 'other@example.com'), viewer: await login(s.url, 'viewer@example.com') };
}
