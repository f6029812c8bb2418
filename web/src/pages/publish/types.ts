/** Answers of the publishing and translation-review routes (src/server/publish-schemas.ts, routes/translations.ts). */

export type Privacy = 'private' | 'unlisted' | 'public';
export type PublicationState = 'pending' | 'waiting' | 'uploading' | 'finishing' | 'succeeded' | 'failed' | 'cancelled';

export interface Channel {
  id: string;
  name: string;
  title: string | null;
  externalId: string | null;
  project: string;
  revoked: boolean;
  stats: { subscribers?: number; views?: number; videos?: number };
  statsAt: string | null;
  createdAt: string;
}

export interface Publication {
  id: string;
  channelId: string;
  jobId: string | null;
  sourceJobId: string | null;
  scheduleId: string | null;
  state: PublicationState;
  privacy: Privacy;
  publishAt: string | null;
  metadata: Record<string, unknown>;
  fileBytes: number | null;
  uploadedBytes: number;
  steps: Record<string, unknown>;
  videoId: string | null;
  videoUrl: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  stats: { views?: number; likes?: number; comments?: number };
  createdAt: string;
  finishedAt: string | null;
}

export interface Job {
  id: string;
  kind: string;
  state: string;
  stage: string | null;
  progress: number;
  title: string | null;
  options: Record<string, unknown>;
  createdAt: string;
  finishedAt: string | null;
  input?: unknown;
}

export interface Quota {
  project: string;
  day: string;
  used: number;
  limit: number;
  remaining: number;
  resetsAt: string;
}

export type CatchUp = 'once' | 'skip';

export interface Schedule {
  id: string;
  name: string;
  rule: string;
  cron: string | null;
  timezone: string;
  channelId: string | null;
  topics?: string[];
  generator?: { niche: string; seed?: number };
  format?: 'short' | 'video';
  publish?: { privacy?: Privacy; playlistId?: string; releaseAfterMinutes?: number };
  enabled: boolean;
  catchUp: CatchUp;
  topicIndex: number;
  nextRunAt: string | null;
  lastRunAt: string | null;
}

export interface ScheduleDetail extends Schedule {
  /** What the rule means, in words. */
  description: string;
  upcoming: { at: string; topic: string | null }[];
  runs: { slotAt: string; status: 'fired' | 'skipped'; topic: string | null; jobId: string | null; publicationId: string | null }[];
}

export interface CalendarEntry {
  at: string;
  type: 'make' | 'publish';
  state: string;
  title: string;
  channelId: string | null;
  scheduleId?: string;
  publicationId?: string;
  jobId?: string;
  videoUrl?: string;
}

export interface CalendarPage {
  from: string;
  to: string;
  entries: CalendarEntry[];
  truncated: boolean;
  next: string | null;
}

export interface Language {
  code: string;
  name: string;
  nativeName: string;
  rtl: boolean;
  narrationTemplates: boolean;
}

export interface TranslationProvider {
  id: string;
  label: string;
  configured: boolean;
  pairs: string[];
  reason?: string;
}

export interface Translation {
  language: string;
  state: 'pending' | 'approved';
  translatedBy: string;
  updatedAt: string;
  spec: Record<string, unknown>;
}

export interface Review {
  job: Job;
  waiting: boolean;
  translations: Translation[];
}

/** The publishing routes answer 404/501/503 when the server is not set up; the page says why from /api/capabilities. */
export const FINISHED: ReadonlySet<PublicationState> = new Set(['succeeded', 'failed', 'cancelled']);
