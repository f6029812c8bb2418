import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.ts';

/** The machine's PostgreSQL (VIDEOGEN_TEST_DATABASE_URL points the tests at another one). */
export const PG_URL = process.env.VIDEOGEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * In CI (CI=true) or with VIDEOGEN_REQUIRE_SERVICES=1 the real PostgreSQL and Redis suites must run: a missing service
 * fails the run instead of skipping its tests, so a green CI proves they ran.
 */
export const servicesRequired = () => process.env.CI === 'true' || process.env.VIDEOGEN_REQUIRE_SERVICES === '1';

function unavailable(service: string, url: string, error: unknown): false {
  if (servicesRequired()) throw new Error(`${service} at ${url} is required (CI=true or VIDEOGEN_REQUIRE_SERVICES=1) but not reachable: ${(error as Error).message}`);
  return false;
}

/** True when the test PostgreSQL answers within 2 s (throws instead of false when services are required). */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return unavailable('PostgreSQL', PG_URL, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function warnSkipped(what: string): void {
  console.warn(`\n!!! SKIPPED: ${what} — PostgreSQL at ${PG_URL} is not reachable. These tests did NOT run. !!!\n`);
}

/** A fresh schema name, so parallel runs (and other engineers) never see each other's rows. */
export function freshSchema(): string {
  return `vg_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

export function pgliteBackend(): Backend {
  return { name: 'pglite', open: () => openStore({ inMemory: true }), cleanup: async () => undefined };
}

export function postgresBackend(schema = freshSchema()): Backend {
  return { name: 'postgres', open: () => openStore({ databaseUrl: PG_URL, schema, poolSize: 5 }), cleanup: () => dropSchema(schema) };
}

export const REDIS_URL = process.env.VIDEOGEN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when the test Redis answers PING within 2 s. */
export async function redisAvailable(): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
