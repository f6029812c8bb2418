import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { resolveSet } from '../../sources/set.ts';
import type { SourceOptions, SourceResult } from '../../sources/types.ts';
import { validateSet, validateSpec, isSetDocument, type VideoSpec } from '../../spec/index.ts';
import { DocumentRef, parseDocument, requireSources, specsOf } from '../documents.ts';
import { apiSourceOptionsShape, jobOptionsFromApi } from '../../options/zod.ts';
import { isVideogenError } from '../../errors.ts';
import { apiError } from '../errors.ts';
import { createRenderJob } from '../jobs.ts';
import { rateLimit } from '../limits.ts';
import { requireStorageLeft } from '../quota.ts';
import { ErrorSchema, JobSchema, RenderOptionsSchema, toJob } from '../schemas.ts';
import { checkSpecMedia } from '../spec-media.ts';
import { languageOptionProblems, type LanguageOptionsInput } from '../../queue/language-options.ts';
import { parseGlossary } from '../../writing/translate/index.ts';
import { planSummary } from '../../sources/plan-summary.ts';
import { shortFromTopic } from '../../sources/short/index.ts';
import { scriptFromTopic } from '../../sources/topic.ts';
import { NO_LLM_MESSAGE, llmFromConfig } from '../../writing/llm/registry.ts';

/** Seconds of a long topic video when the options do not say (as `videogen create --topic`). */
const TOPIC_SECONDS = 60;

const Source = z.union([
  DocumentRef,
  z.object({ url: z.string().url({ error: 'must be an http(s) URL' }).regex(/^https?:\/\//i, { error: 'must be an http(s) URL' }) }).strict(),
  z.object({ youtube: z.string().min(1).describe('A YouTube link (any form) or the 11-character id') }).strict(),
  z
    .object({
      topic: z.string().trim().min(1, { error: 'must not be empty' }).max(500).describe('What the video is about, in a sentence'),
      format: z.enum(['short', 'video']).default('short').describe('short: a 30–60 s 9:16 Short (written offline from a built-in English template without a language model); video: a longer video, written by the configured language model'),
    })
    .strict(),
]);

const CreateBody = z
  .object({
    spec: z.record(z.string(), z.unknown()).optional().describe('A VideoSpec (see GET /api/scene-kinds and /docs/json)'),
    set: z.record(z.string(), z.unknown()).optional().describe('A VideoSet with inline videos'),
    source: Source.optional().describe('A document (upload id or text), a web page URL or a YouTube video'),
    options: RenderOptionsSchema.extend(apiSourceOptionsShape).strict().optional(),
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

type TopicSource = Extract<z.infer<typeof Source>, { topic: string }>;

/** A topic → a spec, as `videogen create --topic` makes it: a Short offline, a longer video only with a model. */
async function fromTopic(request: FastifyRequest, source: TopicSource, options: SourceOptions, broll: boolean): Promise<SourceResult> {
  const llm = llmFromConfig(request.server.deps.config.llm);
  if (source.format === 'short') {
    const made = await shortFromTopic(source.topic, llm, { ...(options.targetSeconds ? { durationSeconds: options.targetSeconds } : {}), ...(options.language ? { language: options.language } : {}), ...(broll ? { broll } : {}) });
    return { kind: 'video', spec: made.spec, warnings: made.warnings };
  }
  if (!llm) throw apiError('LLM_UNAVAILABLE', `a video about a topic needs a language model: ${NO_LLM_MESSAGE}; or ask for format "short" (written offline from a built-in template)`);
  const spec = await scriptFromTopic(source.topic, llm, { durationSeconds: options.targetSeconds ?? TOPIC_SECONDS, ...(options.aspect ? { aspect: options.aspect } : {}), ...(options.language ? { language: options.language } : {}) });
  return { kind: 'video', spec, warnings: [] };
}

async function fromSource(request: FastifyRequest, source: z.infer<typeof Source>, options: SourceOptions, broll = false): Promise<SourceResult> {
  if ('topic' in source) return fromTopic(request, source, options, broll);
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

const PlanSchema = z.object({
  kind: z.enum(['video', 'set']),
  videos: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      language: z.string(),
      aspect: z.string(),
      scenes: z.number(),
      seconds: z.number(),
      minutes: z.number(),
      perScene: z.array(z.object({ id: z.string().optional(), kind: z.string(), title: z.string().optional(), seconds: z.number() })),
      spec: z.unknown().describe('The VideoSpec, ready for POST /api/videos { spec } or the builder'),
    }),
  ),
  scenes: z.number(),
  seconds: z.number().describe('Estimated length of all videos'),
  minutes: z.number(),
  budgetSeconds: z.number().optional(),
  warnings: z.array(z.string()),
});

/** The specs a create body stands for, checked (schema and media) before anything is queued or shown as a plan. */
async function specsOfBody(request: FastifyRequest, body: z.infer<typeof CreateBody>): Promise<{ specs: VideoSpec[]; warnings: string[]; origin: Record<string, unknown> }> {
  const { spec, set, source, options: opts = {} } = body;
  const { voice, aspect, broll, videos, language, targetSeconds } = opts;
  let specs: VideoSpec[];
  let warnings: string[] = [];
  let origin: Record<string, unknown> = { from: 'spec' };
  if (spec) specs = [specOrThrow(spec)];
  else if (set) specs = await setSpecs(set);
  else {
    const result = await fromSource(request, source!, { ...(videos ? { videos } : {}), ...(language ? { language } : {}), ...(targetSeconds ? { targetSeconds } : {}), ...(aspect ? { aspect } : {}), ...(voice ? { voice } : {}) }, broll === 'auto');
    specs = specsOf(result);
    warnings = result.warnings;
    origin = { from: 'source', source: 'uploadId' in source! ? { uploadId: source.uploadId } : 'text' in source! ? { text: true } : source };
  }
  // Every video's media is checked before any job exists: one bad reference queues nothing.
  for (const [i, s] of specs.entries()) await checkSpecMedia(request, s, specs.length > 1 ? `videos[${i}].` : '');
  return { specs, warnings, origin };
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
    const opts = request.body.options ?? {};
    const { languages, languageVoices, glossary, review } = opts;
    const multilingual = languageJobOptions({ languages, languageVoices, glossary, review });
    // Every render option the table gives a job field (resolution included), the multilingual ones as checked above.
    const render = { ...jobOptionsFromApi(opts, ['languages', 'languageVoices', 'glossary', 'review']), ...multilingual };
    const { specs, warnings, origin } = await specsOfBody(request, request.body);
    const jobs = [];
    for (const s of specs) jobs.push(await createRenderJob(request, s, render, origin));
    return reply.code(202).send({ jobs: jobs.map((j) => toJob(j)), warnings });
  });

  r.post('/api/videos/plan', {
    schema: {
      tags: ['videos'],
      summary: 'What POST /api/videos would make, without making it: each video\'s spec, scenes and estimated length',
      description: 'The same body as POST /api/videos and the same checks (a spec with problems is 422 SPEC_INVALID with details.problems). The specs can be edited and sent back as { spec }.',
      body: CreateBody,
      response: { 200: PlanSchema, 422: ErrorSchema.describe('SPEC_INVALID (details.problems)') },
    },
    config: { access: 'editor', rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request) => {
    const { languages, languageVoices, glossary, review } = request.body.options ?? {};
    languageJobOptions({ languages, languageVoices, glossary, review });
    const { specs, warnings } = await specsOfBody(request, request.body);
    const plan = planSummary(specs, request.body.options?.targetSeconds);
    return { ...plan, kind: specs.length > 1 || request.body.set ? ('set' as const) : ('video' as const), videos: plan.videos.map((v, i) => ({ ...v, language: specs[i]!.language, aspect: specs[i]!.aspect, spec: specs[i]! })), warnings };
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
