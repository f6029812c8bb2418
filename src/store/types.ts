import type { ChannelsRepo, PublicationsRepo, QuotaRepo, SchedulesRepo } from './publish-types.ts';
import type { TranslationsRepo } from './translation-types.ts';

export type * from './publish-types.ts';
export type * from './translation-types.ts';

/**
 * The storage contract shared by the server, the queue and the workers. Implemented once with Kysely over PGlite
 * (embedded default, data under VIDEOGEN_HOME) or PostgreSQL (DATABASE_URL): one dialect, one migration set.
 * Times are Date objects; JSON columns are plain values; ids are UUID strings unless noted.
 */
export type Role = 'admin' | 'editor' | 'viewer';

export interface User {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  totpSecret: string | null;
  createdAt: Date;
}

export interface Session {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  userId: string;
  csrfSecret: string;
  expiresAt: Date;
  createdAt: Date;
  /** Refreshed at most once a minute by the auth hook; null until the first request after sign-in. */
  lastSeenAt: Date | null;
  /** Client address and User-Agent at sign-in, shown in the session list. */
  ip: string | null;
  userAgent: string | null;
}

export interface ApiKey {
  id: string;
  userId: string;
  name: string;
  /** First 8 characters, shown in lists. */
  prefix: string;
  /** sha256 of the key. */
  keyHash: string;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
/** publish: uploads a publication (src/publish/publish-job.ts); its input is `{ publicationId }`. */
export type JobKind = 'render' | 'create' | 'publish';

export interface Job {
  id: string;
  ownerId: string;
  kind: JobKind;
  state: JobState;
  /** Current pipeline stage while running (layout, voice, render, audio, mux, outputs). */
  stage: string | null;
  /** 0..1 */
  progress: number;
  /** What to make: `{ spec }` (a VideoSpec) for render, `{ source, options }` for create. */
  input: unknown;
  /** Render options: preset, voice, burnCaptions, aspect. */
  options: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  /** Directory (in the shared artifact store) holding the outputs once succeeded. */
  outputDir: string | null;
  /** Worker holding the job and until when; a lapsed lease means the worker died and another may take over. */
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  cancelRequested: boolean;
  /** Earliest time a retry may start (backoff). */
  runAfter: Date;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  title: string | null;
}

export interface JobEvent {
  /** Monotonic per database: SSE event ids and `Last-Event-ID` resume use it. */
  id: number;
  jobId: string;
  ownerId: string;
  type: 'state' | 'progress' | 'warning' | 'log';
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface JobFilter {
  ownerId?: string;
  state?: JobState | JobState[];
  kind?: JobKind;
  limit?: number;
  /** Keyset paging: jobs created before this job id's createdAt. */
  before?: string;
}

export interface NewJob {
  ownerId: string;
  kind: JobKind;
  input: unknown;
  options?: Record<string, unknown>;
  maxAttempts?: number;
  title?: string | null;
}

export type JobPatch = Partial<Pick<Job, 'state' | 'stage' | 'progress' | 'errorCode' | 'errorMessage' | 'outputDir' | 'leaseOwner' | 'leaseExpiresAt' | 'cancelRequested' | 'runAfter' | 'startedAt' | 'finishedAt' | 'attempts'>>;

export interface JobsRepo {
  create(job: NewJob): Promise<Job>;
  get(id: string): Promise<Job | undefined>;
  list(filter: JobFilter): Promise<Job[]>;
  countByState(): Promise<Record<JobState, number>>;
  /**
   * Atomically claims the oldest runnable job (queued, runAfter ≤ now; or running with a lapsed lease) for `worker`,
   * setting state=running, attempts+1, lease until now+leaseMs. `FOR UPDATE SKIP LOCKED` on PostgreSQL.
   */
  claim(worker: string, leaseMs: number, ids?: string[]): Promise<Job | undefined>;
  /** Extends the lease if `worker` still holds it; false means the job was taken over or cancelled. */
  heartbeat(id: string, worker: string, leaseMs: number): Promise<boolean>;
  /**
   * Applies `patch`. With `opts.leaseOwner` only while that worker still holds the lease (state running): a worker
   * that lost its job to a takeover must not overwrite the new owner's state; undefined then.
   */
  update(id: string, patch: JobPatch, opts?: { leaseOwner?: string }): Promise<Job | undefined>;
  /**
   * Atomically cancels a queued job (state cancelled at once) or flags a running one (cancelRequested, for its
   * worker to honour). Returns the job after the change; undefined when unknown or already finished.
   */
  requestCancel(id: string): Promise<Job | undefined>;
  delete(id: string): Promise<boolean>;
}

export interface JobEventsRepo {
  append(event: Omit<JobEvent, 'id' | 'createdAt'>): Promise<JobEvent>;
  /** Events after `afterId` (exclusive), oldest first; for one job or (ownerId) all of a user's jobs. */
  list(opts: { jobId?: string; ownerId?: string; afterId?: number; limit?: number }): Promise<JobEvent[]>;
}

export interface UsersRepo {
  create(user: { email: string; passwordHash: string; role: Role }): Promise<User>;
  get(id: string): Promise<User | undefined>;
  byEmail(email: string): Promise<User | undefined>;
  list(): Promise<User[]>;
  update(id: string, patch: Partial<Pick<User, 'passwordHash' | 'role' | 'totpSecret'>>): Promise<User | undefined>;
  count(): Promise<number>;
}

export interface SessionsRepo {
  create(session: Omit<Session, 'createdAt' | 'lastSeenAt' | 'ip' | 'userAgent'> & { ip?: string | null; userAgent?: string | null }): Promise<Session>;
  get(id: string): Promise<Session | undefined>;
  delete(id: string): Promise<void>;
  deleteExpired(now?: Date): Promise<number>;
  /** A user's unexpired sessions, newest first. */
  listForUser(userId: string): Promise<Session[]>;
  /** Ends every session of the user except `exceptId`; returns how many ended. */
  deleteForUser(userId: string, exceptId?: string): Promise<number>;
  touch(id: string): Promise<void>;
}

/** A user's second factor: the active TOTP secret, an enrolment waiting for its first code, and replay state. */
export interface TwoFactorState {
  secret: string | null;
  pendingSecret: string | null;
  pendingAt: Date | null;
  /** Last accepted RFC 6238 time step; a code for this step or an earlier one is a replay. */
  lastStep: number | null;
  recoveryCodesLeft: number;
}

export interface TwoFactorRepo {
  get(userId: string): Promise<TwoFactorState | undefined>;
  /** Stores a new secret as pending; the active one (if any) keeps working until confirm. */
  startEnrolment(userId: string, secret: string): Promise<void>;
  /**
   * Makes the pending secret active (with `step` as its last used step) and replaces the recovery codes with
   * `codeHashes`, in one transaction; false when nothing was pending (or it changed meanwhile).
   */
  confirm(userId: string, pendingSecret: string, step: number, codeHashes: string[]): Promise<boolean>;
  /** Atomically records `step` as used when it is later than the last one; false means a replay (or a race lost). */
  useStep(userId: string, step: number): Promise<boolean>;
  /** Marks one unused recovery code used; false when there is no such unused code. */
  useRecoveryCode(userId: string, codeHash: string): Promise<boolean>;
  replaceRecoveryCodes(userId: string, codeHashes: string[]): Promise<void>;
  /** Turns two-factor off: secret, pending enrolment, step and recovery codes all go. */
  disable(userId: string): Promise<void>;
}

/** A lockout: until when, and the whole seconds left by the database clock (for Retry-After). */
export interface LoginLock {
  until: Date;
  secondsLeft: number;
}

/** Failed sign-ins per key (a hash of the email), counted in the database clock so every server agrees. */
export interface LoginThrottleRepo {
  /** The key's current lock, if any. */
  lock(key: string): Promise<LoginLock | undefined>;
  /**
   * Counts one failure in the current window (a window older than `windowMs` starts again at 1); reaching
   * `maxFailures` locks the key for `lockMs`. Returns the count and the lock it caused or still has.
   */
  recordFailure(key: string, opts: { windowMs: number; maxFailures: number; lockMs: number }): Promise<{ failures: number; lock: LoginLock | undefined }>;
  reset(key: string): Promise<void>;
  /** Drops rows whose window and lock are both over. */
  purge(windowMs: number): Promise<number>;
}

export interface ApiKeysRepo {
  create(key: Omit<ApiKey, 'id' | 'createdAt' | 'lastUsedAt'>): Promise<ApiKey>;
  byHash(keyHash: string): Promise<ApiKey | undefined>;
  list(userId: string): Promise<ApiKey[]>;
  delete(id: string, userId: string): Promise<boolean>;
  touch(id: string): Promise<void>;
}

export interface Template {
  id: string;
  ownerId: string;
  name: string;
  description: string | null;
  /** A template document (variables + body), see src/sources/templates.ts. */
  body: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface TemplatesRepo {
  create(t: Omit<Template, 'id' | 'createdAt' | 'updatedAt'>): Promise<Template>;
  get(id: string): Promise<Template | undefined>;
  list(ownerId: string): Promise<Template[]>;
  update(id: string, patch: Partial<Pick<Template, 'name' | 'description' | 'body'>>): Promise<Template | undefined>;
  delete(id: string): Promise<boolean>;
}

export interface Upload {
  id: string;
  ownerId: string;
  /** Sanitised original name, for display only; the stored file is named by id. */
  filename: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  path: string;
  createdAt: Date;
}

export interface UploadsRepo {
  create(u: Omit<Upload, 'createdAt'>): Promise<Upload>;
  get(id: string): Promise<Upload | undefined>;
  list(ownerId: string): Promise<Upload[]>;
  delete(id: string): Promise<boolean>;
}

export interface AuditEntry {
  id: number;
  actorId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  createdAt: Date;
}

export interface AuditQuery {
  /** Entries this user made (actor) or that are about them (target). */
  userId?: string;
  /** Exact action name (`upload.delete`). */
  action?: string;
  /** Actions starting with this (`auth.`). */
  actionPrefix?: string;
  /** Inclusive lower and exclusive upper bound on createdAt. */
  from?: Date;
  to?: Date;
  /** Keyset paging: entries with a smaller id than this (the last id of the previous page). */
  beforeId?: number;
  /** 1..1000, default 100. */
  limit?: number;
}

export interface AuditRepo {
  record(entry: Omit<AuditEntry, 'id' | 'createdAt'>): Promise<void>;
  list(opts?: { limit?: number }): Promise<AuditEntry[]>;
  /** Newest first. */
  query(q: AuditQuery): Promise<AuditEntry[]>;
}

/** Bytes an account holds: its uploads and the measured outputs of its succeeded jobs. */
export interface StorageUsage {
  uploadsBytes: number;
  outputsBytes: number;
}

export interface StorageRepo {
  /** Succeeded jobs of this owner whose outputs were never measured, or were measured for an earlier result. */
  unmeasuredOutputs(ownerId: string): Promise<{ jobId: string; outputDir: string; finishedAt: Date | null }[]>;
  /** Records the size of the outputs of the result that finished at `finishedAt`. */
  setOutputBytes(jobId: string, bytes: number, finishedAt: Date | null): Promise<void>;
  usage(ownerId: string): Promise<StorageUsage>;
}

/** What an account erasure removed (rows) and stripped (audit entries). */
export interface ErasedCounts {
  /** What the transaction deleted, so the caller removes exactly those files (rows made while it waited included). */
  deleted: { jobs: { id: string; outputDir: string | null }[]; uploadPaths: string[] };
  sessions: number;
  apiKeys: number;
  jobs: number;
  jobEvents: number;
  uploads: number;
  templates: number;
  auditAnonymised: number;
}

export interface ErasureRepo {
  /**
   * In one transaction: every row of the user goes (sessions, API keys, jobs and their events, uploads, templates, the
   * user), audit entries naming them keep only ids, action and time (details and IP cleared), and `record` — the
   * erasure's own audit entry — is written. Undefined when the user does not exist; CONFLICT (VideogenError) when
   * they are the only admin. Files are the caller's job.
   */
  eraseUser(userId: string, record: Omit<AuditEntry, 'id' | 'createdAt'>): Promise<ErasedCounts | undefined>;
}

export interface Store {
  readonly dialect: 'pglite' | 'postgres';
  users: UsersRepo;
  sessions: SessionsRepo;
  twoFactor: TwoFactorRepo;
  loginThrottle: LoginThrottleRepo;
  apiKeys: ApiKeysRepo;
  jobs: JobsRepo;
  events: JobEventsRepo;
  templates: TemplatesRepo;
  uploads: UploadsRepo;
  audit: AuditRepo;
  storage: StorageRepo;
  erasure: ErasureRepo;
  channels: ChannelsRepo;
  publications: PublicationsRepo;
  quota: QuotaRepo;
  schedules: SchedulesRepo;
  /** Translations of multilingual jobs waiting for review (`review: true`). */
  translations: TranslationsRepo;
  /** Round-trips a trivial query; used by /api/ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
