import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { VideogenConfig } from '../config.ts';
import { executeJob, RunningJob, type ExecuteDeps } from '../queue/execute-job.ts';
import { InProcessQueue } from '../queue/inprocess.ts';
import { runAnyJob, type RunJob } from '../queue/run-job.ts';
import type { QueueEventMap } from '../queue/types.ts';
import type { Job, Store } from '../store/types.ts';

/**
 * Runs chosen jobs in this process with the worker's own machinery (atomic claim, lease and heartbeat, progress
 * events, deferral, retry with backoff, release on Ctrl-C) — but only those jobs. A general worker (createWorker)
 * would claim whatever is runnable in the database, e.g. another account's render on a shared PostgreSQL; a command
 * a user runs for one video must not do that.
 */
export interface RunHereOptions {
  store: Store;
  config: VideogenConfig;
  /** The job whose end we wait for. */
  targetId: string;
  /** Jobs it needs that this process may run first (a publication's own render job). */
  helperIds?: string[];
  signal: AbortSignal;
  /** Keep waiting through a long deferral (the quota day) instead of returning 'deferred'. */
  waitThroughDeferral: boolean;
  /** True when a queued target's wait is a long one the user should be told about instead of waited for. */
  isLongDeferral(job: Job): Promise<boolean>;
  onEvent?(payload: QueueEventMap['job']): void;
  /** Something worth a line: a lease held by another process, a retry's backoff. */
  onWait?(job: Job, why: 'lease' | 'backoff' | 'deferral'): void;
  pollMs?: number;
  leaseMs?: number;
  runJob?: RunJob;
}

export type RunHereOutcome = { kind: 'finished'; job: Job } | { kind: 'deferred'; job: Job } | { kind: 'stopped'; job: Job };

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

export async function runJobsHere(o: RunHereOptions): Promise<RunHereOutcome> {
  const queue = new InProcessQueue(o.store);
  const leaseMs = o.leaseMs ?? 30_000;
  const deps: ExecuteDeps = {
    store: o.store,
    queue,
    config: o.config,
    workerId: `cli:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    leaseMs,
    heartbeatMs: Math.min(5_000, Math.floor(leaseMs / 3)),
    retryBaseMs: 5_000,
    progressIntervalMs: 300,
    runJob: o.runJob ?? runAnyJob,
    logger: silent,
  };
  const pollMs = o.pollMs ?? 1_000;
  const off = queue.on('job', (payload) => o.onEvent?.(payload));
  let current: RunningJob | undefined;
  const onAbort = () => current?.abort('stopping');
  o.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const target = await o.store.jobs.get(o.targetId);
      if (!target) throw new Error(`job ${o.targetId} disappeared`);
      if (FINISHED.has(target.state)) return { kind: 'finished', job: target };
      if (o.signal.aborted) return { kind: 'stopped', job: target };
      const job = await o.store.jobs.claim(deps.workerId, leaseMs, [...(o.helperIds ?? []), o.targetId]);
      if (job) {
        current = new RunningJob(job);
        // An abort between the claim and here: release the job at once rather than start it.
        if (o.signal.aborted) current.abort('stopping');
        await executeJob(current, deps);
        current = undefined;
        // The target may be waiting for the helper just finished (a render): no need to sit out its wait.
        if (job.id !== o.targetId) {
          const waiting = await o.store.jobs.get(o.targetId);
          if (waiting?.state === 'queued' && !(await o.isLongDeferral(waiting))) await o.store.jobs.update(o.targetId, { runAfter: new Date() });
        }
        continue;
      }
      if (target.state === 'queued' && target.runAfter.getTime() > Date.now()) {
        const long = await o.isLongDeferral(target);
        if (long && !o.waitThroughDeferral) return { kind: 'deferred', job: target };
        o.onWait?.(target, long ? 'deferral' : 'backoff');
      } else if (target.state === 'running') o.onWait?.(target, 'lease');
      await sleep(pollMs, undefined, { signal: o.signal }).catch(() => undefined);
    }
  } finally {
    o.signal.removeEventListener('abort', onAbort);
    off();
    await queue.close();
  }
}
