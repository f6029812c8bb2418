import { useEffect, useRef, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { subscribe } from '../../api/client.ts';
import { EVENT_TYPES, TERMINAL, type Job, type JobList, type ProgressSnapshot, type StateEvent, type WarningEvent } from './types.ts';

type AnyEvent = StateEvent & ProgressSnapshot & WarningEvent;

/** What the events of one job have said so far (the stream replays the stored ones first, so a reload loses nothing). */
export interface LiveJob {
  snapshot: ProgressSnapshot | undefined;
  /** The latest state event, e.g. a queued job that waits for the review of its translations. */
  lastState: StateEvent | undefined;
  warnings: string[];
  /** Multilingual renders: the latest whole-job progress seen while each language was being made. */
  languages: ReadonlyMap<string, number>;
}

const EMPTY: LiveJob = { snapshot: undefined, lastState: undefined, warnings: [], languages: new Map() };

/**
 * Folds one event into a job row, so the list and the detail move without a refetch. Events older than the row
 * (the stream's replay of its history; both times are the server's) are skipped: a finished job must not flicker
 * back through "running" while its history is replayed.
 */
export function patchJob(job: Job, type: string, data: AnyEvent): Job {
  if (data.at < job.updatedAt) return job;
  if (type === 'progress') return { ...job, state: job.state === 'queued' ? 'running' : job.state, stage: data.stage, progress: Math.max(job.progress, data.progress) };
  if (type !== 'state') return job;
  return {
    ...job,
    state: data.state,
    ...(data.state === 'succeeded' ? { progress: 1, stage: null } : {}),
    ...(data.state === 'running' ? { startedAt: job.startedAt ?? data.at } : {}),
    ...(data.errorCode !== undefined ? { errorCode: data.errorCode, errorMessage: data.errorMessage ?? null } : {}),
  };
}

function fold(before: LiveJob, type: string, data: AnyEvent): LiveJob {
  if (type === 'warning') return { ...before, warnings: [...before.warnings, data.message] };
  if (type === 'state') {
    // A fresh attempt (a retry from the page) starts its progress over.
    const restart = data.state === 'queued' && !data.waiting;
    return { ...before, lastState: data, ...(restart ? { snapshot: undefined, languages: new Map() } : {}) };
  }
  if (type !== 'progress') return before;
  const languages = data.language ? new Map(before.languages).set(data.language, data.progress) : before.languages;
  return { ...before, snapshot: data, languages };
}

/**
 * How long after a terminal state the stream is closed, when the job row says it is finished too. Shorter than the
 * server's `retry: 3000`, so EventSource never reconnects to a finished job. A retried job's replay carries its old
 * terminal state, and the server ends the stream there (src/server/sse.ts applies `isLast` to replayed events); that
 * state is older than the row, so the stream is left to EventSource, which reconnects with Last-Event-ID and goes on.
 */
const SETTLE_MS = 1500;

/**
 * One job's events over SSE: the cached job row (['job', id]) follows them, and the latest snapshot, the warnings
 * and the per-language progress are returned. A terminal state refetches the row, which then lists its files.
 * `epoch` reopens the stream (after a retry: the job has a future again).
 */
export function useJobEvents(id: string | undefined, epoch = 0): LiveJob {
  const client = useQueryClient();
  const [live, setLive] = useState<LiveJob>(EMPTY);
  useEffect(() => {
    if (!id) return undefined;
    setLive(EMPTY);
    let settle: ReturnType<typeof setTimeout> | undefined;
    const close = subscribe(
      `/api/jobs/${encodeURIComponent(id)}/events`,
      (type, raw) => {
        const data = raw as AnyEvent;
        clearTimeout(settle);
        const row = client.getQueryData<Job>(['job', id]);
        client.setQueryData<Job>(['job', id], (job) => (job ? patchJob(job, type, data) : job));
        if (type === 'state' && TERMINAL.has(data.state)) {
          settle = setTimeout(() => {
            // Only the job's current end closes it: an older one (before a retry) is history the replay goes past.
            const now = client.getQueryData<Job>(['job', id]);
            if (!now || (TERMINAL.has(now.state) && data.at >= now.updatedAt)) close();
          }, SETTLE_MS);
          if (row && row.updatedAt <= data.at) {
            void client.invalidateQueries({ queryKey: ['job', id] });
            void client.invalidateQueries({ queryKey: ['jobs'] });
            if (data.state === 'succeeded') void client.invalidateQueries({ queryKey: ['library'] });
          }
        }
        setLive((before) => fold(before, type, data));
      },
      EVENT_TYPES,
    );
    return () => {
      clearTimeout(settle);
      close();
    };
  }, [id, epoch, client]);
  return live;
}

/** Patches every cached job list; says whether the job was in one of them and whether its row changed state. */
function patchLists(client: QueryClient, type: string, data: AnyEvent): { known: boolean; changedState: boolean } {
  let known = false;
  let changedState = false;
  client.setQueriesData<{ pages: JobList[] }>({ queryKey: ['jobs'] }, (lists) => {
    if (!lists) return lists;
    return {
      ...lists,
      pages: lists.pages.map((page) => ({
        ...page,
        jobs: page.jobs.map((job) => {
          if (job.id !== data.jobId) return job;
          known = true;
          const next = patchJob(job, type, data);
          if (next.state !== job.state) changedState = true;
          return next;
        }),
      })),
    };
  });
  return { known, changedState };
}

/**
 * Every job of the caller over one SSE stream: rows of the cached lists (['jobs', …]) update in place. A job the
 * lists do not have (made in another tab or by the CLI) or a row that changed state (a filter may now exclude it)
 * refetches the lists, at most once per burst: the stream's replay of old events must not cause a refetch storm.
 */
export function useAllJobEvents(): void {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const refetchSoon = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void client.invalidateQueries({ queryKey: ['jobs'] }), 400);
    };
    const close = subscribe(
      '/api/events',
      (type, raw) => {
        const data = raw as AnyEvent;
        const { known, changedState } = patchLists(client, type, data);
        if (type === 'state' && (!known || changedState)) refetchSoon();
      },
      EVENT_TYPES,
    );
    return () => {
      clearTimeout(timer.current);
      close();
    };
  }, [client]);
}
