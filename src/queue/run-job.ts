import type { VideogenConfig } from '../config.ts';
import { VideogenError } from '../errors.ts';
import type { Job, Store } from '../store/types.ts';
import type { ProgressSnapshot } from './progress.ts';
import type { RenderListener } from '../pipeline/events.ts';
import { renderVideo } from '../pipeline/render-video.ts';
import { renderVideoInChild } from '../pipeline/render-in-child.ts';
import { formatProblems, validateSpec, type VideoSpec } from '../spec/index.ts';
import { JobOptionsSchema, type JobOptionValues } from '../options/zod.ts';
import { uploadsFrom } from '../pipeline/render-protocol.ts';
import { refusePrivateMediaUrls, uploadPathsOf, type UploadLookup } from './job-media.ts';
import { multilingualOf, optionsUsageError, type LanguageOptions } from './language-options.ts';
import { childRenderer, renderMultilingualJob } from './multilingual-job.ts';
import type { FanoutSettings } from '../pipeline/segment-distributor.ts';

/** Turns a `create` job's `{ source, options }` into a spec; wired to the source adapters by whoever starts workers. */
export type SourceResolver = (input: unknown, opts: { signal: AbortSignal }) => Promise<VideoSpec>;

export interface JobContext {
  job: Job;
  /** Where the outputs go: a private directory, published under the job id only if the job succeeds. */
  outputDir: string;
  signal: AbortSignal;
  config: VideogenConfig;
  onEvent: RenderListener;
  resolveSource?: SourceResolver;
  /** The store, for jobs that keep durable state of their own (publish jobs: the upload offset). */
  store?: Store;
  /** Progress of jobs that are not renders (publish: bytes sent), folded into the job row and SSE like render progress. */
  onProgress?: (snapshot: ProgressSnapshot) => void;
  /** The job owner's uploads by id (nobody else's): what `upload:<id>` in the spec may name. */
  uploads?: UploadLookup;
}

/** Runs one job to completion or throws (VideogenError codes decide retry vs fail). */
export type RunJob = (ctx: JobContext) => Promise<void>;

/** The render options a job runs with, as the option table declares them (src/options/table.ts). */
export type JobRenderOptions = Omit<JobOptionValues, 'languages' | 'languageVoices' | 'glossary' | 'review'>;

/** A multilingual job's options on top of the render options (src/queue/language-options.ts). */
export interface JobOptions extends JobRenderOptions {
  /** Present for jobs with `languages`: rendered by renderMultilingualJob into `<lang>/` folders. */
  multilingual?: LanguageOptions;
}

/**
 * Validates a job's stored options with one parse of the schema derived from the option table — the same field types
 * the API declares — since the database may hold options an older version wrote. Bad ones are the submitter's
 * mistake, so USAGE naming the field (never retried).
 */
export function jobOptionsOf(options: Record<string, unknown>): JobOptions {
  const parsed = JobOptionsSchema.safeParse(options);
  if (!parsed.success) throw optionsUsageError(parsed.error.issues[0]!);
  const { languages, languageVoices, glossary, review, ...render } = parsed.data;
  const multilingual = multilingualOf({ languages, languageVoices, glossary, review });
  return { ...withoutUndefined(render), ...(multilingual ? { multilingual } : {}) };
}

/** The render part of a job's stored options, validated as jobOptionsOf validates them. */
export function renderOptionsOf(options: Record<string, unknown>): JobRenderOptions {
  const { multilingual: _multilingual, ...render } = jobOptionsOf(options);
  return render;
}

/** Options not given stay absent (not `key: undefined`): the pipeline's `??` defaults and spreads rely on it. */
function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The spec a job renders: validated again here, since the database may hold input written by an older version. */
export async function specOf(ctx: Pick<JobContext, 'job' | 'signal' | 'resolveSource'>): Promise<VideoSpec> {
  const { job } = ctx;
  if (job.kind === 'create') {
    if (!ctx.resolveSource) throw new VideogenError('USAGE', 'this worker cannot run create jobs: it was started without the source adapters');
    return ctx.resolveSource(job.input, { signal: ctx.signal });
  }
  const input = job.input as { spec?: unknown } | null;
  const result = validateSpec(input?.spec);
  if (!result.ok) throw new VideogenError('SPEC_INVALID', formatProblems(result.problems, 'the job spec'), { problems: result.problems });
  return result.value;
}

/**
 * The spec and the media it may use: uploads resolved to paths for the job's owner only (NOT_FOUND otherwise, e.g.
 * deleted since the job was queued) and URLs to literal private addresses refused, before any narration is made.
 */
async function preparedSpec(ctx: JobContext): Promise<{ spec: VideoSpec; uploadPaths: Record<string, string> }> {
  const spec = await specOf(ctx);
  refusePrivateMediaUrls(spec);
  const uploadPaths = await uploadPathsOf(spec, ctx.uploads ?? (async () => undefined));
  return { spec, uploadPaths };
}

/**
 * The default job: the spec is resolved and validated here, then rendered in a child process (renderVideoInChild), so
 * the process running the worker — the API server for the in-process queue — keeps its event loop for requests,
 * leases and progress, and a crashing renderer costs one attempt, not the server.
 */
export const renderJob: RunJob = (ctx) => renderJobIn(ctx);

async function renderJobIn(ctx: JobContext, fanout?: FanoutSettings): Promise<void> {
  // Options first: a job whose stored options are wrong fails before any source is read or media resolved.
  const { multilingual, ...options } = jobOptionsOf(ctx.job.options);
  const { spec, uploadPaths } = await preparedSpec(ctx);
  if (multilingual) return renderMultilingualJob(ctx, spec, uploadPaths, options, multilingual, fanout ? { renderer: (paths) => childRenderer(paths, fanout) } : {});
  await renderVideoInChild(spec, { outputDir: ctx.outputDir, config: ctx.config, signal: ctx.signal, onEvent: ctx.onEvent, uploadPaths, ...options, ...(fanout ? { fanout } : {}) });
}

/** The same job rendered on the caller's own event loop: for embedding and comparisons, never for a server. */
export const renderJobInProcess: RunJob = async (ctx) => {
  const { multilingual, ...options } = jobOptionsOf(ctx.job.options);
  const { spec, uploadPaths } = await preparedSpec(ctx);
  if (multilingual) return renderMultilingualJob(ctx, spec, uploadPaths, options, multilingual, { renderer: (paths) => (one, opts) => renderVideo(one, { ...opts, uploads: uploadsFrom(paths) }) });
  await renderVideo(spec, { outputDir: ctx.outputDir, config: ctx.config, signal: ctx.signal, onEvent: ctx.onEvent, uploads: uploadsFrom(uploadPaths), ...options });
};

/**
 * What workers run by default: renders (render and create jobs) in a child process, and publish jobs
 * (src/publish/publish-job.ts, loaded only when one comes: a render-only worker never loads the publishing code).
 */
export const runAnyJob: RunJob = async (ctx) => {
  if (ctx.job.kind === 'publish') {
    const { publishJob } = await import('../publish/publish-job.ts');
    return publishJob(ctx);
  }
  return renderJob(ctx);
};

/**
 * runAnyJob for a `videogen worker` on BullMQ (VIDEOGEN_FANOUT not 0): a render's uncached segments become segment
 * tasks that every worker renders (src/queue/segment-*.ts); the render child that claimed the job plans, builds the
 * soundtrack meanwhile and muxes. Cancelling the job withdraws its tasks on every worker.
 */
export const runAnyJobFannedOut: RunJob = (ctx) => (ctx.job.kind === 'publish' ? runAnyJob(ctx) : renderJobIn(ctx, { jobId: ctx.job.id }));
