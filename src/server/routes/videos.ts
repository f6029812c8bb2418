import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { resolveSet } from '../../sources/set.ts';
import type { SourceOptions, SourceResult } from '../../sources/types.ts';
import { validateSet, validateSpec, isSetDocument, type VideoSpec } from '../../spec/index.ts';
import { DocumentRef, SourceOptionsSchema, parseDocument, requireSources, specsOf } from '../documents.ts';
import { isVideogenError } from '../../errors.ts';
import { apiError } from '../errors.ts';
import { createRenderJob } from '../jobs.ts';
import { rateLimit } from '../limits.ts';
import { requireStorageLeft } from '../quota.ts';
import { ErrorSchema, JobSchema, RenderOptionsSchema, toJob } from '../schemas.ts';
import { checkSpecMedia } from '../spec-media.ts';
import { languageOptionProblems, type LanguageOptionsInput } from '../../queue/language-options.ts';
import { parseGlossary } from '../../writing/translate/index.ts';

const Source = z.union([
  DocumentRef,
  z.object({ url: z.string().url({ error: 'must be an http(s) URL' }).regex(/^https?:\/\//i, { error: 'must be an http(s) URL' }) }).strict(),
  z.object({ youtube: z.string().min(1).describe('A YouTube link (any form) or the 11-character id') }).strict(),
]);

const CreateBody = z
  .object({
    spec: z.record(z.string(), z.unknown()).optional().describe('A VideoSpec (see GET /api/scene-kinds and /docs/json)'),
    set: z.record(z.string(), z.unknown()).optional().describe('A VideoSet with inline videos'),
    source: Source.optional().describe('A document (upload id or text), a web page URL or a YouTube video'),
    options: RenderOptionsSchema.extend(SourceOptionsSchema.shape).strict().optional(),
  })
  .strict()
  .refine((b) => [b.spec, b.set, b.source].filter(Boolean).length === 1, { error: 'send exactly one of spec, set or source', path: [] });

/** 422 with every problem and its path, the same list `videogen validate` prints. */
function specOrThrow(data: unknown): VideoSpec {
  const result = validateSpec(data);
  if (!result.ok) throw apiError('SPEC_INVALID', `the spec has ${result.problems.length} problem(s)`, { problems: result.problems });
  return result.value;
}

async function setSpecs(data: unknown): Promise<VideoSpec[]> {
  const result = validateSet(data);
  if (!result.ok) throw apiError('SPEC_INVALID', `the set has ${result.problems.length} problem(s)`, { problems: result.problems });
  // `{ file }` entries would read server paths; over the API every video must be inline.
  const byFile = result.value.videos.findIndex((v) => typeof v.file === 'string');
  if (byFile >= 0) throw apiError('SPEC_INVALID', 'the set names a file', { problems: [{ path: `videos[${byFile}].file`, message: 'file references are not accepted over the API; put the video inline' }] });
  return (await resolveSet(result.value, '/api/set.yaml')).specs;
}

async function fromSource(request: FastifyRequest, source: z.infer<typeof Source>, options: SourceOptions): Promise<SourceResult> {
  if ('url' in source) return requireSources(request, 'url')(source.url, options);
  if ('youtube' in source) {
    const yt = requireSources(request, 'youtube');
    const id = yt.findId(source.youtube);
    if (!id) throw apiError('VALIDATION_FAILED', 'body.source.youtube: not a YouTube video link or id', { path: 'body.source.youtube' });
    return yt.toSpec(id, options);
  }
  return parseDocument(request, source, options);
}

/**
 * The multilingual options as the job stores them, after the checks that need several fields at once (a voice for a
 * language not asked for, review without languages) and the glossary's own validation; 400 naming the field.
 */
function languageJobOptions(opts: LanguageOptionsInput): Record<string, unknown> {
  const problems = languageOptionProblems(opts, 'body.options');
  if (problems.length > 0) throw apiError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, { path: problems[0]!.path, problems });
  const { languages, languageVoices, glossary, review } = opts;
  if (!languages) return {};
  return {
    languages,
    ...(languageVoices ? { languageVoices } : {}),
    ...(glossary ? { glossary: parseGlossary(glossary, 'body.options.glossary') } : {}),
    ...(review ? { review } : {}),
  };
}

/** A refused media reference as a validation problem: validate answers what POST /api/videos would refuse. */
function mediaProblems(error: unknown): { path: string; message: string; code: string }[] | undefined {
  if (!isVideogenError(error) || (error.code !== 'SOURCE_FORBIDDEN' && error.code !== 'NOT_FOUND') || typeof error.details?.field !== 'string') return undefined;
  return [{ path: error.details.field, message: error.message, code: error.code }];
}

export function videoRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/videos', {
    schema: {
      tags: ['videos'],
      summary: 'Make videos: a spec, a set, or a source to turn into specs; answers 202 with the queued jobs',
      description: 'Media in a spec (scenes[].src, scenes[].background.src, music.src) may be "upload:<id>" (your own uploads from POST /api/media/upload) or an http(s) URL (fetched at render time from public addresses only); local paths are refused with SOURCE_FORBIDDEN naming the field.',
      body: CreateBody,
      response: {
        202: z.object({ jobs: z.array(JobSchema), warnings: z.array(z.string()) }),
        403: ErrorSchema.describe('SOURCE_FORBIDDEN: the spec names a local file (details.field)'),
        404: ErrorSchema.describe('NOT_FOUND: an upload:<id> that is not yours or no longer exists (details.field)'),
        422: ErrorSchema.describe('SPEC_INVALID (details.problems), e.g. an audio upload where a picture belongs'),
      },
    },
    config: { access: 'editor', rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    // Outputs count against the storage quota: an account at or over it makes nothing new.
    await requireStorageLeft(request, options.quotaBytes, 'new videos');
    const { spec, set, source, options: opts = {} } = request.body;
    const { preset, voice, burnCaptions, aspect, broll, videos, language, targetSeconds, languages, languageVoices, glossary, review } = opts;
    const multilingual = languageJobOptions({ languages, languageVoices, glossary, review });
    const render = { preset: preset ?? 'standard', ...(voice ? { voice } : {}), ...(burnCaptions !== undefined ? { burnCaptions } : {}), ...(aspect ? { aspect } : {}), ...(broll ? { broll } : {}), ...multilingual };
    let specs: VideoSpec[];
    let warnings: string[] = [];
    let origin: Record<string, unknown> = { from: 'spec' };
    if (spec) specs = [specOrThrow(spec)];
    else if (set) specs = await setSpecs(set);
    else {
      const result = await fromSource(request, source!, { ...(videos ? { videos } : {}), ...(language ? { language } : {}), ...(targetSeconds ? { targetSeconds } : {}), ...(aspect ? { aspect } : {}), ...(voice ? { voice } : {}) });
      specs = specsOf(result);
      warnings = result.warnings;
      origin = { from: 'source', source: 'uploadId' in source! ? { uploadId: source.uploadId } : 'text' in source! ? { text: true } : source };
    }
    // Every video's media is checked before any job exists: one bad reference queues nothing.
    for (const [i, s] of specs.entries()) await checkSpecMedia(request, s, specs.length > 1 ? `videos[${i}].` : '');
    const jobs = [];
    for (const s of specs) jobs.push(await createRenderJob(request, s, render, origin));
    return reply.code(202).send({ jobs: jobs.map((j) => toJob(j)), warnings });
  });

  r.post('/api/validate', {
    schema: {
      tags: ['videos'],
      summary: 'Check a spec or a set without making anything: every problem with its path',
      body: z.record(z.string(), z.unknown()).describe('A VideoSpec or a VideoSet'),
      response: { 200: z.object({ valid: z.boolean(), kind: z.enum(['video', 'set']), problems: z.array(z.object({ path: z.string(), message: z.string() }).loose()), videos: z.number() }) },
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const isSet = isSetDocument(request.body);
    try {
      const specs = isSet ? await setSpecs(request.body) : [specOrThrow(request.body)];
      for (const [i, s] of specs.entries()) await checkSpecMedia(request, s, isSet ? `videos[${i}].` : '');
      return { valid: true, kind: isSet ? ('set' as const) : ('video' as const), problems: [], videos: specs.length };
    } catch (error) {
      const problems = mediaProblems(error) ?? (error as { details?: { problems?: { path: string; message: string }[] } }).details?.problems;
      if (!problems) throw error;
      return { valid: false, kind: isSet ? ('set' as const) : ('video' as const), problems, videos: 0 };
    }
  });
}
