import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './db-schema.ts';
import type { TwoFactorRepo } from './types.ts';

/**
 * TOTP state lives on the users row (active secret, pending enrolment, last used time step); recovery codes in their
 * own table. Every "use once" is a single conditional UPDATE, so two servers accepting the same code at the same
 * moment cannot both succeed.
 */
export function twoFactorRepo(db: Kysely<Database>): TwoFactorRepo {
  const insertCodes = async (trx: Transaction<Database>, userId: string, codeHashes: string[]) => {
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (codeHashes.length) await trx.insertInto('recovery_codes').values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
  };

  return {
    async get(userId) {
      const row = await db
        .selectFrom('users')
        .select(['totp_secret', 'totp_pending_secret', 'totp_pending_at', 'totp_last_step'])
        .select((eb) =>
          eb
            .selectFrom('recovery_codes')
            .select(eb.fn.countAll<string | number>().as('n'))
            .whereRef('recovery_codes.user_id', '=', 'users.id')
            .where('recovery_codes.used_at', 'is', null)
            .as('codes_left'),
        )
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        secret: row.totp_secret,
        pendingSecret: row.totp_pending_secret,
        pendingAt: row.totp_pending_at ? new Date(row.totp_pending_at) : null,
        lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
        recoveryCodesLeft: Number(row.codes_left ?? 0),
      };
    },

    async startEnrolment(userId, secret) {
      await db.updateTable('users').set({ totp_pending_secret: secret, totp_pending_at: sql`now()` as unknown as Date }).where('id', '=', userId).execute();
    },

    async confirm(userId, pendingSecret, step, codeHashes) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('users')
          .set({ totp_secret: pendingSecret, totp_pending_secret: null, totp_pending_at: null, totp_last_step: step })
          .where('id', '=', userId)
          .where('totp_pending_secret', '=', pendingSecret)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await insertCodes(trx, userId, codeHashes);
        return true;
      });
    },

    async useStep(userId, step) {
      const result = await db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where('totp_secret', 'is not', null)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async useRecoveryCode(userId, codeHash) {
      const result = await db
        .updateTable('recovery_codes')
        .set({ used_at: sql`now()` as unknown as Date })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async replaceRecoveryCodes(userId, codeHashes) {
      await db.transaction().execute((trx) => insertCodes(trx, userId, codeHashes));
    },

    async disable(userId) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ totp_secret: null, totp_pending_secret: null, totp_pending_at: null, totp_last_step: null }).where('id', '=', userId).execute();
        await insertCodes(trx, userId, []);
      });
    },
  };
}
