import type { Job } from './types.ts';

const TONE: Record<Job['state'], string> = { queued: 'badge', running: 'badge badge-accent', succeeded: 'badge badge-ok', failed: 'badge badge-error', cancelled: 'badge badge-warn' };
const LABEL: Record<Job['state'], string> = { queued: 'Queued', running: 'Running', succeeded: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

/** A job's state as a coloured word (the colour is never the only signal). */
export function JobStateBadge({ state }: { state: Job['state'] }) {
  return <span className={TONE[state]}>{LABEL[state]}</span>;
}
