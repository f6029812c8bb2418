import { isVideogenError } from '../errors.ts';
import { isJobDeferral } from '../queue/deferral.ts';
import type { Channel, Publication } from '../store/types.ts';
import { publisherFor as defaultPublisherFor, type ChannelDeps } from './channels.ts';
import { quotaLedger } from './quota.ts';
import type { Publisher } from './types.ts';

/** YouTube's videos.list takes at most 50 ids a call. */
const IDS_PER_CALL = 50;
/** Channels looked at per pass; the rest are still due at the next pass. */
const CHANNELS_PER_PASS = 50;
/** Published videos whose statistics are kept fresh per channel (the newest). */
const VIDEOS_PER_CHANNEL = 1000;

export interface StatsOptions {
  now?: Date;
  signal?: AbortSignal;
  logger?: { warn(obj: object, msg?: string): void };
  /** The Publisher for a channel (default: src/publish/channels.ts). */
  publisherFor?: (deps: ChannelDeps, channel: Channel) => Publisher;
}

/**
 * Fetches views, likes and comments of every channel's published videos (videos.list
 * part=statistics, 50 ids a call, quota counted) and the channel's own totals, when due; each channel is claimed
 * with a compare-and-set on statsDueAt so one of several servers does it. Returns how many channels were refreshed.
 */
export async function refreshDueStatistics(deps: ChannelDeps, o: StatsOptions = {}): Promise<number> {
  const at = o.now ?? new Date();
  const signal = o.signal ?? new AbortController().signal;
  const publisherFor = o.publisherFor ?? defaultPublisherFor;
  const { store, config } = deps;
  let refreshed = 0;
  for (const channel of await store.channels.dueForStats(at, CHANNELS_PER_PASS)) {
    if (signal.aborted) break;
    // Claimed before any call: the winner moves statsDueAt on, every other server sees it moved and skips.
    if (!(await store.channels.claimStats(channel.id, channel.statsDueAt, new Date(at.getTime() + config.publish.statsMinutes * 60_000)))) continue;
    const ledger = quotaLedger(store, config, channel.project, () => o.now ?? new Date());
    const calls = { signal, spend: ledger.spend, quotaExhausted: ledger.exhausted };
    try {
      const publisher = publisherFor(deps, channel);
      const me = await publisher.whoAmI(calls);
      const published = (await store.publications.list({ channelId: channel.id, state: 'succeeded', limit: VIDEOS_PER_CHANNEL })).filter((p): p is Publication & { videoId: string } => Boolean(p.videoId));
      for (let i = 0; i < published.length; i += IDS_PER_CALL) {
        const batch = published.slice(i, i + IDS_PER_CALL);
        const stats = await publisher.statistics(batch.map((p) => p.videoId), calls);
        for (const p of batch) {
          const s = stats[p.videoId];
          // A video deleted at YouTube has no statistics any more: its last known ones stay.
          if (s) await store.publications.update(p.id, { stats: s, statsAt: at });
        }
      }
      await store.channels.update(channel.id, { stats: me.stats, statsAt: at, ...(me.title && me.title !== channel.title ? { title: me.title } : {}) });
      refreshed += 1;
    } catch (error) {
      // The day's quota is spent, or the channel must be connected again: this channel waits for its next turn.
      if (isJobDeferral(error)) o.logger?.warn({ channelId: channel.id, until: error.until.toISOString() }, 'statistics wait for quota');
      else if (isVideogenError(error) && error.code === 'CHANNEL_REAUTH') o.logger?.warn({ channelId: channel.id }, 'statistics skipped: the channel must be connected again');
      else o.logger?.warn({ channelId: channel.id, err: (error as Error).message }, 'statistics refresh failed');
    }
  }
  return refreshed;
}
