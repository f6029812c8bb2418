import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, JobTranslationsTable } from './db-schema.ts';
import type { JobTranslation, TranslationState, TranslationsRepo } from './translation-types.ts';
import { date, json } from './rows.ts';

function toTranslation(row: Selectable<JobTranslationsTable>): JobTranslation {
  return { jobId: row.job_id, language: row.language, spec: row.spec, translatedBy: row.translated_by, state: row.state as TranslationState, updatedAt: date(row.updated_at) };
}

export function translationsRepo(db: Kysely<Database>): TranslationsRepo {
  return {
    async list(jobId) {
      const rows = await db.selectFrom('job_translations').selectAll().where('job_id', '=', jobId).orderBy('language').execute();
      return rows.map(toTranslation);
    },

    async get(jobId, language) {
      const row = await db.selectFrom('job_translations').selectAll().where('job_id', '=', jobId).where('language', '=', language).executeTakeFirst();
      return row && toTranslation(row);
    },

    async addPending(jobId, rows) {
      if (rows.length === 0) return;
      await db
        .insertInto('job_translations')
        .values(rows.map((r) => ({ job_id: jobId, language: r.language, spec: json(r.spec), translated_by: r.translatedBy, state: 'pending' })))
        // A second attempt of the same job (a crash after some rows were written) must not undo a person's edits.
        .onConflict((oc) => oc.columns(['job_id', 'language']).doNothing())
        .execute();
    },

    async updatePending(jobId, language, patch) {
      const row = await db
        .updateTable('job_translations')
        .set({ spec: json(patch.spec), translated_by: patch.translatedBy, updated_at: sql`now()` as unknown as Date })
        .where('job_id', '=', jobId)
        .where('language', '=', language)
        .where('state', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      return row && toTranslation(row);
    },

    async approveAll(jobId) {
      const rows = await db
        .updateTable('job_translations')
        .set({ state: 'approved', updated_at: sql`now()` as unknown as Date })
        .where('job_id', '=', jobId)
        .where('state', '=', 'pending')
        .returningAll()
        .execute();
      return rows.map(toTranslation).sort((a, b) => a.language.localeCompare(b.language));
    },
  };
}
