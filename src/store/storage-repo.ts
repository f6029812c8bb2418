import { sql, type Kysely } from 'kysely';
import type { Database } from './db-schema.ts';
import type { StorageRepo } from './types.ts';

const toDate = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

/**
 * Storage quota bookkeeping. Upload sizes are known at upload time; a job's output size is measured once after it
 * succeeded (by the server, which can see the artifact store) and kept with the finished_at of the result it measured,
 * so only new results are measured again.
 */
export function storageRepo(db: Kysely<Database>): StorageRepo {
  return {
    async unmeasuredOutputs(ownerId) {
      const rows = await db
        .selectFrom('jobs')
        .select(['id', 'output_dir', 'finished_at'])
        .where('owner_id', '=', ownerId)
        .where('state', '=', 'succeeded')
        .where('output_dir', 'is not', null)
        .where(sql<boolean>`output_measured_at is distinct from finished_at`)
        .execute();
      return rows.map((r) => ({ jobId: r.id, outputDir: r.output_dir!, finishedAt: toDate(r.finished_at) }));
    },

    async setOutputBytes(jobId, bytes, finishedAt) {
      await db.updateTable('jobs').set({ output_bytes: bytes, output_measured_at: finishedAt }).where('id', '=', jobId).execute();
    },

    async usage(ownerId) {
      const uploads = await db.selectFrom('uploads').select(sql<string | number | null>`sum(bytes)`.as('n')).where('owner_id', '=', ownerId).executeTakeFirst();
      const outputs = await db
        .selectFrom('jobs')
        .select(sql<string | number | null>`sum(output_bytes)`.as('n'))
        .where('owner_id', '=', ownerId)
        .where('state', '=', 'succeeded')
        .executeTakeFirst();
      return { uploadsBytes: Number(uploads?.n ?? 0), outputsBytes: Number(outputs?.n ?? 0) };
    },
  };
}
