import type { RunJob } from '../queue/run-job.ts';

/**
 * OWNER: helper h2. The `publish` job: waits for its render (JobDeferral), builds the PublishItem from the output
 * directory, resumes from the stored checkpoint, spends quota through the ledger, and records the video id and URL.
 */
export const publishJob: RunJob = async (ctx) => {
  void ctx;
  throw new Error('not implemented (h2)');
};
