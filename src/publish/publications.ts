import type { Job, JobsRepo, Privacy, Publication, PublicationMetadata, PublicationsRepo } from '../store/types.ts';

/** OWNER: helper h2. Creating publications and their publish jobs (API, CLI and the scheduler share this). */
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
  scheduleId?: string;
  /** Earliest start of the publish job (a schedule's slot). */
  runAfter?: Date;
}

/**
 * Stores the publication and its `publish` job (input `{ publicationId }`) with the given repositories (a
 * transaction's, for the scheduler). The caller announces the job to the queue after committing (queue.enqueue).
 * USAGE for a publishAt in the past or with a privacy other than private (YouTube's rule).
 */
export async function createPublication(repos: { jobs: JobsRepo; publications: PublicationsRepo }, req: NewPublicationRequest): Promise<{ publication: Publication; job: Job }> {
  void repos;
  void req;
  throw new Error('not implemented (h2)');
}
