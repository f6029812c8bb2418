import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './db-schema.ts';
import type { ApiKeysRepo, SessionsRepo } from './types.ts';
import { toApiKey, toSession } from './rows.ts';

export function sessionsRepo(db: Kysely<Database>): SessionsRepo {
  return {
    async create(session) {
      const row = await db
        .insertInto('sessions')
        .values({ id: session.id, user_id: session.userId, csrf_secret: session.csrfSecret, expires_at: session.expiresAt, ip: session.ip ?? null, user_agent: session.userAgent ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSession(row);
    },
    async get(id) {
      const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSession(row);
    },
    async delete(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteExpired(now = new Date()) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async listForUser(userId) {
      const rows = await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).where('expires_at', '>', sql<Date>`now()`).orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(toSession);
    },
    async deleteForUser(userId, exceptId) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
      const result = await q.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async touch(id) {
      await db.updateTable('sessions').set({ last_seen_at: sql`now()` as unknown as Date }).where('id', '=', id).execute();
    },
  };
}

export function apiKeysRepo(db: Kysely<Database>): ApiKeysRepo {
  return {
    async create(key) {
      const row = await db
        .insertInto('api_keys')
        .values({ id: randomUUID(), user_id: key.userId, name: key.name, prefix: key.prefix, key_hash: key.keyHash, last_used_at: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toApiKey(row);
    },
    async byHash(keyHash) {
      const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
      return row && toApiKey(row);
    },
    async list(userId) {
      const rows = await db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
      return rows.map(toApiKey);
    },
    async delete(id, userId) {
      const result = await db.deleteFrom('api_keys').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async touch(id) {
      await db.updateTable('api_keys').set({ last_used_at: sql`now()` as unknown as Date }).where('id', '=', id).execute();
    },
  };
}
