import { join } from 'node:path';
import type { VideogenConfig } from '../config.ts';
import type { StoreOptions } from './open-store.ts';

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite database under <home>/db. */
export function storeOptionsFrom(config: VideogenConfig): StoreOptions {
  if (config.databaseUrl) return { databaseUrl: config.databaseUrl, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) };
  return { dataDir: join(config.home, 'db') };
}
