import { renderVideo, type RenderOptions } from '../pipeline/render-video.ts';
import type { SegmentDistributor } from '../pipeline/segment-distributor.ts';
import { uploadsFrom } from '../pipeline/render-protocol.ts';
import { llmFromConfig } from '../writing/llm/registry.ts';
import { refusePrivateMediaUrls, uploadPathsOf } from './job-media.ts';
import { renderMultilingualJob } from './multilingual-job.ts';
import { createSegmentDistributor } from './segment-fanout.ts';
import { jobOptionsOf, runAnyJob, specOf, type JobContext, type RunJob } from './run-job.ts';

/**
 * The job a fan-out worker runs: render and create jobs are planned here and their segments rendered by every worker
 * through `distributorFor(job)` (BullSegmentDistributor); this process prepares (media, layout, voice), builds the
 * soundtrack while the segments render, and muxes. Publish jobs go to `fallback`.
 *
 * The coordinator runs renderVideo on the worker's own event loop rather than in a render child
 * (renderVideoInChild): the distributor is a live object (Redis connections, event listeners) that cannot cross the
 * process boundary, and what stays here is light (layout, TTS and ffmpeg children, the mux). A `videogen worker` is a
 * process of its own, never the API's event loop.
 */
export function fanoutRenderJob(distributorFor: (ctx: JobContext) => SegmentDistributor = (ctx) => createSegmentDistributor(ctx.config, { jobId: ctx.job.id }), fallback: RunJob = runAnyJob): RunJob {
  return async (ctx) => {
    if (ctx.job.kind !== 'render' && ctx.job.kind !== 'create') return fallback(ctx);
    // Options first: a job whose stored options are wrong fails before any source is read or media resolved.
    const { multilingual, ...options } = jobOptionsOf(ctx.job.options);
    const spec = await specOf(ctx);
    refusePrivateMediaUrls(spec);
    const uploadPaths = await uploadPathsOf(spec, ctx.uploads ?? (async () => undefined));
    const distribute = distributorFor(ctx);
    // Providers are objects, not data: built from the config, as the render child does.
    const llm = llmFromConfig(ctx.config.llm);
    const extra: Partial<RenderOptions> = { distribute, ...(llm ? { llm } : {}) };
    if (multilingual) {
      return renderMultilingualJob(ctx, spec, uploadPaths, options, multilingual, {
        renderer: (paths) => (one, opts) => renderVideo(one, { ...opts, ...extra, uploads: uploadsFrom(paths) }),
      });
    }
    await renderVideo(spec, { outputDir: ctx.outputDir, config: ctx.config, signal: ctx.signal, onEvent: ctx.onEvent, uploads: uploadsFrom(uploadPaths), ...options, ...extra });
  };
}
