import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import type { Channel, Job, Quota } from './types.ts';

/** Shared look-ups of the publishing pages (one cache key each, so pages agree after a change). */
export function useChannels(enabled = true) {
  return useQuery({ queryKey: ['channels'], queryFn: ({ signal }) => get<{ channels: Channel[] }>('/api/channels', signal), enabled });
}

export function useQuota(enabled = true) {
  return useQuery({ queryKey: ['quota'], queryFn: ({ signal }) => get<{ quota: Quota[] }>('/api/quota', signal), enabled });
}

/** Finished render/create jobs: what can be published. */
export function useFinishedJobs(enabled = true) {
  return useQuery({
    queryKey: ['jobs', 'succeeded'],
    queryFn: async ({ signal }) => (await get<{ jobs: Job[] }>('/api/jobs?state=succeeded&limit=100', signal)).jobs.filter((j) => j.kind !== 'publish'),
    enabled,
  });
}

export const channelName = (channels: Channel[] | undefined, id: string | null) => {
  if (!id) return 'No channel';
  const c = channels?.find((x) => x.id === id);
  return c ? c.name : 'Removed channel';
};

/** The languages of a multilingual job (options.languages), or none. */
export function languagesOf(job: Job | undefined): string[] {
  const list = job?.options.languages;
  return Array.isArray(list) ? list.map(String) : [];
}
