import { VideogenError } from '../errors.ts';
import type { Publication, Schedule, Store } from '../store/types.ts';
import { slotsBetween } from './schedule-rule.ts';
import { topicFor } from './scheduler.ts';

/** What will be made and published when. */
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

/** The longest range one request may ask for, and the most entries it may return: a calendar, not an export. */
export const CALENDAR_MAX_DAYS = 366;
export const CALENDAR_MAX_ENTRIES = 2000;
const DAY = 86_400_000;
/** A window up to a year ahead of a schedule's next slot, at the 5-minute floor: how far the cursor may need counting. */
const MAX_SLOTS_BEFORE = 400_000;

/** A calendar window: oldest first, at most CALENDAR_MAX_ENTRIES; when cut, `next` is where the rest begins (ask from it). */
export interface CalendarPage {
  entries: CalendarEntry[];
  truncated: boolean;
  next: Date | null;
}

const inRange = (d: Date, from: Date, to: Date) => d >= from && d < to;

/** Planned slots of one enabled schedule in [from, to), each with the topic it would use (the cursor moved k times). */
function plannedFor(s: Schedule, from: Date, to: Date, room: number): CalendarEntry[] {
  if (!s.enabled || !s.nextRunAt) return [];
  const rule = { cron: s.cron, timezone: s.timezone, ...(s.cron === null ? { at: s.nextRunAt } : {}) };
  let k = 0;
  let slots: Date[];
  if (s.nextRunAt >= from) {
    slots = [s.nextRunAt, ...slotsBetween(rule, s.nextRunAt, to, room)];
  } else {
    // The slots between nextRunAt and `from` move the cursor first: through the list, and through the generator's
    // sequence too (each generated topic is the next of its sequence). Without a generator, counting past the list's
    // end is pointless: the schedule ends there.
    const listLeft = Math.max((s.input.topics?.length ?? 0) - s.topicIndex, 0);
    k = 1 + slotsBetween(rule, s.nextRunAt, from, s.input.generator ? MAX_SLOTS_BEFORE : listLeft).length;
    slots = slotsBetween(rule, new Date(from.getTime() - 1), to, room + 1);
  }
  const out: CalendarEntry[] = [];
  const release = s.input.publish?.releaseAfterMinutes;
  for (const slot of slots) {
    if (!inRange(slot, from, to)) continue;
    const pick = topicFor(s.input, s.topicIndex + k);
    if (!pick) break; // the list ends here and there is no generator: so does the schedule
    k++;
    out.push({ at: slot.toISOString(), type: 'make', state: 'planned', title: pick.topic, channelId: s.channelId, scheduleId: s.id });
    if (s.channelId && release !== undefined) {
      const live = new Date(slot.getTime() + release * 60_000);
      if (inRange(live, from, to)) out.push({ at: live.toISOString(), type: 'publish', state: 'planned', title: pick.topic, channelId: s.channelId, scheduleId: s.id });
    }
    if (out.length > room) break;
  }
  return out;
}

/** When a publication goes (or went) live: its scheduled release, else when it was made. */
const whenLive = (p: Publication) => p.publishAt ?? p.createdAt;

/** Entries in [from, to), oldest first: planned slots of enabled schedules (with the topic each would use), fired and skipped runs, publications. */
export async function calendarFor(store: Store, ownerId: string, from: Date, to: Date): Promise<CalendarPage> {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new VideogenError('USAGE', 'from and to must be ISO times such as 2026-12-01T00:00:00Z');
  if (to <= from) throw new VideogenError('USAGE', `to (${to.toISOString()}) must be after from (${from.toISOString()})`);
  if (to.getTime() - from.getTime() > CALENDAR_MAX_DAYS * DAY) throw new VideogenError('LIMIT_EXCEEDED', `the calendar shows at most ${CALENDAR_MAX_DAYS} days at a time`, { limit: CALENDAR_MAX_DAYS });

  // Each source gives at most one page more than fits, oldest first, so the merged list is cut at the right place:
  // a busy schedule (every 10 minutes) makes a long calendar shorter, not an error.
  const entries: CalendarEntry[] = [];
  const add = (more: CalendarEntry[]) => void entries.push(...more.slice(0, CALENDAR_MAX_ENTRIES + 1));

  const schedules = await store.schedules.list(ownerId);
  for (const s of schedules) {
    const runs = await store.schedules.runs(s.id, { from, to, limit: CALENDAR_MAX_ENTRIES + 1 });
    add(runs.map((r) => ({ at: r.slotAt.toISOString(), type: 'make', state: r.status, title: r.topic ?? `${s.name} (skipped)`, channelId: s.channelId, scheduleId: s.id, ...(r.jobId ? { jobId: r.jobId } : {}), ...(r.publicationId ? { publicationId: r.publicationId } : {}) })));
    add(plannedFor(s, from, to, CALENDAR_MAX_ENTRIES + 1));
  }

  const publications = await store.publications.list({ ownerId, from, to, limit: CALENDAR_MAX_ENTRIES + 1 });
  add(
    publications
      .filter((p) => inRange(whenLive(p), from, to))
      .map((p) => ({
        at: whenLive(p).toISOString(),
        type: 'publish' as const,
        state: p.state,
        title: p.metadata.title ?? (p.sourceDir ? `Publication of ${p.sourceDir}` : 'Publication'),
        channelId: p.channelId,
        ...(p.scheduleId ? { scheduleId: p.scheduleId } : {}),
        publicationId: p.id,
        ...(p.jobId ? { jobId: p.jobId } : {}),
        ...(p.videoUrl ? { videoUrl: p.videoUrl } : {}),
      })),
  );

  // Oldest first; at the same instant, what is made comes before what goes live.
  entries.sort((a, b) => a.at.localeCompare(b.at) || (a.type === b.type ? 0 : a.type === 'make' ? -1 : 1));
  const truncated = entries.length > CALENDAR_MAX_ENTRIES;
  return { entries: entries.slice(0, CALENDAR_MAX_ENTRIES), truncated, next: truncated ? new Date(entries[CALENDAR_MAX_ENTRIES]!.at) : null };
}
