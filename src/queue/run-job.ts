import type { VideogenConfig } from '../config.ts';
import { VideogenError } from '../errors.ts';
import type { Job, Store } from '../store/types.ts';
import type { ProgressSnapshot } from './progress.ts';
import type { RenderListener } from '../pipeline/events.ts';
import { renderVideo } from '../pipeline/render-video.ts';
import { renderVideoInChild } from '../pipeline/render-in-child.ts';
import { PRESETS, type PresetName } from '../media/index.ts';
import { ASPECTS, BROLL_MODES, RESOLUTIONS, formatProblems, validateSpec, type Aspect, type BrollMode, type Resolution, type VideoSpec } from '../spec/index.ts';
import { uploadsFrom } from '../pipeline/render-protocol.ts';
import { refusePrivateMediaUrls, uploadPathsOf, type UploadLookup } from './job-media.ts';
import { languageOptionsOf, type LanguageOptions } from './language-options.ts';
import { renderMultilingualJob } from './multilingual-job.ts';

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

export interface JobRenderOptions {
  preset: PresetName;
  voice?: string;
  burnCaptions?: boolean;
  aspect?: Aspect;
  /** Frame size asked for explicitly; wins over the spec's `resolution` (see shortSideFor in src/media/presets.ts). */
  resolution?: Resolution;
  /** `broll: auto|off` from the API: wins over the spec's `broll`. */
  broll?: BrollMode;
}

/** A multilingual job's options on top of the render options (src/queue/language-options.ts). */
export interface JobOptions extends JobRenderOptions {
  /** Present for jobs with `languages`: rendered by renderMultilingualJob into `<lang>/` folders. */
  multilingual?: LanguageOptions;
}

/**
 * Validates a job's stored options, the multilingual ones (`languages`, `languageVoices`, `glossary`, `review`) with
 * the schema the API declares them with; bad ones are the submitter's mistake, so USAGE (never retried).
 */
export function jobOptionsOf(options: Record<string, unknown>): JobOptions {
  const multilingual = languageOptionsOf(options);
  return { ...renderOptionsOf(options), ...(multilingual ? { multilingual } : {}) };
}

/** Validates a job's stored render options; bad ones are the submitter's mistake, so USAGE (never retried). */
export function renderOptionsOf(options: Record<string, unknown>): JobRenderOptions {
  const preset = options.preset ?? 'standard';
  if (typeof preset !== 'string' || !(preset in PRESETS)) throw new VideogenError('USAGE', `preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  if (options.aspect !== undefined && !ASPECTS.includes(options.aspect as Aspect)) throw new VideogenError('USAGE', `aspect must be one of ${ASPECTS.join(', ')}`);
  if (options.resolution !== undefined && !RESOLUTIONS.includes(options.resolution as Resolution)) throw new VideogenError('USAGE', `resolution must be one of ${RESOLUTIONS.join(', ')}`);
  if (options.voice !== undefined && typeof options.voice !== 'string') throw new VideogenError('USAGE', 'voice must be a string');
  if (options.broll !== undefined && !BROLL_MODES.includes(options.broll as BrollMode)) throw new VideogenError('USAGE', `broll must be one of ${BROLL_MODES.join(', ')}`);
  return {
    preset: preset as PresetName,
    ...(typeof options.voice === 'string' ? { voice: options.voice } : {}),
    ...(options.burnCaptions !== undefined ? { burnCaptions: Boolean(options.burnCaptions) } : {}),
    ...(options.aspect !== undefined ? { aspect: options.aspect as Aspect } : {}),
    ...(options.resolution !== undefined ? { resolution: options.resolution as Resolution } : {}),
    ...(options.broll !== undefined ? { broll: options.broll as BrollMode } : {}),
  };
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
export const renderJob: RunJob = async (ctx) => {
  // Options first: a job whose stored options are wrong fails before any source is read or media resolved.
  const { multilingual, ...options } = jobOptionsOf(ctx.job.options);
  const { spec, uploadPaths } = await preparedSpec(ctx);
  if (multilingual) return renderMultilingualJob(ctx, spec, uploadPaths, options, multilingual);
  await renderVideoInChild(spec, { outputDir: ctx.outputDir, config: ctx.config, signal: ctx.signal, onEvent: ctx.onEvent, uploadPaths, ...options });
};

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
