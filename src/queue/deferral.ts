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
  ) {
    super(`waiting until ${until.toISOString()}: ${reason}`);
    this.name = 'JobDeferral';
  }
}

export const isJobDeferral = (value: unknown): value is JobDeferral => value instanceof JobDeferral;
