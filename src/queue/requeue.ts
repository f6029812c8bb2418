import type { JobPatch } from '../store/types.ts';

/**
 * A finished (failed or cancelled) job as new again: queued now, attempts and error cleared, no lease. Its render cache
 * and, for publish jobs, the publication's checkpoint are kept, so the retry resumes rather than starts over.
 */
export const requeuedAfresh = (): JobPatch => ({ state: 'queued', stage: null, progress: 0, attempts: 0, errorCode: null, errorMessage: null, cancelRequested: false, leaseOwner: null, leaseExpiresAt: null, runAfter: new Date(), startedAt: null, finishedAt: null });
