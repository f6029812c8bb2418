import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { VideogenConfig } from '../config.ts';
import { errorInfo, isVideogenError, type ErrorCode } from '../errors.ts';
import type { Job, JobPatch, Store } from '../store/types.ts';
import type { JobQueue } from './types.ts';
import type { RunJob, SourceResolver } from './run-job.ts';
import { sequentialRecorder } from './record-event.ts';
import { ProgressThrottle, snapshotOf } from './progress.ts';
import { isJobDeferral } from './deferral.ts';

/** pino-compatible subset, so tests can pass nothing and the CLI a pino logger. */
export interface WorkerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ExecuteDeps {
  store: Store;
  queue: JobQueue;
  config: VideogenConfig;
  workerId: string;
  leaseMs: number;
  heartbeatMs: number;
  retryBaseMs: number;
  progressIntervalMs: number;
  runJob: RunJob;
  resolveSource?: SourceResolver;
  logger: WorkerLogger;
}

/** Why a running job was aborted from outside: a cancel request, a lease lost to a takeover, or the worker stopping. */
export type AbortReason = 'cancelled' | 'lost' | 'stopping';

export class RunningJob {
  readonly controller = new AbortController();
  reason: AbortReason | undefined;
  constructor(readonly job: Job) {}
  abort(reason: AbortReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.controller.abort(new Error(`job ${reason}`));
  }
}

/**
 * One claimed job from start to its next state: succeeded, failed, cancelled, queued again (retry, or released by a
 * stopping worker) — or nothing at all when the lease was lost, because then another worker owns the job.
 */
export async function executeJob(run: RunningJob, deps: ExecuteDeps): Promise<void> {
  const { job } = run;
  const { store, queue, workerId, logger } = deps;
  const guard = { leaseOwner: workerId };
  const record = sequentialRecorder(store, queue);
  const settle = async (patch: JobPatch, data: Record<string, unknown>) => {
    const updated = await store.jobs.update(job.id, { stage: null, leaseOwner: null, leaseExpiresAt: null, ...patch }, guard);
    if (updated) await record(updated, 'state', data);
    else logger.warn({ jobId: job.id }, 'job was taken over before its result was recorded');
    return updated;
  };

  if (job.cancelRequested) {
    const cancelled = await settle({ state: 'cancelled', finishedAt: new Date() }, { state: 'cancelled' });
    if (cancelled && job.kind === 'publish') await (await import('../publish/publish-job.ts')).settlePublicationOfJob(store, job.id, 'cancelled');
    return;
  }
  if (job.attempts > job.maxAttempts) {
    const message = `gave up after ${job.maxAttempts} attempts: the worker running it stopped responding each time`;
    const failed = await settle({ state: 'failed', errorCode: 'JOB_FAILED', errorMessage: message, finishedAt: new Date() }, { state: 'failed', errorCode: 'JOB_FAILED', errorMessage: message });
    // The job's own code never ran to record it, so a publication it carried is settled here.
    if (failed && job.kind === 'publish') await (await import('../publish/publish-job.ts')).settlePublicationOfJob(store, job.id, 'failed', { code: 'JOB_FAILED', message });
    return;
  }

  logger.info({ jobId: job.id, attempt: job.attempts }, 'job started');
  await record(job, 'state', { state: 'running', attempt: job.attempts, worker: workerId });
  const finalDir = join(deps.config.artifactsDir, job.id);
  // Per attempt, so a stale worker still writing its attempt can never mix files into ours.
  const partialDir = join(deps.config.artifactsDir, `${job.id}.partial-${job.attempts}`);
  let beating = false;
  const heartbeat = setInterval(() => {
    if (beating) return;
    beating = true;
    void beat(run, deps)
      .catch((error: unknown) => logger.warn({ jobId: job.id, err: (error as Error).message }, 'heartbeat failed'))
      .finally(() => (beating = false));
  }, deps.heartbeatMs);
  const progress = new ProgressThrottle(async (snapshot) => {
    const updated = await store.jobs.update(job.id, { stage: snapshot.stage, progress: snapshot.progress }, guard);
    if (updated) await record(updated, 'progress', { ...snapshot });
  }, deps.progressIntervalMs);

  try {
    await removePartials(deps.config.artifactsDir, job.id);
    await mkdir(partialDir, { recursive: true });
    // An abort that came while we were preparing: the job's own code might only listen for future aborts.
    if (run.controller.signal.aborted) throw run.controller.signal.reason;
    await deps.runJob({
      job,
      outputDir: partialDir,
      signal: run.controller.signal,
      config: deps.config,
      store,
      onProgress: (snapshot) => progress.update(snapshot),
      ...(deps.resolveSource ? { resolveSource: deps.resolveSource } : {}),
      // Only the owner's uploads: a spec naming someone else's id finds nothing, exactly like a deleted one.
      uploads: async (id) => {
        const upload = await store.uploads.get(id);
        return upload && upload.ownerId === job.ownerId ? upload : undefined;
      },
      onEvent: (event) => {
        if (event.type === 'warning') void record(job, 'warning', { message: event.message }).catch(() => undefined);
        const snapshot = snapshotOf(event, progress.latest);
        if (snapshot) progress.update(snapshot);
      },
    });
    await progress.flush();
    if (run.controller.signal.aborted) throw run.controller.signal.reason;
    // Confirm the lease once more before publishing: a worker that lost its job must not publish outputs.
    if (!(await store.jobs.heartbeat(job.id, workerId, deps.leaseMs))) {
      await beat(run, deps);
      throw new Error('lease lost before publishing outputs');
    }
    // Readers only ever see a complete directory: the outputs appear under the job id in one rename.
    await rm(finalDir, { recursive: true, force: true });
    await rename(partialDir, finalDir);
    await settle({ state: 'succeeded', progress: 1, outputDir: finalDir, errorCode: null, errorMessage: null, finishedAt: new Date() }, { state: 'succeeded', outputDir: finalDir });
    logger.info({ jobId: job.id }, 'job succeeded');
  } catch (error) {
    await progress.stop();
    // Before the final state is recorded: whoever sees "cancelled" or "failed" must not find a half-written attempt.
    await rm(partialDir, { recursive: true, force: true }).catch(() => undefined);
    await handleFailure(run, error, deps, settle);
  } finally {
    clearInterval(heartbeat);
    await progress.stop();
    await rm(partialDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Extends the lease; when that fails, finds out why (cancel requested, or another worker owns the job) and aborts. */
async function beat(run: RunningJob, deps: ExecuteDeps): Promise<void> {
  if (await deps.store.jobs.heartbeat(run.job.id, deps.workerId, deps.leaseMs)) return;
  const fresh = await deps.store.jobs.get(run.job.id);
  if (fresh && fresh.state === 'running' && fresh.leaseOwner === deps.workerId && fresh.cancelRequested) run.abort('cancelled');
  else run.abort('lost');
}

type Settle = (patch: JobPatch, data: Record<string, unknown>) => Promise<Job | undefined>;

async function handleFailure(run: RunningJob, error: unknown, deps: ExecuteDeps, settle: Settle): Promise<void> {
  const { job } = run;
  const { logger } = deps;
  if (run.reason === 'lost') {
    logger.warn({ jobId: job.id }, 'lease lost: another worker has taken the job over');
    return;
  }
  if (run.reason === 'stopping') {
    // Handed back without counting the attempt: the next worker resumes from the render cache.
    const released = await settle({ state: 'queued', attempts: job.attempts - 1, runAfter: new Date() }, { state: 'queued', reason: 'worker stopped' });
    if (released) await deps.queue.enqueue(job.id);
    logger.info({ jobId: job.id }, 'job released: worker stopping');
    return;
  }
  if (isJobDeferral(error) && !run.reason) {
    // Not an attempt: the job did nothing wrong, it waits (for its render, or for tomorrow's quota).
    const waiting = await settle({ state: 'queued', attempts: job.attempts - 1, runAfter: error.until }, { state: 'queued', waiting: true, until: error.until.toISOString(), reason: error.reason, ...error.details });
    // The reason may have gone away while this run decided to wait (an approval landing in between): ask again now
    // that the wait is stored, so that approval is not lost until `until`.
    const resolved = waiting && error.stillWaiting ? !(await error.stillWaiting().catch(() => true)) : false;
    if (resolved) await deps.store.jobs.update(job.id, { runAfter: new Date() });
    if (waiting) await deps.queue.enqueue(job.id, { delayMs: resolved ? 0 : Math.max(0, error.until.getTime() - Date.now()) });
    logger.info({ jobId: job.id, until: error.until.toISOString(), reason: error.reason }, 'job waiting');
    return;
  }
  const code: ErrorCode = run.reason === 'cancelled' ? 'CANCELLED' : isVideogenError(error) ? error.code : 'RENDER_FAILED';
  if (code === 'CANCELLED') {
    await settle({ state: 'cancelled', finishedAt: new Date() }, { state: 'cancelled' });
    logger.info({ jobId: job.id }, 'job cancelled');
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Only failures another attempt can fix are retried (declared per code in src/errors.ts).
  if (errorInfo(code).retry && job.attempts < job.maxAttempts) {
    const delayMs = deps.retryBaseMs * 2 ** (job.attempts - 1);
    const retried = await settle(
      { state: 'queued', errorCode: code, errorMessage: message, runAfter: new Date(Date.now() + delayMs) },
      { state: 'queued', retry: true, attempt: job.attempts, delayMs, errorCode: code, errorMessage: message },
    );
    if (retried) await deps.queue.enqueue(job.id, { delayMs });
    logger.warn({ jobId: job.id, attempt: job.attempts, delayMs, code, err: message }, 'job failed; will retry');
    return;
  }
  await settle({ state: 'failed', errorCode: code, errorMessage: message, finishedAt: new Date() }, { state: 'failed', errorCode: code, errorMessage: message });
  logger.error({ jobId: job.id, code, err: message }, 'job failed');
}

/** Partial output directories of earlier attempts (a killed worker's leftovers). */
async function removePartials(artifactsDir: string, jobId: string): Promise<void> {
  const names = await readdir(artifactsDir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(`${jobId}.partial-`)).map((n) => rm(join(artifactsDir, n), { recursive: true, force: true })));
}
