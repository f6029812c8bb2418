import { sql, type Kysely } from 'kysely';
import { VideogenError } from '../errors.ts';
import type { Database } from './db-schema.ts';
import type { ErasureRepo } from './types.ts';
import { json } from './rows.ts';

const count = (result: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(result.numDeletedRows ?? result.numUpdatedRows ?? 0);

/**
 * Account erasure (GDPR art. 17). The audit log is not deleted: entries the user made or that are about them keep the
 * user's id, the action and the time — enough to show that something happened and who did it — while their details
 * (emails, file names, titles) and IP addresses are cleared. Failed sign-ins with the user's email are stripped too.
 */
export function erasureRepo(db: Kysely<Database>): ErasureRepo {
  return {
    async eraseUser(userId, record) {
      return db.transaction().execute(async (trx) => {
        // Admin rows are locked first: two admins erasing each other at once are serialised here, and the second sees
        // that it would leave the server with no admin.
        const admins = await trx.selectFrom('users').select('id').where('role', '=', 'admin').forUpdate().execute();
        const user = await trx.selectFrom('users').select(['id', 'email', 'role']).where('id', '=', userId).forUpdate().executeTakeFirst();
        if (!user) return undefined;
        if (user.role === 'admin' && !admins.some((a) => a.id !== userId)) throw new VideogenError('CONFLICT', `${userId} is the only admin; make another admin first`);
        const jobIds = trx.selectFrom('jobs').select('id').where('owner_id', '=', userId);
        const jobEvents = count(await trx.deleteFrom('job_events').where((eb) => eb.or([eb('owner_id', '=', userId), eb('job_id', 'in', jobIds)])).executeTakeFirst());
        const deletedJobs = await trx.deleteFrom('jobs').where('owner_id', '=', userId).returning(['id', 'output_dir']).execute();
        const deletedUploads = await trx.deleteFrom('uploads').where('owner_id', '=', userId).returning('path').execute();
        const templates = count(await trx.deleteFrom('templates').where('owner_id', '=', userId).executeTakeFirst());
        const apiKeys = count(await trx.deleteFrom('api_keys').where('user_id', '=', userId).executeTakeFirst());
        const sessions = count(await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst());
        // Tables added by later migrations (recovery codes, login counters, videos, schedules…) follow by ON DELETE CASCADE.
        await trx.deleteFrom('users').where('id', '=', userId).execute();
        const auditAnonymised = count(
          await trx
            .updateTable('audit_log')
            .set({ details: json({ anonymised: true }), ip: null })
            .where((eb) => eb.or([eb('actor_id', '=', userId), eb('target', '=', userId), eb(sql`details->>'email'`, '=', user.email)]))
            .executeTakeFirst(),
        );
        await trx.insertInto('audit_log').values({ actor_id: record.actorId, action: record.action, target: record.target, details: json(record.details), ip: record.ip }).execute();
        return {
          deleted: { jobs: deletedJobs.map((j) => ({ id: j.id, outputDir: j.output_dir })), uploadPaths: deletedUploads.map((u) => u.path) },
          sessions,
          apiKeys,
          jobs: deletedJobs.length,
          jobEvents,
          uploads: deletedUploads.length,
          templates,
          auditAnonymised,
        };
      });
    },
  };
}
