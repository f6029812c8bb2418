import { randomUUID } from 'node:crypto';
import { VideogenError } from '../errors.ts';
import type { Job, JobsRepo, Privacy, Publication, PublicationMetadata, PublicationsRepo } from '../store/types.ts';
import { LANGUAGE_TAG } from './multilingual-output.ts';

/** Creating publications and their publish jobs (API, CLI and the scheduler share this). */
export interface NewPublicationRequest {
  ownerId: string;
  channelId: string;
  /** The render/create job whose outputs to publish (it may still be queued or running: the publish job waits). */
  sourceJobId?: string;
  /** Or a finished output directory (the CLI's `videogen publish out/`). */
  sourceDir?: string;
  privacy: Privacy;
  publishAt?: Date;
  playlistId?: string;
  metadata?: PublicationMetadata;
  /**
   * A multilingual render: the languages this publication carries (one video with the others as localizations and
   * caption tracks; a single one for `--per-language`). Unset: all of the render's languages.
   */
  languages?: string[];
  scheduleId?: string;
  /** Earliest start of the publish job (a schedule's slot). */
  runAfter?: Date;
}

export const PRIVACIES: readonly Privacy[] = ['private', 'unlisted', 'public'];

/** Upload attempts: the job resumes from the stored offset each time, so retries are cheap. */
const PUBLISH_MAX_ATTEMPTS = 5;

/** A YouTube playlist id: checked wherever one is given (publications, schedules, CLI), not first at upload time. */
export const PLAYLIST_ID = /^[\w-]{2,64}$/;
export const PLAYLIST_ID_HINT = (id: string) => `playlist "${id}" is not a YouTube playlist id (letters, digits, - and _, as in PLxxxxxxxx; it is in the playlist's URL after list=)`;

/** USAGE for anything YouTube would refuse or we could not do; names the fix. */
export function checkPublicationRequest(req: NewPublicationRequest, now: Date = new Date()): void {
  if (!PRIVACIES.includes(req.privacy)) throw new VideogenError('USAGE', `privacy must be one of ${PRIVACIES.join(', ')} (got "${String(req.privacy)}")`);
  if (Boolean(req.sourceJobId) === Boolean(req.sourceDir)) throw new VideogenError('USAGE', 'name what to publish: either a job id (its outputs) or an output directory, not both');
  if (req.publishAt !== undefined) {
    if (!(req.publishAt instanceof Date) || Number.isNaN(req.publishAt.getTime())) throw new VideogenError('USAGE', 'publishAt must be an ISO time such as 2026-12-24T09:00:00Z');
    if (req.publishAt.getTime() <= now.getTime()) {
      throw new VideogenError('USAGE', `publishAt ${req.publishAt.toISOString()} is in the past; give a future time, or leave it out and choose --privacy public to publish at once`);
    }
    if (req.privacy !== 'private') {
      throw new VideogenError('USAGE', `a scheduled release (publishAt) must be uploaded private: YouTube makes it public at that time. Use --privacy private with --publish-at (got ${req.privacy})`);
    }
  }
  if (req.playlistId !== undefined && !PLAYLIST_ID.test(req.playlistId)) throw new VideogenError('USAGE', PLAYLIST_ID_HINT(req.playlistId));
  if (req.metadata?.title !== undefined && (req.metadata.title.trim() === '' || req.metadata.title.length > 100)) throw new VideogenError('USAGE', 'title must be 1–100 characters (YouTube\'s limit)');
  if (req.metadata?.description !== undefined && Buffer.byteLength(req.metadata.description) > 5000) throw new VideogenError('USAGE', 'description must be at most 5000 bytes (YouTube\'s limit)');
  if (req.languages !== undefined) {
    if (req.languages.length === 0) throw new VideogenError('USAGE', 'languages: name at least one language, or leave it out to publish all of them');
    const bad = req.languages.find((l) => !LANGUAGE_TAG.test(l));
    if (bad !== undefined) throw new VideogenError('USAGE', `languages: "${bad}" is not a language tag such as de or pt-BR`);
    if (new Set(req.languages.map((l) => l.toLowerCase())).size !== req.languages.length) throw new VideogenError('USAGE', `languages: ${req.languages.join(', ')} names a language twice`);
  }
}

/**
 * Stores the publication and its `publish` job (input `{ publicationId }`) with the given repositories (a
 * transaction's, for the scheduler). The caller announces the job to the queue after committing (queue.enqueue).
 * USAGE for a publishAt in the past or with a privacy other than private (YouTube's rule).
 */
export async function createPublication(repos: { jobs: JobsRepo; publications: PublicationsRepo }, req: NewPublicationRequest): Promise<{ publication: Publication; job: Job }> {
  checkPublicationRequest(req);
  if (req.sourceJobId) {
    const source = await repos.jobs.get(req.sourceJobId);
    // Somebody else's job is reported exactly like a missing one.
    if (!source || source.ownerId !== req.ownerId) throw new VideogenError('NOT_FOUND', `no job ${req.sourceJobId}`);
    if (source.kind === 'publish') throw new VideogenError('USAGE', `job ${req.sourceJobId} is a publish job; name the render or create job whose video to publish`);
  }
  // The job first, naming the publication's id: a crash between the two leaves a job that fails NOT_FOUND on its
  // first run, never a publication without a job (which nothing would ever finish, and which blocks its channel).
  const publicationId = randomUUID();
  const what = `${req.metadata?.title ?? (req.sourceJobId ? `job ${req.sourceJobId.slice(0, 8)}` : req.sourceDir)}${req.languages ? ` (${req.languages.join(', ')})` : ''}`;
  // The language choice travels in the metadata JSON the row stores (itemFromOutput reads it at upload time).
  const metadata: PublicationMetadata = { ...req.metadata, ...(req.languages ? { languages: req.languages } : {}) };
  let job = await repos.jobs.create({ ownerId: req.ownerId, kind: 'publish', input: { publicationId }, maxAttempts: PUBLISH_MAX_ATTEMPTS, title: `Publish ${what}` });
  if (req.runAfter) job = (await repos.jobs.update(job.id, { runAfter: req.runAfter })) ?? job;
  const publication = await repos.publications.create({
    id: publicationId,
    ownerId: req.ownerId,
    channelId: req.channelId,
    jobId: job.id,
    sourceJobId: req.sourceJobId ?? null,
    sourceDir: req.sourceDir ?? null,
    scheduleId: req.scheduleId ?? null,
    privacy: req.privacy,
    publishAt: req.publishAt ?? null,
    playlistId: req.playlistId ?? null,
    metadata,
  });
  return { publication, job };
}
