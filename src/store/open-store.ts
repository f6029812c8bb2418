import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { VideogenError } from '../errors.ts';
import type { Database } from './db-schema.ts';
import type { Store } from './types.ts';
import { migrationProvider } from './migrations.ts';
import { pgliteDialect } from './pglite-dialect.ts';
import { acquireDataDirLock, type LockOwner } from './lock.ts';
import { damagedError, forgetClient, isCorruptionError, openPGliteDir, rememberClient } from './pglite-open.ts';
import { jobsRepo } from './jobs-repo.ts';
import { jobEventsRepo } from './events-repo.ts';
import { usersRepo } from './users-repo.ts';
import { apiKeysRepo, sessionsRepo } from './auth-repos.ts';
import { twoFactorRepo } from './two-factor-repo.ts';
import { loginThrottleRepo } from './login-throttle-repo.ts';
import { auditRepo, templatesRepo, uploadsRepo } from './content-repos.ts';
import { channelsRepo, publicationsRepo, quotaRepo, schedulesRepo } from './publish-repos.ts';
import { storageRepo } from './storage-repo.ts';
import { erasureRepo } from './erasure-repo.ts';
import { translationsRepo } from './translations-repo.ts';

export interface StoreOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PostgreSQL schema holding every table (created if missing); default: the connection's current schema. */
  schema?: string;
  /** PGlite data directory (e.g. <VIDEOGEN_HOME>/db). */
  dataDir?: string;
  /** PGlite in memory (tests). */
  inMemory?: boolean;
  /** pg pool size. */
  poolSize?: number;
  /** Who holds the PGlite directory's lock, for the message another process gets (default: this CLI command). */
  lockOwner?: LockOwner;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens the database, applies pending migrations and returns the repositories. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  if (opts.schema !== undefined && !IDENTIFIER.test(opts.schema)) throw new VideogenError('USAGE', `database schema "${opts.schema}" must be a lower-case SQL identifier`);
  let db: Kysely<Database>;
  let dialect: Store['dialect'];
  let schema = opts.schema;
  let releaseEmbedded = async (): Promise<void> => undefined;
  if (opts.databaseUrl) {
    dialect = 'postgres';
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
    // An idle client's connection error (server restart) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'pglite';
    if (!opts.inMemory && !opts.dataDir) throw new VideogenError('USAGE', 'openStore needs databaseUrl, dataDir or inMemory');
    let client: PGlite;
    if (opts.inMemory) client = new PGlite();
    else {
      // Single writer: the lock is taken before PGlite touches the directory and kept until close() or exit.
      const dataDir = opts.dataDir!;
      const lock = await acquireDataDirLock(dataDir, opts.lockOwner);
      try {
        client = await openPGliteDir(dataDir);
        rememberClient(dataDir, client);
      } catch (error) {
        await lock.release();
        throw error;
      }
      releaseEmbedded = async () => {
        forgetClient(dataDir);
        await lock.release();
      };
    }
    await client.waitReady;
    db = new Kysely<Database>({ dialect: pgliteDialect(client) });
  }
  try {
    schema = await prepareSchema(db, schema);
    await migrate(db, schema);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    await releaseEmbedded();
    if (error instanceof VideogenError) throw error;
    if (dialect === 'pglite' && opts.dataDir && isCorruptionError(error)) throw damagedError(opts.dataDir, (error as Error).message, error);
    throw new VideogenError('NOT_AVAILABLE', `cannot open the ${dialect === 'postgres' ? 'PostgreSQL' : 'PGlite'} database: ${(error as Error).message}`, undefined, { cause: error });
  }
  return {
    dialect,
    users: usersRepo(db),
    sessions: sessionsRepo(db),
    twoFactor: twoFactorRepo(db),
    loginThrottle: loginThrottleRepo(db),
    apiKeys: apiKeysRepo(db),
    jobs: jobsRepo(db),
    events: jobEventsRepo(db),
    templates: templatesRepo(db),
    uploads: uploadsRepo(db),
    audit: auditRepo(db),
    storage: storageRepo(db),
    erasure: erasureRepo(db),
    channels: channelsRepo(db),
    publications: publicationsRepo(db),
    quota: quotaRepo(db),
    schedules: schedulesRepo(db),
    translations: translationsRepo(db),
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
      await releaseEmbedded();
    },
  };
}

/** Creates the requested schema, or finds the connection's current one, so the migrator's own tables live beside ours. */
async function prepareSchema(db: Kysely<Database>, schema: string | undefined): Promise<string> {
  if (schema) {
    try {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    } catch (error) {
      // Two processes starting together both pass the "if not exists" check; the loser's unique violation is harmless.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
    return schema;
  }
  const row = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const current = row.rows[0]?.schema;
  if (!current) throw new VideogenError('USAGE', 'the database search_path names no existing schema: create it, or set VIDEOGEN_DB_SCHEMA');
  return current;
}

async function migrate(db: Kysely<Database>, schema: string): Promise<void> {
  // Migrations run under the migrator's advisory lock: several workers starting at once apply each one once.
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new VideogenError('NOT_AVAILABLE', `database migration ${failed ?? ''} failed: ${(error as Error).message}`, undefined, { cause: error });
  }
}
