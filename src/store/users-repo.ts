import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db-schema.ts';
import type { UsersRepo } from './types.ts';
import { toUser } from './rows.ts';

/** Emails compare case-insensitively: stored lower-cased and trimmed. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function usersRepo(db: Kysely<Database>): UsersRepo {
  return {
    async create(user) {
      const row = await db
        .insertInto('users')
        .values({ id: randomUUID(), email: normaliseEmail(user.email), password_hash: user.passwordHash, role: user.role, totp_secret: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    async get(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },
    async byEmail(email) {
      const row = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
      return row && toUser(row);
    },
    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toUser);
    },
    async update(id, patch) {
      const set = {
        ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.totpSecret !== undefined ? { totp_secret: patch.totpSecret } : {}),
      };
      if (Object.keys(set).length === 0) return this.get(id);
      const row = await db.updateTable('users').set(set).where('id', '=', id).returningAll().executeTakeFirst();
      return row && toUser(row);
    },
    async count() {
      const row = await db.selectFrom('users').select(db.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
