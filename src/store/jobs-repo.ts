import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, JobsTable } from './db-schema.ts';
import type { JobFilter, JobPatch, JobsRepo, JobState, NewJob } from './types.ts';
import { json, toJob } from './rows.ts';

const STATES: JobState[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
/** Lease arithmetic happens in the database clock, so workers on machines with skewed clocks agree on expiry. */
const leaseUntil = (ms: number) => sql<Date>`now() + (${ms}::double precision * interval '1 millisecond')`;

const COLUMNS: Record<keyof JobPatch, keyof JobsTable> = {
  state: 'state',
  stage: 'stage',
  progress: 'progress',
  errorCode: 'error_code',
  errorMessage: 'error_message',
  outputDir: 'output_dir',
  leaseOwner: 'lease_owner',
  leaseExpiresAt: 'lease_expires_at',
  cancelRequested: 'cancel_requested',
  runAfter: 'run_after',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  attempts: 'attempts',
};

export function jobsRepo(db: Kysely<Database>): JobsRepo {
  return {
    async create(job: NewJob) {
      const row = await db
        .insertInto('jobs')
        .values({
          id: randomUUID(),
          owner_id: job.ownerId,
          kind: job.kind,
          state: 'queued',
          stage: null,
          progress: 0,
          input: json(job.input),
          options: json(job.options ?? {}),
          attempts: 0,
          max_attempts: job.maxAttempts ?? 3,
          error_code: null,
          error_message: null,
          output_dir: null,
          lease_owner: null,
          lease_expires_at: null,
          cancel_requested: false,
          started_at: null,
          finished_at: null,
          title: job.title ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toJob(row);
    },

    async get(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toJob(row);
    },

    async list(filter: JobFilter) {
      let q = db.selectFrom('jobs').selectAll();
      if (filter.ownerId) q = q.where('owner_id', '=', filter.ownerId);
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      if (filter.state) q = q.where('state', 'in', Array.isArray(filter.state) ? filter.state : [filter.state]);
      if (filter.before) {
        const before = filter.before;
        // Keyset paging on (created_at, id): stable under inserts, unlike OFFSET.
        q = q.where(({ eb, refTuple, selectFrom }) =>
          eb(refTuple('created_at', 'id'), '<', selectFrom('jobs as b').select(['b.created_at', 'b.id']).where('b.id', '=', before).$asTuple('created_at', 'id')),
        );
      }
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(Math.min(Math.max(filter.limit ?? 50, 1), 500)).execute();
      return rows.map(toJob);
    },

    async countByState() {
      const rows = await db.selectFrom('jobs').select(['state', db.fn.countAll<string | number>().as('n')]).groupBy('state').execute();
      const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<JobState, number>;
      for (const row of rows) counts[row.state as JobState] = Number(row.n);
      return counts;
    },

    async claim(worker, leaseMs, ids) {
      if (ids && ids.length === 0) return undefined;
      const only = ids ? sql`and id in (${sql.join(ids)})` : sql``;
      // One statement: the subquery locks the oldest runnable row, skipping rows other claimers hold, and the update
      // takes it. Two workers can never claim the same job, on PostgreSQL or on PGlite.
      const result = await sql<Selectable<JobsTable>>`
        update jobs set
          state = 'running',
          attempts = attempts + 1,
          lease_owner = ${worker},
          lease_expires_at = ${leaseUntil(leaseMs)},
          started_at = coalesce(started_at, now()),
          updated_at = now()
        where id = (
          select id from jobs
          where ((state = 'queued' and run_after <= now()) or (state = 'running' and lease_expires_at < now())) ${only}
          order by created_at, id
          limit 1
          for update skip locked
        )
        returning *`.execute(db);
      const row = result.rows[0];
      return row && toJob(row);
    },

    async heartbeat(id, worker, leaseMs) {
      const row = await db
        .updateTable('jobs')
        .set({ lease_expires_at: leaseUntil(leaseMs), updated_at: sql`now()` })
        .where('id', '=', id)
        .where('lease_owner', '=', worker)
        .where('state', '=', 'running')
        .where('cancel_requested', '=', false)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async update(id, patch, opts) {
      const set: Updateable<JobsTable> = { updated_at: sql`now()` as unknown as Date };
      for (const [key, value] of Object.entries(patch) as [keyof JobPatch, unknown][]) {
        if (value !== undefined) (set as Record<string, unknown>)[COLUMNS[key]] = value;
      }
      let q = db.updateTable('jobs').set(set).where('id', '=', id);
      if (opts?.leaseOwner !== undefined) q = q.where('lease_owner', '=', opts.leaseOwner).where('state', '=', 'running');
      const row = await q.returningAll().executeTakeFirst();
      return row && toJob(row);
    },

    async requestCancel(id) {
      // SET expressions read the row as it was, so `state` below is the old state.
      const result = await sql<Selectable<JobsTable>>`
        update jobs set
          cancel_requested = true,
          state = case when state = 'queued' then 'cancelled' else state end,
          finished_at = case when state = 'queued' then now() else finished_at end,
          updated_at = now()
        where id = ${id} and state in ('queued', 'running')
        returning *`.execute(db);
      const row = result.rows[0];
      return row && toJob(row);
    },

    async delete(id) {
      const result = await db.deleteFrom('jobs').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
