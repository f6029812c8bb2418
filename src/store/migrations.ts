import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Every schema change, in order, in code: the Migrator records applied names in kysely_migration, so a new database
 * and an old one converge. Never edit an applied migration; add the next one. Plain PostgreSQL only (PGlite is
 * PostgreSQL 17 in WebAssembly), no extensions: ids are generated in JS (crypto.randomUUID).
 */
// Migrations receive an untyped Kysely: they describe history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const initial: Migration = {
  async up(db: Db) {
    const now = sql`now()`;
    await db.schema
      .createTable('users')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'editor', 'viewer')`))
      .addColumn('totp_secret', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_secret', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('last_used_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`))
      .addColumn('stage', 'text')
      .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
      .addColumn('input', 'jsonb', (c) => c.notNull())
      .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('output_dir', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'timestamptz')
      .addColumn('cancel_requested', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('run_after', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('started_at', 'timestamptz')
      .addColumn('finished_at', 'timestamptz')
      .addColumn('title', 'text')
      .execute();
    // claim() scans runnable jobs oldest first; listing pages a user's jobs newest first.
    await db.schema.createIndex('jobs_runnable').on('jobs').columns(['state', 'run_after', 'created_at']).execute();
    await db.schema.createIndex('jobs_owner_created').on('jobs').columns(['owner_id', 'created_at']).execute();
    await db.schema
      .createTable('job_events')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('job_id', 'uuid', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
      .addColumn('owner_id', 'uuid', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.createIndex('job_events_job').on('job_events').columns(['job_id', 'id']).execute();
    await db.schema.createIndex('job_events_owner').on('job_events').columns(['owner_id', 'id']).execute();
    await db.schema
      .createTable('videos')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('job_id', 'uuid', (c) => c.references('jobs.id').onDelete('set null'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('duration_seconds', 'double precision')
      .addColumn('output_dir', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('artifacts')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('job_id', 'uuid', (c) => c.references('jobs.id').onDelete('cascade'))
      .addColumn('video_id', 'uuid', (c) => c.references('videos.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text')
      .addColumn('bytes', 'bigint')
      .addColumn('sha256', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('templates')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('schedules')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('cron', 'text', (c) => c.notNull())
      .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
      .addColumn('template_id', 'uuid', (c) => c.references('templates.id').onDelete('set null'))
      .addColumn('input', 'jsonb', (c) => c.notNull())
      .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
      .addColumn('next_run_at', 'timestamptz')
      .addColumn('last_run_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('channels')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // Encrypted by the publishing layer before it reaches the database.
      .addColumn('credentials', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('uploads')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      // No foreign key: the record outlives the user it names.
      .addColumn('actor_id', 'uuid')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('ip', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
  },
  async down(db: Db) {
    for (const table of ['audit_log', 'uploads', 'channels', 'schedules', 'templates', 'artifacts', 'videos', 'job_events', 'jobs', 'api_keys', 'sessions', 'users']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

/**
 * Data rights (issue 10): job output sizes measured once and kept (storage quota), and indexes for reading the audit
 * log by user, action and time. output_measured_at says which result the size belongs to (a retried job's new outputs
 * are measured again).
 */
const dataRights: Migration = {
  async up(db: Db) {
    await db.schema.alterTable('jobs').addColumn('output_bytes', 'bigint').addColumn('output_measured_at', 'timestamptz').execute();
    await db.schema.createIndex('uploads_owner').on('uploads').column('owner_id').execute();
    await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'id']).execute();
    await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target', 'id']).execute();
    await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();
  },
  async down(db: Db) {
    for (const index of ['audit_log_created', 'audit_log_target', 'audit_log_actor', 'uploads_owner']) await db.schema.dropIndex(index).ifExists().execute();
    await db.schema.alterTable('jobs').dropColumn('output_measured_at').dropColumn('output_bytes').execute();
  },
};

/**
 * Accounts (issue 10): two-factor enrolment waits in totp_pending_* until confirmed; totp_last_step is the last
 * accepted RFC 6238 time step, so a code cannot be used twice; recovery codes are stored as sha256 and marked used;
 * sessions say where they came from and when they were last seen; login_throttle counts failed sign-ins per account
 * (keyed by a hash of the email, known or not) so a lockout holds across server processes and restarts.
 */
const accounts: Migration = {
  async up(db: Db) {
    const now = sql`now()`;
    await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').addColumn('totp_pending_at', 'timestamptz').addColumn('totp_last_step', 'bigint').execute();
    await db.schema.alterTable('sessions').addColumn('last_seen_at', 'timestamptz').addColumn('ip', 'text').addColumn('user_agent', 'text').execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema
      .createTable('recovery_codes')
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
      .execute();
    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('locked_until', 'timestamptz')
      .execute();
  },
  async down(db: Db) {
    await db.schema.dropTable('login_throttle').ifExists().execute();
    await db.schema.dropTable('recovery_codes').ifExists().execute();
    await db.schema.dropIndex('sessions_user').ifExists().execute();
    await db.schema.alterTable('sessions').dropColumn('user_agent').dropColumn('ip').dropColumn('last_seen_at').execute();
    await db.schema.alterTable('users').dropColumn('totp_last_step').dropColumn('totp_pending_at').dropColumn('totp_pending_secret').execute();
  },
};

/**
 * Publishing (issue 13). channels gain the platform's channel id and title, encrypted credentials (secret-box
 * envelope) and the statistics schedule; publications are durable uploads (the resumable session URI and confirmed
 * offset are stored, so another process resumes the same upload); quota_usage is the per-project, per-Pacific-day
 * ledger; schedules gain their rule as typed, a channel, the missed-run policy and a topic cursor, and schedule_runs'
 * primary key (schedule, slot) is what makes a slot fire exactly once however many servers tick.
 */
const publishing: Migration = {
  async up(db: Db) {
    const now = sql`now()`;
    await db.schema
      .alterTable('channels')
      .addColumn('external_id', 'text')
      .addColumn('title', 'text')
      .addColumn('project', 'text', (c) => c.notNull().defaultTo('default'))
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('stats', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('stats_at', 'timestamptz')
      .addColumn('stats_due_at', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.createIndex('channels_owner_name').unique().on('channels').columns(['owner_id', 'name']).execute();
    await db.schema
      .createTable('publications')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('channel_id', 'uuid', (c) => c.notNull().references('channels.id').onDelete('cascade'))
      .addColumn('job_id', 'uuid', (c) => c.references('jobs.id').onDelete('set null'))
      .addColumn('source_job_id', 'uuid', (c) => c.references('jobs.id').onDelete('set null'))
      .addColumn('source_dir', 'text')
      .addColumn('schedule_id', 'uuid', (c) => c.references('schedules.id').onDelete('set null'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('privacy', 'text', (c) => c.notNull())
      .addColumn('publish_at', 'timestamptz')
      .addColumn('playlist_id', 'text')
      .addColumn('metadata', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('file_bytes', 'bigint')
      .addColumn('file_sha256', 'text')
      .addColumn('upload_uri', 'text')
      .addColumn('upload_offset', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('steps', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('video_id', 'text')
      .addColumn('video_url', 'text')
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addColumn('stats', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('stats_at', 'timestamptz')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addColumn('finished_at', 'timestamptz')
      .execute();
    await db.schema.createIndex('publications_owner_created').on('publications').columns(['owner_id', 'created_at']).execute();
    await db.schema.createIndex('publications_channel').on('publications').columns(['channel_id', 'created_at']).execute();
    await db.schema.createIndex('publications_job').on('publications').column('job_id').execute();
    await db.schema
      .createTable('quota_usage')
      .addColumn('project', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('units', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('calls', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addPrimaryKeyConstraint('quota_usage_pk', ['project', 'day'])
      .execute();
    await db.schema
      .alterTable('schedules')
      .addColumn('rule', 'text')
      .addColumn('channel_id', 'uuid', (c) => c.references('channels.id').onDelete('cascade'))
      .addColumn('catch_up', 'text', (c) => c.notNull().defaultTo('once'))
      .addColumn('topic_index', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .execute();
    await db.schema.alterTable('schedules').alterColumn('cron', (c) => c.dropNotNull()).execute();
    await db.schema.createIndex('schedules_due').on('schedules').columns(['enabled', 'next_run_at']).execute();
    await db.schema.createIndex('schedules_owner').on('schedules').column('owner_id').execute();
    // A schedule is named in commands (`schedule pause <name>`): one name, one schedule, per owner.
    await db.schema.createIndex('schedules_owner_name').unique().on('schedules').columns(['owner_id', 'name']).execute();
    await db.schema
      .createTable('schedule_runs')
      .addColumn('schedule_id', 'uuid', (c) => c.notNull().references('schedules.id').onDelete('cascade'))
      .addColumn('slot_at', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('topic', 'text')
      .addColumn('job_id', 'uuid', (c) => c.references('jobs.id').onDelete('set null'))
      .addColumn('publication_id', 'uuid', (c) => c.references('publications.id').onDelete('set null'))
      .addColumn('fired_by', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
      .addPrimaryKeyConstraint('schedule_runs_pk', ['schedule_id', 'slot_at'])
      .execute();
  },
  async down(db: Db) {
    await db.schema.dropTable('schedule_runs').ifExists().execute();
    for (const index of ['schedules_owner_name', 'schedules_owner', 'schedules_due', 'channels_owner_name']) await db.schema.dropIndex(index).ifExists().execute();
    await db.schema.alterTable('schedules').dropColumn('updated_at').dropColumn('topic_index').dropColumn('catch_up').dropColumn('channel_id').dropColumn('rule').execute();
    await db.schema.dropTable('quota_usage').ifExists().execute();
    await db.schema.dropTable('publications').ifExists().execute();
    await db.schema.alterTable('channels').dropColumn('updated_at').dropColumn('stats_due_at').dropColumn('stats_at').dropColumn('stats').dropColumn('revoked_at').dropColumn('project').dropColumn('title').dropColumn('external_id').execute();
  },
};

/** Translations waiting for review (issue 14): one row per (job, language), removed with the job. */
const translationReview: Migration = {
  async up(db: Db) {
    await db.schema
      .createTable('job_translations')
      .addColumn('job_id', 'uuid', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('spec', 'jsonb', (c) => c.notNull())
      .addColumn('translated_by', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'approved')`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('job_translations_pk', ['job_id', 'language'])
      .execute();
  },
  async down(db: Db) {
    await db.schema.dropTable('job_translations').ifExists().execute();
  },
};

export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_accounts': accounts,
  '0003_data_rights': dataRights,
  '0004_publishing': publishing,
  '0005_translation_review': translationReview,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
