import type { Store } from '../store/types.ts';

/** OWNER: helper h3. What will be made and published when. */
export interface CalendarEntry {
  at: string;
  /** make: a schedule slot renders a video; publish: a publication goes (or went) live. */
  type: 'make' | 'publish';
  state: 'planned' | 'fired' | 'skipped' | 'pending' | 'waiting' | 'uploading' | 'finishing' | 'succeeded' | 'failed' | 'cancelled';
  title: string;
  channelId: string | null;
  scheduleId?: string;
  publicationId?: string;
  jobId?: string;
  videoUrl?: string;
}

/** Entries in [from, to), oldest first: planned slots of enabled schedules (with the topic each would use), fired and skipped runs, publications. */
export async function calendarFor(store: Store, ownerId: string, from: Date, to: Date): Promise<CalendarEntry[]> {
  void store;
  void ownerId;
  void from;
  void to;
  throw new Error('not implemented (h3)');
}
