import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { VideogenError } from '../errors.ts';
import type { ChannelsTable, Database, PublicationsTable, QuotaUsageTable, ScheduleRunsTable, SchedulesTable } from './db-schema.ts';
import type {
  CatchUp,
  Channel,
  ChannelKind,
  ChannelsRepo,
  Privacy,
  Publication,
  PublicationState,
  PublicationsRepo,
  QuotaDay,
  QuotaRepo,
  Schedule,
  SchedulePatch,
  ScheduleRun,
  SchedulesRepo,
  SealedSecret,
} from './publish-types.ts';
import { jobsRepo } from './jobs-repo.ts';
import { date, json, maybeDate, record } from './rows.ts';

const now = () => sql`now()` as unknown as Date;
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** A unique (owner, name) index answering: CONFLICT saying what to do, anything else as it was. */
const nameTaken =
  (message: string, name: string) =>
  (error: unknown): never => {
    if (isUniqueViolation(error)) throw new VideogenError('CONFLICT', message, { name });
    throw error;
  };
const channelNameTaken = (name: string) => nameTaken(`you already have a channel named "${name}"; pick another name with --name, or remove it first`, name);

/**
 * A contract patch as the columns it sets: each defined field under its column (the map names every field, so a new
 * one cannot be forgotten), JSON fields serialised, updated_at now.
 */
function columnsOf<P extends object>(patch: P, columns: { [K in keyof Required<P>]: string }, jsonFields: readonly (keyof P)[] = []): Record<string, unknown> {
  const set: Record<string, unknown> = { updated_at: now() };
  for (const [key, value] of Object.entries(patch) as [keyof P & string, unknown][]) {
    if (value !== undefined) set[columns[key]] = jsonFields.includes(key) ? json(value) : value;
  }
  return set;
}

const CHANNEL_COLUMNS = { name: 'name', title: 'title', externalId: 'external_id', project: 'project', credentials: 'credentials', revokedAt: 'revoked_at', stats: 'stats', statsAt: 'stats_at', statsDueAt: 'stats_due_at' } as const;
const PUBLICATION_COLUMNS = {
  jobId: 'job_id', state: 'state', metadata: 'metadata', fileBytes: 'file_bytes', fileSha256: 'file_sha256', uploadUri: 'upload_uri', uploadOffset: 'upload_offset', steps: 'steps',
  videoId: 'video_id', videoUrl: 'video_url', errorCode: 'error_code', errorMessage: 'error_message', stats: 'stats', statsAt: 'stats_at', finishedAt: 'finished_at',
  publishAt: 'publish_at', privacy: 'privacy', playlistId: 'playlist_id',
} as const;
const SCHEDULE_COLUMNS = { name: 'name', rule: 'rule', cron: 'cron', timezone: 'timezone', channelId: 'channel_id', input: 'input', enabled: 'enabled', catchUp: 'catch_up', topicIndex: 'topic_index', nextRunAt: 'next_run_at', lastRunAt: 'last_run_at' } as const;

function toChannel(row: Selectable<ChannelsTable>): Channel {
  const sealed = record<Partial<SealedSecret>>(row.credentials);
  return {
    id: row.id,
    ownerId: row.owner_id,
    kind: row.kind as ChannelKind,
    name: row.name,
    externalId: row.external_id,
    title: row.title,
    project: row.project,
    credentials: sealed.v === 1 ? (sealed as SealedSecret) : null,
    revokedAt: maybeDate(row.revoked_at),
    stats: record(row.stats),
    statsAt: maybeDate(row.stats_at),
    statsDueAt: maybeDate(row.stats_due_at),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

export function channelsRepo(db: Kysely<Database>): ChannelsRepo {
  return {
    async create(c) {
      const row = await db
        .insertInto('channels')
        .values({ id: randomUUID(), owner_id: c.ownerId, kind: c.kind, name: c.name, external_id: c.externalId, title: c.title, project: c.project, credentials: json(c.credentials) })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch(channelNameTaken(c.name));
      return toChannel(row);
    },
    async get(id) {
      const row = await db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toChannel(row);
    },
    async byName(ownerId, name) {
      const row = await db.selectFrom('channels').selectAll().where('owner_id', '=', ownerId).where('name', '=', name).executeTakeFirst();
      return row && toChannel(row);
    },
    async list(ownerId) {
      const rows = await db.selectFrom('channels').selectAll().where('owner_id', '=', ownerId).orderBy('created_at', 'asc').execute();
      return rows.map(toChannel);
    },
    async dueForStats(at, limit) {
      const rows = await db
        .selectFrom('channels')
        .selectAll()
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('stats_due_at', 'is', null), eb('stats_due_at', '<=', at)]))
        .orderBy('stats_due_at', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toChannel);
    },
    async update(id, patch) {
      // Revoked credentials are stored as `{}` (the column's empty value), not JSON null.
      const set = columnsOf({ ...patch, ...(patch.credentials === null ? { credentials: {} } : {}) }, CHANNEL_COLUMNS, ['credentials', 'stats']);
      const row = await db
        .updateTable('channels')
        .set(set)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
        .catch(channelNameTaken(patch.name ?? ''));
      return row && toChannel(row);
    },
    async claimStats(id, expected, next) {
      const result = await db
        .updateTable('channels')
        .set({ stats_due_at: next })
        .where('id', '=', id)
        .where((eb) => (expected === null ? eb('stats_due_at', 'is', null) : eb('stats_due_at', '=', expected)))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(id) {
      const result = await db.deleteFrom('channels').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toPublication(row: Selectable<PublicationsTable>): Publication {
  return {
    id: row.id,
    ownerId: row.owner_id,
    channelId: row.channel_id,
    jobId: row.job_id,
    sourceJobId: row.source_job_id,
    sourceDir: row.source_dir,
    scheduleId: row.schedule_id,
    state: row.state as PublicationState,
    privacy: row.privacy as Privacy,
    publishAt: maybeDate(row.publish_at),
    playlistId: row.playlist_id,
    metadata: record(row.metadata),
    fileBytes: row.file_bytes === null ? null : Number(row.file_bytes),
    fileSha256: row.file_sha256,
    uploadUri: row.upload_uri,
    uploadOffset: Number(row.upload_offset),
    steps: record(row.steps),
    videoId: row.video_id,
    videoUrl: row.video_url,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    stats: record(row.stats),
    statsAt: maybeDate(row.stats_at),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    finishedAt: maybeDate(row.finished_at),
  };
}

export function publicationsRepo(db: Kysely<Database>): PublicationsRepo {
  return {
    async create(p) {
      const row = await db
        .insertInto('publications')
        .values({
          id: p.id ?? randomUUID(),
          owner_id: p.ownerId,
          channel_id: p.channelId,
          job_id: p.jobId ?? null,
          source_job_id: p.sourceJobId ?? null,
          source_dir: p.sourceDir ?? null,
          schedule_id: p.scheduleId ?? null,
          state: p.state ?? 'pending',
          privacy: p.privacy,
          publish_at: p.publishAt ?? null,
          playlist_id: p.playlistId ?? null,
          metadata: json(p.metadata ?? {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPublication(row);
    },
    async get(id) {
      const row = await db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPublication(row);
    },
    async byJob(jobId) {
      const row = await db.selectFrom('publications').selectAll().where('job_id', '=', jobId).executeTakeFirst();
      return row && toPublication(row);
    },
    async list(f) {
      let q = db.selectFrom('publications').selectAll();
      if (f.ownerId !== undefined) q = q.where('owner_id', '=', f.ownerId);
      if (f.channelId !== undefined) q = q.where('channel_id', '=', f.channelId);
      if (f.state !== undefined) q = q.where('state', 'in', Array.isArray(f.state) ? f.state : [f.state]);
      const { from, to } = f;
      if (from) q = q.where(sql<boolean>`coalesce(publish_at, created_at) >= ${from}`);
      if (to) q = q.where(sql<boolean>`coalesce(publish_at, created_at) < ${to}`);
      const rows = await q.orderBy('created_at', 'desc').limit(Math.min(Math.max(f.limit ?? 100, 1), 1000)).execute();
      return rows.map(toPublication);
    },
    async update(id, patch) {
      const set = columnsOf(patch, PUBLICATION_COLUMNS, ['metadata', 'steps', 'stats']);
      const row = await db.updateTable('publications').set(set).where('id', '=', id).returningAll().executeTakeFirst();
      return row && toPublication(row);
    },
    async advanceUpload(id, uploadUri, offset) {
      const result = await db
        .updateTable('publications')
        .set({ upload_offset: offset, updated_at: now() })
        .where('id', '=', id)
        .where('upload_uri', '=', uploadUri)
        .where('upload_offset', '<', offset)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delete(id) {
      const result = await db.deleteFrom('publications').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toQuotaDay(row: Selectable<QuotaUsageTable>): QuotaDay {
  return { project: row.project, day: row.day, units: Number(row.units), calls: record(row.calls) };
}

export function quotaRepo(db: Kysely<Database>): QuotaRepo {
  // One statement each, so concurrent workers on several machines see one running total.
  const add = (method: string, units: number) => sql<string>`quota_usage.calls || jsonb_build_object(${method}::text, coalesce((quota_usage.calls->>${method}::text)::int, 0) + ${units}::int)`;
  return {
    async reserve(project, day, method, units, limit) {
      if (units > limit) return undefined;
      const row = await db
        .insertInto('quota_usage')
        .values({ project, day, units, calls: json({ [method]: units }) })
        .onConflict((oc) =>
          oc
            .columns(['project', 'day'])
            .doUpdateSet({ units: sql`quota_usage.units + ${units}::int`, calls: add(method, units), updated_at: now() })
            .where(sql<boolean>`quota_usage.units + ${units}::int <= ${limit}::int`),
        )
        .returningAll()
        .executeTakeFirst();
      return row && toQuotaDay(row);
    },
    async charge(project, day, method, units) {
      const row = await db
        .insertInto('quota_usage')
        .values({ project, day, units, calls: json({ [method]: units }) })
        .onConflict((oc) => oc.columns(['project', 'day']).doUpdateSet({ units: sql`quota_usage.units + ${units}::int`, calls: add(method, units), updated_at: now() }))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toQuotaDay(row);
    },
    async get(project, day) {
      const row = await db.selectFrom('quota_usage').selectAll().where('project', '=', project).where('day', '=', day).executeTakeFirst();
      return row ? toQuotaDay(row) : { project, day, units: 0, calls: {} };
    },
  };
}

function toSchedule(row: Selectable<SchedulesTable>): Schedule {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    rule: row.rule ?? row.cron ?? '',
    cron: row.cron,
    timezone: row.timezone,
    channelId: row.channel_id,
    templateId: row.template_id,
    input: record(row.input),
    enabled: row.enabled,
    catchUp: row.catch_up as CatchUp,
    topicIndex: Number(row.topic_index),
    nextRunAt: maybeDate(row.next_run_at),
    lastRunAt: maybeDate(row.last_run_at),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

function toRun(row: Selectable<ScheduleRunsTable>): ScheduleRun {
  return {
    scheduleId: row.schedule_id,
    slotAt: date(row.slot_at),
    status: row.status as ScheduleRun['status'],
    topic: row.topic,
    jobId: row.job_id,
    publicationId: row.publication_id,
    firedBy: row.fired_by,
    createdAt: date(row.created_at),
  };
}

const schedulePatchSet = (patch: SchedulePatch) => columnsOf(patch, SCHEDULE_COLUMNS, ['input']);

const scheduleNameTaken = (name: string) => nameTaken(`you have a schedule named "${name}" already; pick another name`, name);

export function schedulesRepo(db: Kysely<Database>): SchedulesRepo {
  return {
    async create(s) {
      const row = await db
        .insertInto('schedules')
        .values({
          id: randomUUID(),
          owner_id: s.ownerId,
          name: s.name,
          rule: s.rule,
          cron: s.cron,
          timezone: s.timezone,
          channel_id: s.channelId,
          template_id: s.templateId ?? null,
          input: json(s.input),
          catch_up: s.catchUp,
          next_run_at: s.nextRunAt,
          enabled: s.enabled ?? true,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch(scheduleNameTaken(s.name));
      return toSchedule(row);
    },
    async get(id) {
      const row = await db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSchedule(row);
    },
    async list(ownerId) {
      const rows = await db.selectFrom('schedules').selectAll().where('owner_id', '=', ownerId).orderBy('created_at', 'asc').execute();
      return rows.map(toSchedule);
    },
    async due(at, limit) {
      const rows = await db.selectFrom('schedules').selectAll().where('enabled', '=', true).where('next_run_at', '<=', at).orderBy('next_run_at', 'asc').limit(limit).execute();
      return rows.map(toSchedule);
    },
    async update(id, patch) {
      const row = await db.updateTable('schedules').set(schedulePatchSet(patch)).where('id', '=', id).returningAll().executeTakeFirst().catch(scheduleNameTaken(patch.name ?? ''));
      return row && toSchedule(row);
    },
    async fire(scheduleId, slot, patch, run, make) {
      try {
        return await db.transaction().execute(async (trx) => {
          const moved = await trx.updateTable('schedules').set(schedulePatchSet(patch)).where('id', '=', scheduleId).where('next_run_at', '=', slot).executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) return undefined;
          // The primary key is the last word: even a process that read an old next_run_at cannot insert this slot twice.
          const slotAt = run.slotAt ?? slot;
          await trx.insertInto('schedule_runs').values({ schedule_id: scheduleId, slot_at: slotAt, status: run.status, topic: run.topic, fired_by: run.firedBy }).execute();
          const made = await make({ jobs: jobsRepo(trx), publications: publicationsRepo(trx) });
          if (made.jobId || made.publicationId) {
            await trx.updateTable('schedule_runs').set({ job_id: made.jobId, publication_id: made.publicationId }).where('schedule_id', '=', scheduleId).where('slot_at', '=', slotAt).execute();
          }
          return made.result;
        });
      } catch (error) {
        // Lost the race on the primary key (PostgreSQL, READ COMMITTED): the winner's transaction made the slot.
        if (isUniqueViolation(error)) return undefined;
        throw error;
      }
    },
    async runs(scheduleId, opts = {}) {
      let q = db.selectFrom('schedule_runs').selectAll().where('schedule_id', '=', scheduleId);
      if (opts.from) q = q.where('slot_at', '>=', opts.from);
      if (opts.to) q = q.where('slot_at', '<', opts.to);
      const rows = await q.orderBy('slot_at', 'asc').limit(Math.min(Math.max(opts.limit ?? 500, 1), 5000)).execute();
      return rows.map(toRun);
    },
    async delete(id) {
      const result = await db.deleteFrom('schedules').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
