import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorInfo, isVideogenError, VideogenError, type ErrorCode } from '../errors.ts';
import { isJobDeferral, JobDeferral } from '../queue/deferral.ts';
import { requeuedAfresh } from '../queue/requeue.ts';
import type { JobContext, RunJob } from '../queue/run-job.ts';
import type { Channel, Publication, PublicationPatch, PublicationSteps, Store } from '../store/types.ts';
import { publisherFor as defaultPublisherFor, type ChannelDeps } from './channels.ts';
import { itemFromOutput } from './item-from-output.ts';
import { quotaLedger } from './quota.ts';
import type { PublishCheckpoint, PublishContext, PublishItem, PublishProgress, Publisher } from './types.ts';
import { watchUrl, type YouTubePublisherOptions } from './youtube/publisher.ts';

/** A release this close (or past) cannot be scheduled any more: YouTube needs publishAt in the future when the upload starts. */
const RELEASE_MARGIN_MS = 2 * 60_000;

/** How often a publish job looks again at a render that is still queued or running. */
const RENDER_POLL_MS = 15_000;

/** Share of the job's progress bar each step ends at: the upload is nearly all of the time. */
const STEP_END: Record<PublishProgress['step'], number> = { upload: 0.9, captions: 0.95, thumbnail: 0.98, playlist: 1 };
const STEP_START: Record<PublishProgress['step'], number> = { upload: 0, captions: 0.9, thumbnail: 0.95, playlist: 0.98 };

export interface PublishJobOptions {
  /** The Publisher for a channel (default: src/publish/channels.ts). */
  publisherFor?: (deps: ChannelDeps, channel: Channel, opts?: YouTubePublisherOptions) => Publisher;
  /** Chunk size and backoff for the YouTube client (tests use small chunks). */
  publisherOptions?: YouTubePublisherOptions;
  now?: () => Date;
}

/**
 * The `publish` job: waits for its render (JobDeferral), builds the PublishItem from the output directory, resumes
 * from the stored checkpoint, spends quota through the ledger, and records the video id and URL. Everything it learns
 * is written to the publication row before the next request, so any worker can continue where this one stopped.
 */
export function createPublishJob(opts: PublishJobOptions = {}): RunJob {
  const now = opts.now ?? (() => new Date());
  const publisherFor = opts.publisherFor ?? defaultPublisherFor;
  return async (ctx) => {
    const store = ctx.store;
    if (!store) throw new VideogenError('INTERNAL', 'publish jobs need the store in their context (src/queue/execute-job.ts passes it)');
    const publicationId = (ctx.job.input as { publicationId?: unknown } | null)?.publicationId;
    if (typeof publicationId !== 'string') throw new VideogenError('USAGE', `publish job ${ctx.job.id} has no publicationId in its input`);
    const found = await store.publications.get(publicationId);
    if (!found) throw new VideogenError('NOT_FOUND', `publication ${publicationId} no longer exists (deleted while its job waited)`);
    let publication: Publication = found;
    const update = async (patch: PublicationPatch) => {
      publication = (await store.publications.update(publication.id, patch)) ?? { ...publication, ...patch };
    };

    if (publication.state === 'succeeded' && publication.videoId && publication.videoUrl) {
      // Recorded by an attempt that died before the job was settled: nothing is uploaded twice.
      await writeResult(ctx, publication);
      return;
    }

    if (publication.state === 'cancelled') throw new VideogenError('CANCELLED', `publication ${publication.id} was cancelled`);

    try {
      const channel = await store.channels.get(publication.channelId);
      if (!channel) throw new VideogenError('NOT_FOUND', `the channel of publication ${publication.id} was removed; nothing was published`);
      if (channel.revokedAt || !channel.credentials) throw new VideogenError('CHANNEL_REAUTH', `channel "${channel.name}" was disconnected; connect it again with \`videogen channels add --name ${channel.name}\`, then retry the publication`);

      const dir = await sourceDirOf(store, publication, now);
      let item = await itemFromOutput(dir, publication, ctx.signal);
      await update(startPatch(publication, item, (message) => ctx.onEvent({ type: 'warning', message })));
      // YouTube refuses a publishAt that has passed (invalidPublishAt). A release time that went by while the job waited
      // for its render or for quota means "release now": the video goes up public, as it would have at that time.
      if (!publication.videoId && item.publishAt && item.publishAt.getTime() <= now().getTime() + RELEASE_MARGIN_MS) {
        ctx.onEvent({ type: 'warning', message: `the release time ${item.publishAt.toISOString()} passed while the upload waited; publishing it now as public instead` });
        const { publishAt: _passed, ...rest } = item;
        item = { ...rest, privacy: 'public' };
        await update({ publishAt: null, privacy: 'public' });
      }
      // Where a resumed upload starts: the bar does not begin at zero for bytes already up.
      ctx.onProgress?.({ stage: 'upload', progress: STEP_END.upload * (publication.uploadOffset / item.bytes), bytesSent: publication.uploadOffset, bytesTotal: item.bytes });

      const ledger = quotaLedger(store, ctx.config, channel.project, now);
      const publisher = publisherFor({ store, config: ctx.config }, channel, opts.publisherOptions);
      const saved = { uri: publication.uploadUri, offset: publication.uploadOffset, videoId: publication.videoId, steps: JSON.stringify(publication.steps) };
      const publishCtx: PublishContext = {
        signal: ctx.signal,
        checkpoint: { ...(publication.uploadUri ? { uploadUri: publication.uploadUri } : {}), offset: publication.uploadOffset, ...(publication.videoId ? { videoId: publication.videoId } : {}), steps: publication.steps },
        save: async (checkpoint) => {
          await saveCheckpoint(store, publication.id, checkpoint, saved, update);
        },
        spend: (method) => ledger.spend(method),
        quotaExhausted: () => ledger.exhausted(),
        onProgress: (p) => {
          const fraction = p.step === 'upload' ? (p.bytesTotal > 0 ? p.bytesSent / p.bytesTotal : 0) : 0;
          const progress = STEP_START[p.step] + (STEP_END[p.step] - STEP_START[p.step]) * Math.min(1, Math.max(0, fraction));
          ctx.onProgress?.({ stage: p.step, progress, bytesSent: p.bytesSent, bytesTotal: p.bytesTotal });
        },
        warn: (message) => ctx.onEvent({ type: 'warning', message }),
      };
      const result = await publisher.publish(item, publishCtx);
      await update({
        state: 'succeeded',
        videoId: result.videoId,
        videoUrl: result.url,
        uploadOffset: item.bytes,
        steps: withoutWaiting(publication.steps),
        errorCode: null,
        errorMessage: null,
        finishedAt: now(),
      });
      await writeResult(ctx, publication);
    } catch (error) {
      throw await settleFailure(ctx, store, publication, error, update);
    }
  };
}

/** What workers run for `publish` jobs (src/queue/run-job.ts). */
export const publishJob: RunJob = createPublishJob();

/**
 * The directory to publish: the publication's own, or its source job's outputs once that job succeeded. A source job
 * still queued or running defers this job (no attempt counted); one that failed or was cancelled fails it.
 */
async function sourceDirOf(store: Store, publication: Publication, now: () => Date): Promise<string> {
  if (publication.sourceDir) return publication.sourceDir;
  if (!publication.sourceJobId) throw new VideogenError('USAGE', `publication ${publication.id} names neither a job nor a directory to publish`);
  const source = await store.jobs.get(publication.sourceJobId);
  if (!source) throw new VideogenError('NOT_FOUND', `job ${publication.sourceJobId}, whose video this publication was to publish, was deleted`);
  if (source.state === 'queued' || source.state === 'running') {
    const soon = now().getTime() + RENDER_POLL_MS;
    // A render waiting for its own retry time will not be done before then: no point in looking earlier.
    const until = new Date(source.state === 'queued' ? Math.max(soon, source.runAfter.getTime()) : soon);
    throw new JobDeferral(until, `waiting for render ${source.id} (${source.state})`, { waitingFor: 'render', sourceJobId: source.id });
  }
  if (source.state !== 'succeeded') {
    const why = source.state === 'failed' ? `failed (${source.errorCode ?? 'error'}: ${source.errorMessage ?? 'no message'})` : 'was cancelled';
    throw new VideogenError('CONFLICT', `render job ${source.id} ${why}, so there is no video to publish; render again and publish the new job`, { sourceJobId: source.id, sourceState: source.state });
  }
  if (!source.outputDir) throw new VideogenError('CONFLICT', `render job ${source.id} succeeded but recorded no output directory; render again`, { sourceJobId: source.id });
  return source.outputDir;
}

/**
 * The patch that starts (or resumes) the upload: the file's size and hash recorded, and — when a resumed job finds
 * another file than the one whose bytes are already up — the old session dropped, since its bytes are not this file's.
 */
function startPatch(publication: Publication, item: PublishItem, warn: (message: string) => void): PublicationPatch {
  const changed = publication.fileSha256 !== null && publication.fileSha256 !== item.sha256 && !publication.videoId;
  if (changed && (publication.uploadUri || publication.uploadOffset > 0)) {
    warn(`video.mp4 changed since its upload started (sha256 ${publication.fileSha256!.slice(0, 12)}… → ${item.sha256.slice(0, 12)}…); uploading the new file from the start`);
  }
  return {
    state: publication.videoId ? 'finishing' : 'uploading',
    fileBytes: item.bytes,
    fileSha256: item.sha256,
    steps: withoutWaiting(publication.steps),
    ...(changed ? { uploadUri: null, uploadOffset: 0 } : {}),
  };
}

/**
 * Persists a checkpoint before the publisher sends its next request. The offset goes through advanceUpload, which only
 * moves it forward for the same session: a stale worker can never pull a newer upload back.
 */
async function saveCheckpoint(
  store: Store,
  id: string,
  checkpoint: PublishCheckpoint,
  saved: { uri: string | null; offset: number; videoId: string | null; steps: string },
  update: (patch: PublicationPatch) => Promise<void>,
): Promise<void> {
  const uri = checkpoint.uploadUri ?? null;
  const steps = JSON.stringify(checkpoint.steps);
  if (uri !== saved.uri) {
    // A new session (the first, or after a 404/410): its own offset, from where that session starts.
    await update({ uploadUri: uri, uploadOffset: checkpoint.offset });
  } else if (uri && checkpoint.offset > saved.offset) {
    await store.publications.advanceUpload(id, uri, checkpoint.offset);
  }
  if (checkpoint.videoId && checkpoint.videoId !== saved.videoId) {
    await update({ videoId: checkpoint.videoId, state: 'finishing', steps: checkpoint.steps });
  } else if (steps !== saved.steps) {
    await update({ steps: checkpoint.steps });
  }
  saved.offset = uri !== saved.uri ? checkpoint.offset : Math.max(saved.offset, checkpoint.offset);
  saved.uri = uri;
  saved.videoId = checkpoint.videoId ?? saved.videoId;
  saved.steps = steps;
}

/**
 * Records on the publication what the worker will do with this error, and returns the error for the worker: waiting
 * (deferral), cancelled, failed with the platform's reason when no retry follows, or kept as it is with the message.
 */
async function settleFailure(ctx: JobContext, store: Store, publication: Publication, error: unknown, update: (patch: PublicationPatch) => Promise<void>): Promise<unknown> {
  if (ctx.signal.aborted) {
    // Cancelled by the user, or the worker stopping / losing its lease: only the first ends the publication.
    const job = await store.jobs.get(ctx.job.id).catch(() => undefined);
    if (job?.cancelRequested) await update({ state: 'cancelled', finishedAt: new Date() }).catch(() => undefined);
    return error;
  }
  if (isJobDeferral(error)) {
    const waitingFor = error.details.waitingFor === 'render' ? 'render' : 'quota';
    await update({ state: 'waiting', steps: { ...withoutWaiting(publication.steps), waitingFor, until: error.until.toISOString() } });
    return error;
  }
  const wrapped = isVideogenError(error) ? error : new VideogenError('PUBLISH_FAILED', error instanceof Error ? error.message : String(error), undefined, { cause: error });
  const code: ErrorCode = wrapped.code;
  const willRetry = errorInfo(code).retry && ctx.job.attempts < ctx.job.maxAttempts;
  // The bytes may already be on the platform: say where, so nobody uploads the video again to "fix" a playlist step.
  const fresh = (await store.publications.get(publication.id).catch(() => undefined)) ?? publication;
  const message = fresh.videoId && !willRetry ? `${wrapped.message} — the video itself is uploaded (${watchUrl(fresh.videoId)}); fix the cause and run the publication again (videogen publish … again, or POST /api/jobs/${ctx.job.id}/retry) to finish the remaining steps without uploading it twice` : wrapped.message;
  if (willRetry) await update({ errorCode: code, errorMessage: message });
  else await update({ state: 'failed', errorCode: code, errorMessage: message, finishedAt: new Date() });
  return message === wrapped.message ? wrapped : new VideogenError(code, message, wrapped.details, { cause: wrapped });
}

function withoutWaiting(steps: PublicationSteps): PublicationSteps {
  const { waitingFor: _waitingFor, until: _until, ...rest } = steps;
  return rest;
}

/** publication.json in the job's outputs: what was published where, for the CLI and for whoever reads the job. */
async function writeResult(ctx: JobContext, publication: Publication): Promise<void> {
  const body = {
    id: publication.id,
    channelId: publication.channelId,
    videoId: publication.videoId,
    url: publication.videoUrl,
    privacy: publication.privacy,
    publishAt: publication.publishAt?.toISOString() ?? null,
    playlistId: publication.playlistId,
    bytes: publication.fileBytes,
    sha256: publication.fileSha256,
  };
  await writeFile(join(ctx.outputDir, 'publication.json'), `${JSON.stringify(body, null, 2)}\n`);
}

/**
 * A publish job that will never run again without having said so itself (it crashed its worker on every attempt, or
 * was cancelled while queued): its publication is settled to match, so nothing shows "uploading" forever.
 */
export async function settlePublicationOfJob(store: Store, jobId: string, state: 'failed' | 'cancelled', error?: { code: string; message: string }): Promise<void> {
  const publication = await store.publications.byJob(jobId);
  if (!publication || publication.state === 'succeeded' || publication.state === 'failed' || publication.state === 'cancelled') return;
  await store.publications.update(publication.id, { state, finishedAt: new Date(), ...(error ? { errorCode: error.code, errorMessage: error.message } : {}) });
}

/** A retried publish job: its failed or cancelled publication is open again, resuming from its stored checkpoint. */
export async function reopenPublicationOfJob(store: Store, jobId: string): Promise<void> {
  const publication = await store.publications.byJob(jobId);
  if (!publication || (publication.state !== 'failed' && publication.state !== 'cancelled')) return;
  await store.publications.update(publication.id, { state: 'pending', finishedAt: null, errorCode: null, errorMessage: null });
}

/** True when deleting this publish job would strand its publication (not finished yet). */
export async function publicationStillOpen(store: Store, jobId: string): Promise<boolean> {
  const publication = await store.publications.byJob(jobId);
  return Boolean(publication && !['succeeded', 'failed', 'cancelled'].includes(publication.state));
}

/**
 * Runs a failed or cancelled publication again, from its checkpoint: its job queued afresh (as POST /api/jobs/:id/retry
 * does) and the publication open. For a publication whose video is already uploaded this is the only right "again".
 */
export async function retryPublication(store: Store, publication: Publication): Promise<void> {
  if (!publication.jobId) throw new VideogenError('CONFLICT', `publication ${publication.id} has no job any more; publish it again`);
  await store.jobs.update(publication.jobId, requeuedAfresh());
  await reopenPublicationOfJob(store, publication.jobId);
}
