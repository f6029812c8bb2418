/**
 * Thrown by a job that cannot proceed yet but has not failed: a publication waiting for its render, or for the next
 * quota day. The worker puts the job back in the queue until `until` without counting an attempt, and records why.
 */
export class JobDeferral extends Error {
  constructor(
    readonly until: Date,
    readonly reason: string,
    /** Stored with the queued state event, e.g. `{ waitingFor: 'quota' }`. */
    readonly details: Record<string, unknown> = {},
    /**
     * Asked once the job is stored as waiting: false when the reason went away meanwhile (translations approved while
     * this run was deciding to wait), and the job then runs again at once instead of at `until`.
     */
    readonly stillWaiting?: () => Promise<boolean>,
  ) {
    super(`waiting until ${until.toISOString()}: ${reason}`);
    this.name = 'JobDeferral';
  }
}

export const isJobDeferral = (value: unknown): value is JobDeferral => value instanceof JobDeferral;
