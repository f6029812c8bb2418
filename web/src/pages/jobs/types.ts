/** Shapes of the job API (src/server/schemas.ts JobSchema) and of its SSE events (src/server/sse.ts). */

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type JobKind = 'render' | 'create' | 'publish';

export const JOB_STATES: readonly JobState[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
export const TERMINAL: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

export interface Job {
  id: string;
  ownerId: string;
  kind: JobKind;
  state: JobState;
  stage: string | null;
  /** Whole job, 0..1. */
  progress: number;
  title: string | null;
  options: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  cancelRequested: boolean;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Succeeded jobs, detail view: `video.mp4`…, or `index.json` and `<lang>/<name>` for a multilingual job. */
  files?: string[];
  input?: unknown;
}

export interface JobList {
  jobs: Job[];
  nextBefore: string | null;
}

/** The `progress` event's data (src/queue/progress.ts ProgressSnapshot). */
export interface ProgressSnapshot {
  stage: string;
  progress: number;
  done?: number;
  total?: number;
  fps?: number;
  etaSeconds?: number;
  bytesSent?: number;
  bytesTotal?: number;
  /** Multilingual renders: the language being made. */
  language?: string;
}

/** Every SSE event carries the job id and when it happened, besides its own data. */
interface EventBase {
  jobId: string;
  at: string;
}

/** The `state` event's data: the new state and why (a retry, a wait for review…). */
export interface StateEvent extends EventBase {
  state: JobState;
  retry?: boolean;
  attempt?: number;
  waiting?: boolean;
  waitingFor?: string;
  reason?: string;
  until?: string;
  languages?: string[];
  errorCode?: string;
  errorMessage?: string;
}

export interface WarningEvent extends EventBase {
  message: string;
}

export const EVENT_TYPES = ['state', 'progress', 'warning'] as const;
