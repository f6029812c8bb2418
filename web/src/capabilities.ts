import { useQuery } from '@tanstack/react-query';
import { get } from './api/client.ts';
import type { Capabilities } from './api/types.ts';

/** What this server supports (GET /api/capabilities): the shell shows a page only when it works here. */
export function useCapabilities() {
  return useQuery({ queryKey: ['capabilities'], queryFn: ({ signal }) => get<Capabilities>('/api/capabilities', signal), staleTime: 60_000 });
}
