import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { VideoSpec } from '../spec/index.ts';
import { recordEvent } from '../queue/record-event.ts';
import { submitJob } from '../queue/submit.ts';
import type { Job, JobState } from '../store/types.ts';
import { audit } from './audit.ts';
import { canSee } from './auth.ts';
import { notFound } from './errors.ts';

/** Output names a job may serve; anything else in its directory (work files, temp files) is never exposed. */
export const OUTPUT_NAME = /^(video\.mp4|thumbnail\.png|manifest\.json|metadata\.json|chapters\.txt|credits\.txt|captions\.[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\.(?:srt|vtt))$/;
/** Names at the top of a job's outputs: a video's files, or a multilingual job's index.json beside its language folders. */
export const TOP_NAME = new RegExp(`${OUTPUT_NAME.source}|^index\\.json$`);
/** Names inside a language folder: that language's outputs and the spec.yaml it was rendered from (what was reviewed). */
export const LANGUAGE_FILE = new RegExp(`${OUTPUT_NAME.source}|^spec\\.yaml$`);
/** A multilingual job's language folder (`de`, `pt-BR`): a tag, so never `.`, `..` or a path. */
export const LANGUAGE_DIR = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export async function visibleJob(request: FastifyRequest, id: string): Promise<Job> {
  const job = await request.server.deps.store.jobs.get(id);
  if (!job || !canSee(request, job.ownerId)) throw notFound('job');
  return job;
}

/**
 * Files of a succeeded job, as paths relative to its output directory: `video.mp4`…, and for a multilingual job
 * `index.json` plus `<lang>/video.mp4`…. A job still running has none (a half-written file is never listed or
 * served); only real files and folders count (a symlink could point anywhere).
 */
export async function jobFiles(job: Job): Promise<string[]> {
  if (job.state !== 'succeeded' || !job.outputDir) return [];
  const entries = await readdir(job.outputDir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isFile() && TOP_NAME.test(entry.name)) names.push(entry.name);
    else if (entry.isDirectory() && LANGUAGE_DIR.test(entry.name)) {
      const inner = await readdir(join(job.outputDir, entry.name), { withFileTypes: true }).catch(() => []);
      for (const file of inner) if (file.isFile() && LANGUAGE_FILE.test(file.name)) names.push(`${entry.name}/${file.name}`);
    }
  }
  return names.sort();
}

/** A state change made by the server (not a worker) is recorded as a job event too, so SSE replay shows it. */
export async function recordState(request: FastifyRequest, job: Job, state: JobState, data: Record<string, unknown> = {}): Promise<void> {
  const { store, queue } = request.server.deps;
  await recordEvent(store, queue, job, 'state', { state, ...data });
}

/** Stores a render job for `spec`, announces it to the workers and records who asked. */
export async function createRenderJob(request: FastifyRequest, spec: VideoSpec, options: Record<string, unknown>, origin: Record<string, unknown>): Promise<Job> {
  const { store, queue } = request.server.deps;
  const job = await submitJob(store, queue, { ownerId: request.auth!.user.id, kind: 'render', input: { spec, ...origin }, options, title: spec.title });
  await audit(request, 'job.create', job.id, { title: spec.title, ...origin });
  return job;
}
