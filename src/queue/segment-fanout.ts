import type { VideogenConfig } from '../config.ts';
import { VideogenError } from '../errors.ts';
import type { FanoutSettings, SegmentDistributor } from '../pipeline/segment-distributor.ts';
import { BullSegmentDistributor, type BullSegmentDistributorOptions } from './segment-distributor.ts';

/** Segments fan out only over BullMQ (there are other workers to reach) and unless VIDEOGEN_FANOUT=0. */
export function fanoutEnabled(config: Pick<VideogenConfig, 'redisUrl' | 'fanout'>): boolean {
  return Boolean(config.redisUrl) && config.fanout !== false;
}

/**
 * The distributor of one render job's segments, from data only (what a render process receives): the config names
 * Redis and the key prefix, `fanout` the job whose cancel withdraws the tasks.
 */
export function createSegmentDistributor(config: VideogenConfig, fanout: FanoutSettings, extra: Partial<BullSegmentDistributorOptions> = {}): SegmentDistributor {
  if (!config.redisUrl) throw new VideogenError('USAGE', 'fanning segments out needs REDIS_URL (the BullMQ queue every worker reads)');
  return new BullSegmentDistributor({ redisUrl: config.redisUrl, ...(config.queuePrefix ? { prefix: config.queuePrefix } : {}), jobId: fanout.jobId, ...extra });
}
