import type { JobState } from './types.ts';

const TONE: Record<JobState, string> = { queued: 'badge', running: 'badge badge-accent', succeeded: 'badge badge-ok', failed: 'badge badge-error', cancelled: 'badge badge-warn' };
export const STATE_LABEL: Record<JobState, string> = { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled' };

/** A job's state as a coloured word (the colour is never the only signal: the word is always there). */
export function StateBadge({ state, waiting }: { state: JobState; waiting?: boolean }) {
  return <span className={TONE[state]}>{waiting ? 'Waiting for review' : STATE_LABEL[state]}</span>;
}
