import { rm } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import type { JobState } from '../../store/types.ts';
import { requeuedAfresh } from '../../queue/requeue.ts';
import { publicationStillOpen, reopenPublicationOfJob, settlePublicationOfJob } from '../../publish/publish-job.ts';
import { audit } from '../audit.ts';
import { caller } from '../auth.ts';
import { apiError, notFound } from '../errors.ts';
import { jobFiles, recordState, visibleJob } from '../jobs.ts';
import { rateLimit } from '../limits.ts';
import { requireStorageLeft } from '../quota.ts';
import { IdParams, JobKindSchema, JobSchema, JobStateSchema, TERMINAL, toJob } from '../schemas.ts';

const ListQuery = z
  .object({
    state: z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .pipe(z.array(JobStateSchema))
      .optional()
      .describe('One state or several, comma-separated'),
    kind: JobKindSchema.optional(),
    before: z.string().uuid({ error: 'must be a job id (the nextBefore of the previous page)' }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    all: z.enum(['1', 'true']).optional().describe("Admins: everyone's jobs"),
  })
  .strict();

/** Job listing, detail, cancel, retry and delete. Users see their own jobs; admins see all. */
export function jobRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, queue } = app.deps;
  const write = { access: 'editor' as const, rateLimit: rateLimit(options.rateLimits, 'write') };

  r.get('/api/jobs', {
    schema: { tags: ['jobs'], summary: 'Jobs, newest first; page with before=<nextBefore>', querystring: ListQuery, response: { 200: z.object({ jobs: z.array(JobSchema), nextBefore: z.string().nullable() }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const { user } = caller(request);
    const q = request.query;
    const everyone = user.role === 'admin' && q.all !== undefined;
    if (q.before && !everyone) {
      const anchor = await store.jobs.get(q.before);
      if (!anchor || anchor.ownerId !== user.id) throw notFound('job');
    }
    const jobs = await store.jobs.list({ ...(everyone ? {} : { ownerId: user.id }), ...(q.state ? { state: q.state as JobState[] } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(q.before ? { before: q.before } : {}), limit: q.limit });
    return { jobs: jobs.map((j) => toJob(j)), nextBefore: jobs.length === q.limit ? jobs.at(-1)!.id : null };
  });

  r.get('/api/jobs/:id', {
    schema: { tags: ['jobs'], summary: 'One job with its input and (when succeeded) its files', params: IdParams, response: { 200: JobSchema } },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const job = await visibleJob(request, request.params.id);
    return toJob(job, { files: await jobFiles(job), input: true });
  });

  r.post('/api/jobs/:id/cancel', {
    schema: { tags: ['jobs'], summary: 'Cancel: a queued job at once, a running one at its next checkpoint', params: IdParams, response: { 202: JobSchema } },
    config: write,
  }, async (request, reply) => {
    const job = await visibleJob(request, request.params.id);
    if (TERMINAL.has(job.state)) throw apiError('CONFLICT', `the job is already ${job.state}`);
    await queue.cancel(job.id);
    const after = (await store.jobs.get(job.id)) ?? job;
    // A queued publish job is cancelled without running again: its publication must say so too.
    if (job.kind === 'publish' && after.state === 'cancelled') await settlePublicationOfJob(store, job.id, 'cancelled');
    await audit(request, 'job.cancel', job.id);
    return reply.code(202).send(toJob(after));
  });

  r.post('/api/jobs/:id/retry', {
    schema: { tags: ['jobs'], summary: 'Queue a failed or cancelled job again (finished segments are reused from the cache)', params: IdParams, response: { 202: JobSchema } },
    config: write,
  }, async (request, reply) => {
    const job = await visibleJob(request, request.params.id);
    if (job.state !== 'failed' && job.state !== 'cancelled') throw apiError('CONFLICT', `only failed or cancelled jobs can be retried; this one is ${job.state}`);
    await requireStorageLeft(request, options.quotaBytes, 'a retry');
    const updated = await store.jobs.update(job.id, requeuedAfresh());
    if (!updated) throw notFound('job');
    if (job.kind === 'publish') await reopenPublicationOfJob(store, job.id);
    await recordState(request, updated, 'queued', { retry: true });
    await queue.enqueue(job.id);
    await audit(request, 'job.retry', job.id, { from: job.state });
    return reply.code(202).send(toJob(updated));
  });

  r.delete('/api/jobs/:id', {
    schema: { tags: ['jobs'], summary: 'Delete a job and its output files (cancel a running job first)', params: IdParams, response: { 204: z.null() } },
    config: write,
  }, async (request, reply) => {
    const job = await visibleJob(request, request.params.id);
    if (job.state === 'running') throw apiError('CONFLICT', 'the job is running; cancel it first');
    if (job.kind === 'publish' && (await publicationStillOpen(store, job.id)))
      throw apiError('CONFLICT', 'this job carries an unfinished publication: cancel it (POST /api/publications/:id/cancel) first');
    if (job.state === 'queued') await queue.cancel(job.id);
    await store.jobs.delete(job.id);
    // Only inside the artifact store: a bad row must never make the server delete anything else.
    if (job.outputDir && isAbsolute(job.outputDir) && resolve(job.outputDir).startsWith(resolve(app.deps.config.artifactsDir) + sep)) await rm(job.outputDir, { recursive: true, force: true });
    await audit(request, 'job.delete', job.id, { title: job.title });
    return reply.code(204).send(null);
  });
}
