import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { isVideogenError } from '../../errors.ts';
import { checkLanguageFolders, chooseLanguages, languagesOfJob, readLanguageIndex } from '../../publish/multilingual-output.ts';
import { publishUnits } from '../../publish/publish-cost.ts';
import { PLAYLIST_ID, createPublication } from '../../publish/publications.ts';
import { quotaLedger } from '../../publish/quota.ts';
import { recordEvent } from '../../queue/record-event.ts';
import type { PublicationState } from '../../store/publish-types.ts';
import type { Job } from '../../store/types.ts';
import { audit } from '../audit.ts';
import { caller } from '../auth.ts';
import { apiError, notFound } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { channelByIdOrName, ownPublication } from '../publish-access.ts';
import { FINISHED_PUBLICATION, IsoTime, PerLanguageSchema, PrivacySchema, PublicationMetadataSchema, PublicationSchema, PublicationStateSchema, PublishLanguagesSchema, QuotaSchema, QuotaUnitsSchema, toPublication, toQuota } from '../publish-schemas.ts';
import { ErrorSchema, IdParams, JobSchema, TERMINAL, toJob } from '../schemas.ts';

const ChannelRef = z.string().trim().min(1).max(100).describe("The channel's id or your name for it");

const CreateBody = z
  .object({
    jobId: z.string().uuid({ error: 'must be a job id' }).describe('Your render or create job; it may still be queued or running (the upload waits for it)'),
    channel: ChannelRef,
    privacy: PrivacySchema.optional().describe('Default private'),
    publishAt: IsoTime.optional().describe('Scheduled release (needs privacy private): YouTube makes it public then'),
    playlistId: z.string().trim().regex(PLAYLIST_ID, { error: 'must be a YouTube playlist id (letters, digits, - and _, as in PLxxxxxxxx; it is in the playlist URL after list=)' }).optional(),
    metadata: PublicationMetadataSchema.optional(),
    languages: PublishLanguagesSchema.optional(),
    perLanguage: PerLanguageSchema.optional(),
  })
  .strict();

const Created = z.object({ publication: PublicationSchema, job: JobSchema, quotaUnits: QuotaUnitsSchema });
const CreatedPerLanguage = z.object({
  publications: z.array(z.object({ language: z.string(), publication: PublicationSchema, job: JobSchema, quotaUnits: QuotaUnitsSchema })).describe('One per language, in the render\'s order'),
});

const ListQuery = z
  .object({
    channel: ChannelRef.optional(),
    state: z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .pipe(z.array(PublicationStateSchema))
      .optional()
      .describe('One state or several, comma-separated'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/**
 * The languages a publication of a multilingual job carries: `asked` (body.languages, in the render's order) or all
 * (`all`: the job's languages, known from its index.json or its options). 400 naming the field for a single-language
 * job, or a language the job does not make.
 */
async function chosenLanguages(source: Job, body: { languages?: string[] | undefined; perLanguage?: boolean | undefined }): Promise<{ asked?: string[]; all?: string[] }> {
  const known = await damagedAsConflict(() => languagesOfJob(source));
  const field = body.languages ? 'languages' : 'perLanguage';
  if (!known) {
    if (body.languages || body.perLanguage) throw apiError('VALIDATION_FAILED', `body.${field}: job ${source.id} renders one language; languages and perLanguage are for a job made with options.languages`, { path: `body.${field}` });
    return {};
  }
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const unknown = (body.languages ?? []).filter((l) => !known.some((k) => same(k, l)));
  if (unknown.length) throw apiError('VALIDATION_FAILED', `body.languages: job ${source.id} has no ${unknown.join(', ')}; its languages are ${known.join(', ')}`, { path: 'body.languages' });
  const chosen = body.languages ? known.filter((k) => body.languages!.some((l) => same(k, l))) : known;
  // A finished render is checked now: a language folder or video missing is said here, not first by the upload.
  await damagedAsConflict(async () => {
    const index = source.state === 'succeeded' && source.outputDir ? await readLanguageIndex(source.outputDir) : undefined;
    if (index) await checkLanguageFolders(index, chooseLanguages(index, chosen));
  });
  return { ...(body.languages ? { asked: chosen } : {}), all: chosen };
}

/** A finished job whose index.json or language folders are damaged: the upload would fail the same way, so say it now (409). */
async function damagedAsConflict<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isVideogenError(error) && error.code === 'USAGE') throw apiError('CONFLICT', error.message, { path: 'body.jobId' });
    throw error;
  }
}

/** Publications (uploads of a finished or coming render to a channel), their cancellation, and the quota they spend. */
export function publicationRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, queue, config } = app.deps;
  const write = { access: 'editor' as const, rateLimit: rateLimit(options.rateLimits, 'write') };
  const read = { rateLimit: rateLimit(options.rateLimits, 'read') };

  r.post('/api/publications', {
    schema: {
      tags: ['publications'],
      summary: "Publish a job's video to a channel",
      description: 'Creates the publication and its publish job (progress over /api/events: bytesSent, step). The job waits for its render, and for the next Pacific day when the quota is spent.',
      body: CreateBody,
      response: { 202: z.union([Created, CreatedPerLanguage]).describe('`{ publication, job }`; with perLanguage `{ publications: [{ language, publication, job }] }`'), 404: ErrorSchema.describe('No such job or channel of yours'), 409: ErrorSchema.describe('CONFLICT: the job failed or was cancelled; CHANNEL_REAUTH: the channel is revoked') },
    },
    config: write,
  }, async (request, reply) => {
    const { user } = caller(request);
    const body = request.body;
    const source = await store.jobs.get(body.jobId);
    if (!source || source.ownerId !== user.id) throw notFound('job');
    if (source.kind === 'publish') throw apiError('VALIDATION_FAILED', 'body.jobId: a publish job; name the render or create job whose video to publish', { path: 'body.jobId' });
    if (source.state === 'failed' || source.state === 'cancelled') throw apiError('CONFLICT', `job ${source.id} is ${source.state}, so it has no video to publish; retry it first`, { path: 'body.jobId' });
    if (body.publishAt && body.publishAt.getTime() <= Date.now()) throw apiError('VALIDATION_FAILED', `body.publishAt: ${body.publishAt.toISOString()} is in the past; give a future time, or leave it out to publish at once`, { path: 'body.publishAt' });
    if (body.publishAt && body.privacy && body.privacy !== 'private') throw apiError('VALIDATION_FAILED', 'body.privacy: a scheduled release (publishAt) is uploaded private and YouTube makes it public then; leave privacy out or make it private', { path: 'body.privacy' });
    const channel = await channelByIdOrName(request, body.channel);
    if (!channel.credentials || channel.revokedAt) throw apiError('CHANNEL_REAUTH', `channel "${channel.name}" was disconnected; connect it again (POST /api/channels/oauth/start with replace) before publishing`, { channelId: channel.id });
    const languages = await chosenLanguages(source, body);
    if (body.perLanguage && body.metadata?.title) throw apiError('VALIDATION_FAILED', 'body.metadata.title: with perLanguage every language takes the title of its own metadata.json; one title for all of them is not what a viewer of each language should see', { path: 'body.metadata.title' });
    const create = async (only: string[] | undefined) => {
      const { publication, job } = await createPublication(store, {
        ownerId: user.id,
        channelId: channel.id,
        sourceJobId: source.id,
        privacy: body.privacy ?? 'private',
        ...(body.publishAt ? { publishAt: body.publishAt } : {}),
        ...(body.playlistId ? { playlistId: body.playlistId } : {}),
        ...(body.metadata ? { metadata: body.metadata } : {}),
        ...(only ? { languages: only } : {}),
      });
      // Announced only once both rows exist: a worker picking the job up finds its publication.
      await recordEvent(store, queue, job, 'state', { state: 'queued' });
      await queue.enqueue(job.id);
      await audit(request, 'publication.create', publication.id, { channelId: channel.id, sourceJobId: source.id, jobId: job.id, privacy: publication.privacy, publishAt: publication.publishAt?.toISOString() ?? null, ...(only ? { languages: only } : {}) });
      // One caption track per language the video carries (a single-language render has one).
      const quotaUnits = publishUnits(config, { captions: (only ?? languages.all ?? ['']).length, thumbnail: true, playlist: Boolean(body.playlistId) });
      return { publication: toPublication(publication), job: toJob(job), quotaUnits };
    };
    if (!body.perLanguage) return reply.code(202).send(await create(languages.asked));
    const publications = [];
    for (const language of languages.all!) publications.push({ language, ...(await create([language])) });
    return reply.code(202).send({ publications });
  });

  r.get('/api/publications', { schema: { tags: ['publications'], summary: 'Your publications, newest first', querystring: ListQuery, response: { 200: z.object({ publications: z.array(PublicationSchema) }) } }, config: read }, async (request) => {
    const q = request.query;
    const channel = q.channel ? await channelByIdOrName(request, q.channel) : undefined;
    const publications = await store.publications.list({ ownerId: caller(request).user.id, ...(channel ? { channelId: channel.id } : {}), ...(q.state ? { state: q.state as PublicationState[] } : {}), limit: q.limit });
    return { publications: publications.map(toPublication) };
  });

  r.get('/api/publications/:id', { schema: { tags: ['publications'], summary: 'One publication with its progress, video id and statistics', params: IdParams, response: { 200: PublicationSchema } }, config: read }, async (request) =>
    toPublication(await ownPublication(request, request.params.id)),
  );

  r.post('/api/publications/:id/cancel', {
    schema: { tags: ['publications'], summary: 'Cancel: a waiting publication at once, an upload at its next chunk', description: 'A video already on the platform stays there.', params: IdParams, response: { 202: PublicationSchema, 409: ErrorSchema.describe('CONFLICT: already finished') } },
    config: write,
  }, async (request, reply) => {
    const publication = await ownPublication(request, request.params.id);
    if (FINISHED_PUBLICATION.has(publication.state)) throw apiError('CONFLICT', `the publication is already ${publication.state}`);
    const job = publication.jobId ? await store.jobs.get(publication.jobId) : undefined;
    if (job && !TERMINAL.has(job.state)) await queue.cancel(job.id);
    // A job that never ran again (queued, or waiting for its render or quota) is cancelled at once and will not
    // update its publication; a running one does when it stops.
    const after = job ? await store.jobs.get(job.id) : undefined;
    let updated = publication;
    if (!after || after.state === 'cancelled') updated = (await store.publications.update(publication.id, { state: 'cancelled', finishedAt: new Date() })) ?? publication;
    await audit(request, 'publication.cancel', publication.id, { jobId: publication.jobId, from: publication.state });
    return reply.code(202).send(toPublication(updated));
  });

  r.delete('/api/publications/:id', {
    schema: { tags: ['publications'], summary: 'Forget a finished publication (the video stays on the platform)', params: IdParams, response: { 204: z.null(), 409: ErrorSchema.describe('CONFLICT: not finished; cancel it first') } },
    config: write,
  }, async (request, reply) => {
    const publication = await ownPublication(request, request.params.id);
    if (!FINISHED_PUBLICATION.has(publication.state)) throw apiError('CONFLICT', `the publication is ${publication.state}; cancel it first`);
    await store.publications.delete(publication.id);
    await audit(request, 'publication.delete', publication.id, { channelId: publication.channelId, videoId: publication.videoId });
    return reply.code(204).send(null);
  });

  r.get('/api/quota', {
    schema: { tags: ['publications'], summary: "Today's YouTube quota of each API project your channels use", response: { 200: z.object({ quota: z.array(QuotaSchema) }) } },
    config: read,
  }, async (request) => {
    const projects = [...new Set((await store.channels.list(caller(request).user.id)).map((c) => c.project))].sort();
    return { quota: await Promise.all(projects.map(async (project) => toQuota(await quotaLedger(store, config, project).status()))) };
  });
}
