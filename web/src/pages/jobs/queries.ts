import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import { TERMINAL, type Job, type JobList, type JobState } from './types.ts';

export interface JobFilter {
  states: JobState[];
  kind?: 'render' | 'create' | 'publish';
  /** Admins: everyone's jobs. */
  all?: boolean;
  limit?: number;
}

function listPath(filter: JobFilter, before: string | undefined): string {
  const query = new URLSearchParams();
  if (filter.states.length) query.set('state', filter.states.join(','));
  if (filter.kind) query.set('kind', filter.kind);
  if (filter.all) query.set('all', '1');
  query.set('limit', String(filter.limit ?? 20));
  if (before) query.set('before', before);
  return `/api/jobs?${query}`;
}

/** Jobs newest first, a page at a time as the API pages them (before=<nextBefore>). */
export function useJobList(filter: JobFilter) {
  return useInfiniteQuery({
    queryKey: ['jobs', filter],
    queryFn: ({ pageParam, signal }) => get<JobList>(listPath(filter, pageParam), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** One job with its files; SSE (live.ts) keeps it current while it runs. */
export function useJob(id: string) {
  return useQuery({
    queryKey: ['job', id],
    queryFn: ({ signal }) => get<Job>(`/api/jobs/${encodeURIComponent(id)}`, signal),
    staleTime: (query) => (query.state.data && TERMINAL.has(query.state.data.state) ? 60_000 : 0),
  });
}
