import type { JobsRepo } from './types.ts';

/**
 * The publishing part of the storage contract (issue 13): channels, publications (durable uploads), the quota ledger,
 * schedules and their runs. Same conventions as ./types.ts: Date objects, plain JSON values, UUID ids.
 */

/** An encrypted value as stored (src/publish/secret-box.ts): never a token in clear. */
export interface SealedSecret {
  v: 1;
  alg: 'A256GCM';
  /** Which key sealed it: the first 8 hex digits of sha256(key), so a wrong VIDEOGEN_SECRET_KEY is named as such. */
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export type ChannelKind = 'youtube';

export interface ChannelStats {
  subscribers?: number;
  views?: number;
  videos?: number;
}

export interface Channel {
  id: string;
  ownerId: string;
  kind: ChannelKind;
  /** The owner's name for it, unique per owner (`--channel <name>`). */
  name: string;
  /** The platform's id (YouTube `UC…`) and title. */
  externalId: string | null;
  title: string | null;
  /** The API project whose quota its calls spend (the OAuth client id). */
  project: string;
  /** Sealed JSON `{ refreshToken, accessToken?, accessExpiresAt?, scope? }`; null once revoked. */
  credentials: SealedSecret | null;
  revokedAt: Date | null;
  stats: ChannelStats;
  statsAt: Date | null;
  /** When the statistics refresher should next look at this channel (compare-and-set by whoever does). */
  statsDueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A channel as connected: the platform's fields and the sealed credentials; the rest starts empty. */
export type NewChannel = Pick<Channel, 'ownerId' | 'kind' | 'name' | 'externalId' | 'title' | 'project'> & { credentials: SealedSecret };

export type ChannelPatch = Partial<Pick<Channel, 'name' | 'title' | 'externalId' | 'credentials' | 'revokedAt' | 'stats' | 'statsAt' | 'statsDueAt' | 'project'>>;

export interface ChannelsRepo {
  /** CONFLICT (VideogenError) when the owner already has a channel of that name. */
  create(channel: NewChannel): Promise<Channel>;
  get(id: string): Promise<Channel | undefined>;
  byName(ownerId: string, name: string): Promise<Channel | undefined>;
  list(ownerId: string): Promise<Channel[]>;
  /** Every unrevoked channel whose statistics are due (statsDueAt ≤ now or null). */
  dueForStats(now: Date, limit: number): Promise<Channel[]>;
  update(id: string, patch: ChannelPatch): Promise<Channel | undefined>;
  /** Sets statsDueAt to `next` only if it is still `expected` (null matches null): true for the one caller that won. */
  claimStats(id: string, expected: Date | null, next: Date): Promise<boolean>;
  delete(id: string): Promise<boolean>;
}

export type Privacy = 'private' | 'unlisted' | 'public';

/**
 * pending: created, its publish job not yet run · waiting: for its render job, or for the next quota day ·
 * uploading: bytes going up (uploadOffset says how many YouTube confirmed) · finishing: captions, thumbnail, playlist ·
 * succeeded (videoId, videoUrl) · failed (errorCode, errorMessage: YouTube's reason) · cancelled.
 */
export type PublicationState = 'pending' | 'waiting' | 'uploading' | 'finishing' | 'succeeded' | 'failed' | 'cancelled';

/** What is attached to the video besides its bytes, and what has already been done (so a resumed job skips it). */
export interface PublicationSteps {
  /** Languages whose caption track was inserted. */
  captions?: string[];
  thumbnail?: boolean;
  playlist?: boolean;
  /** Why the job waits, while state is 'waiting': `render` or `quota` (until `until`). */
  waitingFor?: 'render' | 'quota';
  until?: string;
}

/** Title, description, tags, category, language and the disclosures, as they will be sent (from metadata.json). */
export interface PublicationMetadata {
  title?: string;
  description?: string;
  tags?: string[];
  categoryId?: string;
  language?: string;
  madeForKids?: boolean;
  containsSyntheticMedia?: boolean;
  /** Per-language titles and descriptions (YouTube `localizations`). */
  localizations?: Record<string, { title: string; description: string }>;
  /** A multilingual render (index.json): the languages this publication carries; unset = all of them. */
  languages?: string[];
}

export interface VideoStats {
  views?: number;
  likes?: number;
  comments?: number;
}

export interface Publication {
  id: string;
  ownerId: string;
  channelId: string;
  /** The publish job carrying it through the queue. */
  jobId: string | null;
  /** The render/create job whose outputs it publishes, or `sourceDir` (a CLI output directory). */
  sourceJobId: string | null;
  sourceDir: string | null;
  scheduleId: string | null;
  state: PublicationState;
  privacy: Privacy;
  /** Scheduled release: uploaded private, YouTube makes it public at this time. */
  publishAt: Date | null;
  playlistId: string | null;
  /** Overrides of metadata.json (the user's edits); the rest comes from the outputs at upload time. */
  metadata: PublicationMetadata;
  fileBytes: number | null;
  fileSha256: string | null;
  /** Resumable session URI and the bytes YouTube confirmed: another process resumes from here. */
  uploadUri: string | null;
  uploadOffset: number;
  steps: PublicationSteps;
  videoId: string | null;
  videoUrl: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  stats: VideoStats;
  statsAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface NewPublication {
  /** Chosen by the caller when its job must name it first (src/publish/publications.ts); generated otherwise. */
  id?: string;
  ownerId: string;
  channelId: string;
  jobId?: string | null;
  sourceJobId?: string | null;
  sourceDir?: string | null;
  scheduleId?: string | null;
  state?: PublicationState;
  privacy: Privacy;
  publishAt?: Date | null;
  playlistId?: string | null;
  metadata?: PublicationMetadata;
}

export type PublicationPatch = Partial<
  Pick<Publication, 'jobId' | 'state' | 'metadata' | 'fileBytes' | 'fileSha256' | 'uploadUri' | 'uploadOffset' | 'steps' | 'videoId' | 'videoUrl' | 'errorCode' | 'errorMessage' | 'stats' | 'statsAt' | 'finishedAt' | 'publishAt' | 'privacy' | 'playlistId'>
>;

export interface PublicationFilter {
  ownerId?: string;
  channelId?: string;
  state?: PublicationState | PublicationState[];
  /** publishAt or createdAt within [from, to). */
  from?: Date;
  to?: Date;
  limit?: number;
}

export interface PublicationsRepo {
  create(p: NewPublication): Promise<Publication>;
  get(id: string): Promise<Publication | undefined>;
  byJob(jobId: string): Promise<Publication | undefined>;
  list(filter: PublicationFilter): Promise<Publication[]>;
  update(id: string, patch: PublicationPatch): Promise<Publication | undefined>;
  /**
   * Records a confirmed offset only when it moves forward for the same session URI: a stale worker can never move
   * a newer upload's offset back. False when nothing changed.
   */
  advanceUpload(id: string, uploadUri: string, offset: number): Promise<boolean>;
  delete(id: string): Promise<boolean>;
}

/** One project's spending on one Pacific day (YouTube's quota resets at midnight America/Los_Angeles). */
export interface QuotaDay {
  project: string;
  /** YYYY-MM-DD in America/Los_Angeles. */
  day: string;
  units: number;
  /** Units per API method (`videos.insert`: 1600, …). */
  calls: Record<string, number>;
}

export interface QuotaRepo {
  /**
   * Adds `units` for `method` only if the day's total stays ≤ `limit`, atomically (concurrent workers cannot both take
   * the last units). Returns the day after the change, or undefined when it would exceed the limit.
   */
  reserve(project: string, day: string, method: string, units: number, limit: number): Promise<QuotaDay | undefined>;
  /** Records units YouTube charged regardless of the limit (a call already made). */
  charge(project: string, day: string, method: string, units: number): Promise<QuotaDay>;
  get(project: string, day: string): Promise<QuotaDay>;
}

export type CatchUp = 'once' | 'skip';

/** What a schedule makes at each slot: a topic (from a list, or generated), rendered and uploaded. */
export interface ScheduleInput {
  /** Taken in order, one per slot (topicIndex is the cursor); when exhausted, the generator or the schedule ends. */
  topics?: string[];
  /** Topic generator: a Short niche whose templates suggest topics (src/sources/short). */
  generator?: { niche: string; seed?: number };
  format?: 'short' | 'video';
  /** Create options (voice, aspect, broll, music mood, languages …) passed to the create job. */
  options?: Record<string, unknown>;
  /** How the result is published. */
  publish?: { privacy?: Privacy; playlistId?: string; /** Release this long after the slot (YouTube publishAt). */ releaseAfterMinutes?: number };
}

export interface Schedule {
  id: string;
  ownerId: string;
  name: string;
  /** As the user typed it (`every weekday at 09:00 Europe/Berlin`), and the cron it means (null for a one-off). */
  rule: string;
  cron: string | null;
  timezone: string;
  channelId: string | null;
  templateId: string | null;
  input: ScheduleInput;
  enabled: boolean;
  catchUp: CatchUp;
  topicIndex: number;
  /** The next slot to fire; null when nothing is left (a fired one-off, an exhausted topic list). */
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A schedule as created: what the user chose and its first slot; the cursor, times and the rest start empty. */
export type NewSchedule = Pick<Schedule, 'ownerId' | 'name' | 'rule' | 'cron' | 'timezone' | 'channelId' | 'input' | 'catchUp' | 'nextRunAt'> & Partial<Pick<Schedule, 'templateId' | 'enabled'>>;

export type SchedulePatch = Partial<Pick<Schedule, 'name' | 'rule' | 'cron' | 'timezone' | 'channelId' | 'input' | 'enabled' | 'catchUp' | 'topicIndex' | 'nextRunAt' | 'lastRunAt'>>;

export interface ScheduleRun {
  scheduleId: string;
  slotAt: Date;
  status: 'fired' | 'skipped';
  topic: string | null;
  jobId: string | null;
  publicationId: string | null;
  /** The server process that fired it. */
  firedBy: string | null;
  createdAt: Date;
}

export interface SchedulesRepo {
  create(s: NewSchedule): Promise<Schedule>;
  get(id: string): Promise<Schedule | undefined>;
  list(ownerId: string): Promise<Schedule[]>;
  /** Enabled schedules whose nextRunAt ≤ now, oldest slot first. */
  due(now: Date, limit: number): Promise<Schedule[]>;
  update(id: string, patch: SchedulePatch): Promise<Schedule | undefined>;
  /**
   * Fires one slot exactly once: in one transaction, moves nextRunAt from `slot` to `patch.nextRunAt` (and applies the
   * rest of `patch`) only if nextRunAt is still `slot`, inserts the run row (primary key schedule+slot), and calls
   * `make` inside the same transaction to create what the slot produces (jobs, publication) with the transaction's
   * store. Undefined when another process won the slot (nothing is created).
   */
  fire<T>(scheduleId: string, slot: Date, patch: SchedulePatch, run: Omit<ScheduleRun, 'scheduleId' | 'slotAt' | 'createdAt' | 'jobId' | 'publicationId'> & { /** The slot recorded, when not `slot` itself (catch-up makes the latest missed one). */ slotAt?: Date }, make: (tx: TxStore) => Promise<{ jobId: string | null; publicationId: string | null; result: T }>): Promise<T | undefined>;
  runs(scheduleId: string, opts?: { from?: Date; to?: Date; limit?: number }): Promise<ScheduleRun[]>;
  delete(id: string): Promise<boolean>;
}

/** The repositories usable inside SchedulesRepo.fire's transaction. */
export interface TxStore {
  jobs: JobsRepo;
  publications: PublicationsRepo;
}
