import type { SegmentStats } from './segments.ts';

/** One segment of a planned render, as data: any worker that can read the artifact store can render it. */
export interface SegmentTask {
  /** Key of the segment context (segment-task.ts) in the artifact store. */
  contextKey: string;
  index: number;
  /** The segment's cache key as the planning worker computed it; a worker that computes another key refuses. */
  key: string;
  frames: number;
}

/**
 * Renders a render's uncached segments somewhere else (other worker processes or machines) and resolves once every one
 * is in the artifact store. The pipeline meanwhile builds the soundtrack, then muxes once. Rejects with the failing
 * segment's error after its last attempt, or CANCELLED when `signal` aborts (every task is then withdrawn).
 */
export interface SegmentDistributor {
  render(tasks: readonly SegmentTask[], opts: { signal?: AbortSignal; onFrames?: (frames: number) => void }): Promise<SegmentStats[]>;
  close?(): Promise<void>;
}

/**
 * Jobs render in a child process (render-child.ts), so a distributor cannot be handed over as an object. What crosses
 * is FanoutSettings; the child builds the distributor with `createSegmentDistributor(config, fanout)` from
 * src/queue/segment-fanout.ts (loaded lazily: only fanned-out renders need BullMQ).
 *
 * What crosses into a render process (render-protocol.ts) to fan its segments out: data only; the process builds its
 * distributor from it and the config (REDIS_URL, VIDEOGEN_QUEUE_PREFIX).
 */
export interface FanoutSettings {
  /** The job whose segments these are: cancelling the job withdraws them. */
  jobId: string;
}
