import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Store } from '../store/types.ts';
import { apiError } from './errors.ts';
import { insideDir } from './paths.ts';

export interface Usage {
  uploadsBytes: number;
  outputsBytes: number;
  usedBytes: number;
  quotaBytes: number;
}

/** Bytes of the regular files under `dir` (symlinks are not followed: they are not the user's bytes). */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await directoryBytes(path);
    else if (entry.isFile()) total += (await lstat(path).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/**
 * An account's storage: uploads (sizes stored at upload) plus job outputs. Outputs are measured here, lazily, the
 * first time usage is asked for after a job succeeded, and the size is kept in the jobs row, so the worker that wrote
 * them needs to know nothing about quotas and each result is measured once.
 */
export async function storageUsage(store: Store, artifactsDir: string, userId: string, quotaBytes: number): Promise<Usage> {
  for (const job of await store.storage.unmeasuredOutputs(userId)) {
    // A row naming a directory outside the artifact store counts nothing rather than measuring some other place.
    const bytes = insideDir(artifactsDir, job.outputDir) ? await directoryBytes(job.outputDir) : 0;
    await store.storage.setOutputBytes(job.jobId, bytes, job.finishedAt);
  }
  const { uploadsBytes, outputsBytes } = await store.storage.usage(userId);
  return { uploadsBytes, outputsBytes, usedBytes: uploadsBytes + outputsBytes, quotaBytes };
}

export function quotaError(usedBytes: number, quotaBytes: number, what: string) {
  return apiError('QUOTA_EXCEEDED', `${what} would take your storage over its quota (${usedBytes} of ${quotaBytes} bytes used); delete uploads or old jobs first`, { usedBytes, quotaBytes });
}

/** Refuses new work (render jobs) once the caller's storage is at or over the quota. */
export async function requireStorageLeft(request: FastifyRequest, quotaBytes: number, what = 'this job'): Promise<Usage> {
  const usage = await storageUsage(request.server.deps.store, request.server.deps.config.artifactsDir, request.auth!.user.id, quotaBytes);
  if (usage.usedBytes >= quotaBytes) throw quotaError(usage.usedBytes, quotaBytes, what);
  return usage;
}
