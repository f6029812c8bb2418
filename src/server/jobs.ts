import { readdir } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import type { VideoSpec } from '../spec/index.ts';
import { recordEvent } from '../queue/record-event.ts';
import { submitJob } from '../queue/submit.ts';
import type { Job, JobState } from '../store/types.ts';
import { audit } from './audit.ts';
import { canSee } from './auth.ts';
import { notFound } from './errors.ts';

/** Output names a job may serve; anything else in its directory (work files, temp files) is never exposed. */
export const OUTPUT_NAME = /^(video\.mp4|thumbnail\.png|manifest\.json|chapters\.txt|captions\.[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\.(?:srt|vtt))$/;

export async function visibleJob(request: FastifyRequest, id: string): Promise<Job> {
  const job = await request.server.deps.store.jobs.get(id);
  if (!job || !canSee(request, job.ownerId)) throw notFound('job');
  return job;
}

/** Files of a succeeded job; a job still running has none (a half-written file is never listed or served). */
export async function jobFiles(job: Job): Promise<string[]> {
  if (job.state !== 'succeeded' || !job.outputDir) return [];
  try {
    return (await readdir(job.outputDir)).filter((n) => OUTPUT_NAME.test(n)).sort();
  } catch {
    return [];
  }
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
