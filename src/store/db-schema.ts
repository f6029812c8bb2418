import type { ColumnType, Generated } from 'kysely';

/**
 * Row shapes as stored (snake_case columns). Repositories map them to the camelCase contract in ./types.ts, so the
 * SQL stays plain PostgreSQL and the rest of videogen never sees column names.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
/** bigint/bigserial: pg returns strings, PGlite numbers; mappers convert with Number(). */
type BigId = ColumnType<string | number, never, never>;

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  role: string;
  totp_secret: string | null;
  created_at: Timestamp;
  /** Two-factor enrolment started but not yet confirmed with a code (0002_accounts). */
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_pending_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Last accepted TOTP time step (codes at or before it are refused as replays). */
  totp_last_step: ColumnType<string | number | null, number | null | undefined, number | null>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_secret: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  last_seen_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ip: ColumnType<string | null, string | null | undefined, string | null>;
  user_agent: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RecoveryCodesTable {
  user_id: string;
  /** sha256 of the normalised code. */
  code_hash: string;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

/** Failed sign-ins per account; key is a hash of the email, so unknown emails are throttled the same way. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  last_used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface JobsTable {
  id: string;
  owner_id: string;
  kind: string;
  state: string;
  stage: string | null;
  progress: number;
  input: Json;
  options: Json;
  attempts: number;
  max_attempts: number;
  error_code: string | null;
  error_message: string | null;
  output_dir: string | null;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  cancel_requested: boolean;
  run_after: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  title: string | null;
  /** Bytes under output_dir, measured lazily for the storage quota (0003_data_rights); null until measured. */
  output_bytes: ColumnType<string | number | null, number | null | undefined, number | null>;
  /** When output_bytes was measured; older than finished_at means the outputs changed since. */
  output_measured_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface JobEventsTable {
  id: Generated<BigId>;
  job_id: string;
  owner_id: string;
  type: string;
  data: Json;
  created_at: Timestamp;
}

export interface TemplatesTable {
  id: string;
  owner_id: string;
  name: string;
  description: string | null;
  body: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UploadsTable {
  id: string;
  owner_id: string;
  filename: string;
  media_type: string;
  bytes: ColumnType<string | number, number, number>;
  sha256: string;
  path: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<BigId>;
  actor_id: string | null;
  action: string;
  target: string | null;
  details: Json;
  ip: string | null;
  created_at: Timestamp;
}

type MaybeDate = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type MaybeText = ColumnType<string | null, string | null | undefined, string | null>;
type JsonDefault = ColumnType<unknown, string | undefined, string>;

export interface ChannelsTable {
  id: string;
  owner_id: string;
  kind: string;
  name: string;
  /** Sealed credentials (src/publish/secret-box.ts) or `{}` once revoked. */
  credentials: JsonDefault;
  created_at: Timestamp;
  external_id: MaybeText;
  title: MaybeText;
  project: ColumnType<string, string | undefined, string>;
  revoked_at: MaybeDate;
  stats: JsonDefault;
  stats_at: MaybeDate;
  stats_due_at: MaybeDate;
  updated_at: Timestamp;
}

export interface PublicationsTable {
  id: string;
  owner_id: string;
  channel_id: string;
  job_id: MaybeText;
  source_job_id: MaybeText;
  source_dir: MaybeText;
  schedule_id: MaybeText;
  state: string;
  privacy: string;
  publish_at: MaybeDate;
  playlist_id: MaybeText;
  metadata: JsonDefault;
  file_bytes: ColumnType<string | number | null, number | null | undefined, number | null>;
  file_sha256: MaybeText;
  upload_uri: MaybeText;
  upload_offset: ColumnType<string | number, number | undefined, number>;
  steps: JsonDefault;
  video_id: MaybeText;
  video_url: MaybeText;
  error_code: MaybeText;
  error_message: MaybeText;
  stats: JsonDefault;
  stats_at: MaybeDate;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: MaybeDate;
}

export interface QuotaUsageTable {
  project: string;
  /** YYYY-MM-DD, America/Los_Angeles. */
  day: string;
  units: number;
  calls: JsonDefault;
  updated_at: Timestamp;
}

export interface SchedulesTable {
  id: string;
  owner_id: string;
  name: string;
  cron: MaybeText;
  timezone: string;
  template_id: MaybeText;
  input: Json;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  next_run_at: MaybeDate;
  last_run_at: MaybeDate;
  created_at: Timestamp;
  rule: MaybeText;
  channel_id: MaybeText;
  catch_up: ColumnType<string, string | undefined, string>;
  topic_index: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface ScheduleRunsTable {
  schedule_id: string;
  slot_at: Timestamp;
  status: string;
  topic: MaybeText;
  job_id: MaybeText;
  publication_id: MaybeText;
  fired_by: MaybeText;
  created_at: Timestamp;
}

/** One language of a job under review (0005_translation_review); primary key (job_id, language). */
export interface JobTranslationsTable {
  job_id: string;
  language: string;
  spec: Json;
  translated_by: string;
  state: string;
  updated_at: Timestamp;
}

/** Tables with repositories. videos and artifacts exist (see migrations) for later issues. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  login_throttle: LoginThrottleTable;
  api_keys: ApiKeysTable;
  jobs: JobsTable;
  job_events: JobEventsTable;
  templates: TemplatesTable;
  uploads: UploadsTable;
  audit_log: AuditLogTable;
  channels: ChannelsTable;
  publications: PublicationsTable;
  quota_usage: QuotaUsageTable;
  schedules: SchedulesTable;
  schedule_runs: ScheduleRunsTable;
  job_translations: JobTranslationsTable;
}
