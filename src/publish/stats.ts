import type { ChannelDeps } from './channels.ts';

/**
 * OWNER: helper h2. Fetches views, likes and comments of every channel's published videos (videos.list
 * part=statistics, 50 ids a call, quota counted) and the channel's own totals, when due; each channel is claimed
 * with a compare-and-set on statsDueAt so one of several servers does it. Returns how many channels were refreshed.
 */
export async function refreshDueStatistics(deps: ChannelDeps, o: { now?: Date; signal?: AbortSignal } = {}): Promise<number> {
  void deps;
  void o;
  throw new Error('not implemented (h2)');
}
