import type { Kysely } from 'kysely';
import type { Database } from './db-schema.ts';
import type { JobEventsRepo } from './types.ts';
import { json, toJobEvent } from './rows.ts';

export function jobEventsRepo(db: Kysely<Database>): JobEventsRepo {
  return {
    async append(event) {
      const row = await db
        .insertInto('job_events')
        .values({ job_id: event.jobId, owner_id: event.ownerId, type: event.type, data: json(event.data) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toJobEvent(row);
    },

    async list(opts) {
      let q = db.selectFrom('job_events').selectAll();
      if (opts.jobId) q = q.where('job_id', '=', opts.jobId);
      if (opts.ownerId) q = q.where('owner_id', '=', opts.ownerId);
      if (opts.afterId !== undefined) q = q.where('id', '>', opts.afterId as never);
      const rows = await q.orderBy('id', 'asc').limit(Math.min(Math.max(opts.limit ?? 1000, 1), 10_000)).execute();
      return rows.map(toJobEvent);
    },
  };
}
