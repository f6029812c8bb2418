import { sql, type Kysely } from 'kysely';
import type { Database } from './db-schema.ts';
import type { LoginLock, LoginThrottleRepo } from './types.ts';

/**
 * Per-account sign-in failure counters. One upsert counts a failure and decides the lock in the database clock, so
 * concurrent attempts on several server processes (PostgreSQL) neither lose counts nor disagree about expiry.
 */
const ago = (ms: number) => sql<Date>`now() - (${ms}::double precision * interval '1 millisecond')`;
const ahead = (ms: number) => sql<Date>`now() + (${ms}::double precision * interval '1 millisecond')`;
const secondsLeft = sql<number>`greatest(1, ceil(extract(epoch from (locked_until - now()))))`;

const toLock = (row: { locked_until: Date | string | null; seconds_left: number | string | null } | undefined): LoginLock | undefined =>
  row?.locked_until && row.seconds_left !== null ? { until: new Date(row.locked_until), secondsLeft: Number(row.seconds_left) } : undefined;

export function loginThrottleRepo(db: Kysely<Database>): LoginThrottleRepo {
  return {
    async lock(key) {
      const row = await db
        .selectFrom('login_throttle')
        .select(['locked_until', secondsLeft.as('seconds_left')])
        .where('key', '=', key)
        .where('locked_until', '>', sql<Date>`now()`)
        .executeTakeFirst();
      return toLock(row);
    },

    async recordFailure(key, { windowMs, maxFailures, lockMs }) {
      // The window restarts when its start is older than windowMs; the lock is decided on the new count.
      const windowOver = sql<boolean>`login_throttle.window_started_at <= ${ago(windowMs)}`;
      const failures = sql<number>`case when ${windowOver} then 1 else login_throttle.failures + 1 end`;
      const row = await db
        .insertInto('login_throttle')
        .values({ key, failures: 1, window_started_at: sql`now()` as unknown as Date, locked_until: maxFailures <= 1 ? (ahead(lockMs) as unknown as Date) : null })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures,
            window_started_at: sql`case when ${windowOver} then now() else login_throttle.window_started_at end` as unknown as Date,
            locked_until: sql`case when ${failures} >= ${maxFailures} then ${ahead(lockMs)} else login_throttle.locked_until end` as unknown as Date,
          }),
        )
        .returning(['failures', 'locked_until', sql<number | null>`case when locked_until > now() then ${secondsLeft} end`.as('seconds_left')])
        .executeTakeFirstOrThrow();
      return { failures: Number(row.failures), lock: toLock(row) };
    },

    async reset(key) {
      await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    },

    async purge(windowMs) {
      const result = await db
        .deleteFrom('login_throttle')
        .where('window_started_at', '<=', ago(windowMs))
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
