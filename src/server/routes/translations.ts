import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { validateSpec } from '../../spec/index.ts';
import type { Job, JobTranslation } from '../../store/types.ts';
import { LanguageTag } from '../../queue/language-options.ts';
import { audit } from '../audit.ts';
import { caller } from '../auth.ts';
import { apiError, notFound } from '../errors.ts';
import { recordState } from '../jobs.ts';
import { rateLimit } from '../limits.ts';
import { checkSpecMedia } from '../spec-media.ts';
import { ErrorSchema, IdParams, JobSchema, toJob } from '../schemas.ts';

/**
 * The review of a multilingual job's translations (`review: true`): the job translates, stores one spec per language
 * and waits queued; its owner reads them, edits any while they are pending, and approves them all, which wakes the
 * job to render exactly the approved specs. Owner only: a reviewer edits what the video will say, which an admin's
 * view of everyone's jobs does not extend to.
 */
const TranslationSchema = z.object({
  language: z.string(),
  state: z.enum(['pending', 'approved']),
  translatedBy: z.string().describe('The provider that translated it, with "(edited)" once a person changed it'),
  updatedAt: z.string().describe('ISO 8601 time'),
  spec: z.unknown().describe('The translated VideoSpec'),
});
const toTranslation = (t: JobTranslation) => ({ language: t.language, state: t.state, translatedBy: t.translatedBy, updatedAt: t.updatedAt.toISOString(), spec: t.spec });

const ReviewSchema = z.object({
  job: JobSchema,
  waiting: z.boolean().describe('True while the job waits for this review'),
  translations: z.array(TranslationSchema),
});

const LangParams = IdParams.extend({ lang: LanguageTag });

const EDITED = ' (edited)';

/** The job, if the caller owns it; anyone else (admins included) gets the 404 a missing job gets. */
async function ownJob(request: FastifyRequest, id: string): Promise<Job> {
  const job = await request.server.deps.store.jobs.get(id);
  if (!job || job.ownerId !== caller(request).user.id) throw notFound('job');
  return job;
}

/** Rows in the order the job asked for its languages, so reviewers see them as they were listed. */
function inJobOrder(job: Job, rows: JobTranslation[]): JobTranslation[] {
  const order = Array.isArray(job.options.languages) ? (job.options.languages as unknown[]).map((l) => String(l).toLowerCase()) : [];
  const rank = (lang: string) => {
    const i = order.indexOf(lang.toLowerCase());
    return i < 0 ? order.length : i;
  };
  return [...rows].sort((a, b) => rank(a.language) - rank(b.language) || a.language.localeCompare(b.language));
}

const waitingForReview = (job: Job, rows: JobTranslation[]) => job.state === 'queued' && rows.some((r) => r.state === 'pending');

export function translationRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, queue } = app.deps;
  const write = { access: 'editor' as const, rateLimit: rateLimit(options.rateLimits, 'write') };

  r.get('/api/jobs/:id/translations', {
    schema: {
      tags: ['jobs'],
      summary: 'Translations of a multilingual job made with review: true — each language\'s spec and whether it is approved',
      params: IdParams,
      response: { 200: ReviewSchema, 404: ErrorSchema },
    },
    config: { access: 'editor', rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const job = await ownJob(request, request.params.id);
    const rows = inJobOrder(job, await store.translations.list(job.id));
    return { job: toJob(job), waiting: waitingForReview(job, rows), translations: rows.map(toTranslation) };
  });

  r.put('/api/jobs/:id/translations/:lang', {
    schema: {
      tags: ['jobs'],
      summary: 'Replace one pending translation with an edited spec (validated like any spec; its language must be this one)',
      params: LangParams,
      body: z.object({ spec: z.record(z.string(), z.unknown()).describe('The whole translated VideoSpec') }).strict(),
      response: { 200: TranslationSchema, 403: ErrorSchema.describe('SOURCE_FORBIDDEN: the edit names a local file (details.field)'), 404: ErrorSchema, 409: ErrorSchema.describe('CONFLICT: the translation is approved already'), 422: ErrorSchema.describe('SPEC_INVALID (details.problems)') },
    },
    config: write,
  }, async (request) => {
    const job = await ownJob(request, request.params.id);
    const { lang } = request.params;
    const current = (await store.translations.list(job.id)).find((t) => t.language.toLowerCase() === lang.toLowerCase());
    if (!current) throw notFound(`translation ${lang}`);
    if (current.state !== 'pending') throw apiError('CONFLICT', `the ${current.language} translation is approved already; it can no longer change`);
    const result = validateSpec(request.body.spec);
    if (!result.ok) throw apiError('SPEC_INVALID', `the spec has ${result.problems.length} problem(s)`, { problems: result.problems.map((p) => ({ ...p, path: `body.spec.${p.path}` })) });
    if (result.value.language.toLowerCase() !== current.language.toLowerCase()) {
      throw apiError('SPEC_INVALID', `body.spec.language is "${result.value.language}"; this is the ${current.language} translation`, { problems: [{ path: 'body.spec.language', message: `must be ${current.language}` }] });
    }
    // The same media rules as POST /api/videos: an edit must not bring in a server path or someone else's upload.
    await checkSpecMedia(request, result.value, 'body.spec.');
    const translatedBy = current.translatedBy.endsWith(EDITED) ? current.translatedBy : `${current.translatedBy}${EDITED}`;
    const updated = await store.translations.updatePending(job.id, current.language, { spec: result.value, translatedBy });
    // Approved between the read and the write: the approval wins, the edit is refused rather than lost silently.
    if (!updated) throw apiError('CONFLICT', `the ${current.language} translation was approved meanwhile; it can no longer change`);
    await audit(request, 'job.translation.edit', job.id, { language: current.language });
    return toTranslation(updated);
  });

  r.post('/api/jobs/:id/translations/approve', {
    schema: {
      tags: ['jobs'],
      summary: 'Approve every pending translation: the job wakes and renders the approved specs',
      params: IdParams,
      response: { 202: ReviewSchema, 404: ErrorSchema, 409: ErrorSchema.describe('CONFLICT: nothing is waiting for review (still translating, approved already, or the job has ended)') },
    },
    config: write,
  }, async (request, reply) => {
    const job = await ownJob(request, request.params.id);
    // Only a waiting job: while it runs it may still be storing its translations (the rows would be approved before
    // the job has put itself to sleep, and the wake-up lost); once it ended there is nothing to wake.
    if (job.state !== 'queued') throw apiError('CONFLICT', job.state === 'running' ? 'the job is still translating; approve once its translations are listed and it is waiting' : `the job is ${job.state}; there is nothing to approve`);
    const approved = await store.translations.approveAll(job.id);
    if (approved.length === 0) throw apiError('CONFLICT', 'no translation of this job is waiting for review');
    const woken = (await store.jobs.update(job.id, { runAfter: new Date() })) ?? job;
    // Cancelled meanwhile: the approval stands, but there is no job left to wake.
    if (woken.state === 'queued') {
      await recordState(request, woken, 'queued', { approved: approved.map((t) => t.language) });
      await queue.enqueue(job.id);
    }
    await audit(request, 'job.translations.approve', job.id, { languages: approved.map((t) => t.language) });
    const rows = inJobOrder(woken, await store.translations.list(job.id));
    return reply.code(202).send({ job: toJob(woken), waiting: false, translations: rows.map(toTranslation) });
  });
}
