import type { VideogenConfig } from '../config.ts';
import { VideogenError } from '../errors.ts';
import type { Job } from '../store/types.ts';
import type { RenderListener } from '../pipeline/events.ts';
import { renderVideo } from '../pipeline/render-video.ts';
import { PRESETS, type PresetName } from '../media/index.ts';
import { ASPECTS, formatProblems, validateSpec, type Aspect, type VideoSpec } from '../spec/index.ts';

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
}

/** Runs one job to completion or throws (VideogenError codes decide retry vs fail). */
export type RunJob = (ctx: JobContext) => Promise<void>;

export interface JobRenderOptions {
  preset: PresetName;
  voice?: string;
  burnCaptions?: boolean;
  aspect?: Aspect;
}

/** Validates a job's stored render options; bad ones are the submitter's mistake, so USAGE (never retried). */
export function renderOptionsOf(options: Record<string, unknown>): JobRenderOptions {
  const preset = options.preset ?? 'standard';
  if (typeof preset !== 'string' || !(preset in PRESETS)) throw new VideogenError('USAGE', `preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  if (options.aspect !== undefined && !ASPECTS.includes(options.aspect as Aspect)) throw new VideogenError('USAGE', `aspect must be one of ${ASPECTS.join(', ')}`);
  if (options.voice !== undefined && typeof options.voice !== 'string') throw new VideogenError('USAGE', 'voice must be a string');
  return {
    preset: preset as PresetName,
    ...(typeof options.voice === 'string' ? { voice: options.voice } : {}),
    ...(options.burnCaptions !== undefined ? { burnCaptions: Boolean(options.burnCaptions) } : {}),
    ...(options.aspect !== undefined ? { aspect: options.aspect as Aspect } : {}),
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

/** The default job: render the spec through the pipeline. */
export const renderJob: RunJob = async (ctx) => {
  const spec = await specOf(ctx);
  await renderVideo(spec, { outputDir: ctx.outputDir, config: ctx.config, signal: ctx.signal, onEvent: ctx.onEvent, ...renderOptionsOf(ctx.job.options) });
};
