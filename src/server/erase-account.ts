import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { isVideogenError } from '../errors.ts';
import type { ErasedCounts, Job, Store, User } from '../store/types.ts';
import { apiError, notFound } from './errors.ts';
import { insideDir } from './paths.ts';

/** How long an erasure waits for the user's running jobs to stop after cancelling them, ms (they stop at their next check). */
const STOP_WAIT_MS = 10_000;

export interface ErasureResult extends Omit<ErasedCounts, 'deleted'> {
  filesRemoved: number;
}

async function allJobs(store: Store, ownerId: string): Promise<Job[]> {
  const jobs: Job[] = [];
  for (let before: string | undefined; ; ) {
    const page = await store.jobs.list({ ownerId, limit: 500, ...(before ? { before } : {}) });
    jobs.push(...page);
    if (page.length < 500) return jobs;
    before = page.at(-1)!.id;
  }
}

/** The last admin cannot go: nobody could administer the server any more (checked again inside the erasure). */
export async function refuseLastAdmin(store: Store, user: User): Promise<void> {
  if (user.role !== 'admin') return;
  const admins = (await store.users.list()).filter((u) => u.role === 'admin').length;
  if (admins <= 1) throw apiError('CONFLICT', `${user.id} is the only admin; make another admin first`);
}

/** Cancels the user's queued and running jobs, then waits (bounded) until no worker is still writing for them. */
async function stopJobs(request: FastifyRequest, jobs: Job[]): Promise<void> {
  const { store, queue } = request.server.deps;
  const active = jobs.filter((j) => j.state === 'queued' || j.state === 'running');
  for (const job of active) await queue.cancel(job.id);
  const deadline = Date.now() + STOP_WAIT_MS;
  let running = active.filter((j) => j.state === 'running').map((j) => j.id);
  while (running.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const states = await Promise.all(running.map((id) => store.jobs.get(id)));
    running = running.filter((_, i) => states[i]?.state === 'running');
  }
  // A worker that has not stopped by now finds its job gone: its lease checks fail, it publishes nothing, and it
  // removes its own partial directory; the sweep below removes what it left before that.
  if (running.length > 0) request.log.warn({ jobs: running }, 'erasure: jobs still running after cancel; removing their rows anyway');
}

async function removeFiles(config: { artifactsDir: string; uploadsDir: string }, uploadPaths: string[], jobs: Pick<Job, 'id' | 'outputDir'>[]): Promise<number> {
  const targets: string[] = uploadPaths.filter((p) => insideDir(config.uploadsDir, p));
  const ids = new Set(jobs.map((j) => j.id));
  for (const job of jobs) {
    targets.push(join(config.artifactsDir, job.id));
    if (job.outputDir && insideDir(config.artifactsDir, job.outputDir)) targets.push(job.outputDir);
  }
  // Partial directories of every attempt: <jobId>.partial-<n>.
  for (const name of await readdir(config.artifactsDir).catch(() => [] as string[])) {
    const dot = name.indexOf('.partial-');
    if (dot > 0 && ids.has(name.slice(0, dot))) targets.push(join(config.artifactsDir, name));
  }
  let removed = 0;
  for (const path of new Set(targets)) {
    try {
      await rm(path, { recursive: true, force: true });
      removed += 1;
    } catch {
      // Left for an operator; the rows are gone, so nothing serves or counts these bytes any more.
    }
  }
  return removed;
}

/**
 * Revokes every connected channel's token at the platform before the rows go: an erased account must not leave a
 * working grant to someone's YouTube channel behind at Google. Best effort (the platform may be unreachable); the
 * sealed token is deleted with the rows either way.
 */
async function revokeChannels(request: FastifyRequest, userId: string): Promise<void> {
  const { store, config } = request.server.deps;
  const channels = (await store.channels.list(userId)).filter((c) => c.credentials);
  if (channels.length === 0) return;
  const { revokeChannel } = await import('../publish/channels.ts');
  for (const channel of channels) {
    await revokeChannel({ store, config }, channel, AbortSignal.timeout(10_000)).catch((error: unknown) => request.log.warn({ err: error, channelId: channel.id }, 'erasure: channel token not revoked at the platform'));
  }
}

/**
 * Erases an account: running jobs are cancelled first, then every row of the user goes in one transaction together
 * with the erasure's own audit entry (so a failed audit write erases nothing), then the files: uploads, job outputs
 * and partial output directories.
 */
export async function eraseAccount(request: FastifyRequest, options: ServerConfig, userId: string, by: 'self' | 'admin'): Promise<ErasureResult> {
  const { store, config } = request.server.deps;
  const user = await store.users.get(userId);
  if (!user) throw notFound('user');
  await refuseLastAdmin(store, user);
  const jobs = await allJobs(store, userId);
  await stopJobs(request, jobs);
  await revokeChannels(request, userId);
  const uploads = await store.uploads.list(userId);
  const record = { actorId: request.auth?.user.id ?? null, action: by === 'self' ? 'account.delete' : 'user.delete', target: userId, details: { by, jobs: jobs.length, uploads: uploads.length }, ip: request.ip };
  let counts: ErasedCounts | undefined;
  try {
    counts = await store.erasure.eraseUser(userId, record);
  } catch (error) {
    if (isVideogenError(error)) throw error;
    request.log.error({ err: error, userId }, 'erasure failed; nothing was removed');
    throw apiError('INTERNAL', 'the account could not be erased (nothing was removed); try again later', { userId });
  }
  if (!counts) throw notFound('user');
  // The rows the transaction deleted, not the lists read before the wait: an upload or job made meanwhile goes too.
  const { deleted, ...erased } = counts;
  const filesRemoved = await removeFiles({ artifactsDir: config.artifactsDir, uploadsDir: options.uploadsDir }, deleted.uploadPaths, deleted.jobs);
  return { ...erased, filesRemoved };
}
