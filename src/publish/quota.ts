import type { VideogenConfig } from '../config.ts';
import { VideogenError } from '../errors.ts';
import { JobDeferral } from '../queue/deferral.ts';
import type { Store } from '../store/types.ts';
import type { QuotaMethod } from './types.ts';

/** YouTube's quota ledger: units per call, per project, per Pacific day. */

/** Documented costs (YouTube Data API v3 quota calculator); overridable with YOUTUBE_QUOTA_COSTS. */
export const DEFAULT_COSTS: Record<QuotaMethod, number> = {
  'videos.insert': 1600,
  'videos.list': 1,
  'videos.update': 50,
  'captions.insert': 400,
  'captions.list': 50,
  'thumbnails.set': 50,
  'playlistItems.insert': 50,
  'channels.list': 1,
};

/** The method name recorded for units YouTube charged when it answered quotaExceeded (the rest of the day). */
export const EXHAUSTED_METHOD = 'quotaExceeded';

export interface QuotaStatus {
  project: string;
  /** YYYY-MM-DD in America/Los_Angeles. */
  day: string;
  used: number;
  limit: number;
  remaining: number;
  /** Next midnight in America/Los_Angeles. */
  resetsAt: Date;
  calls: Record<string, number>;
}

export function costOf(config: VideogenConfig, method: QuotaMethod): number {
  const configured = config.publish.youtube.costs[method];
  return configured !== undefined && Number.isFinite(configured) && configured >= 0 ? configured : DEFAULT_COSTS[method];
}

const PACIFIC = 'America/Los_Angeles';
// One formatter: constructing Intl formatters is the expensive part.
const pacificParts = new Intl.DateTimeFormat('en-US', {
  timeZone: PACIFIC,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Wall-clock fields of `at` in Pacific time. */
function pacificWall(at: Date): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = Object.fromEntries(pacificParts.formatToParts(at).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), min: Number(parts.minute), s: Number(parts.second) };
}

/** Milliseconds Pacific wall time is ahead of UTC at `at` (−7 h in PDT, −8 h in PST). */
function pacificOffsetMs(at: Date): number {
  const w = pacificWall(at);
  const wallAsUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  return wallAsUtc - Math.floor(at.getTime() / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The Pacific calendar day of `at` (YouTube resets quota at midnight Pacific time, PST or PDT). */
export function pacificDay(at: Date): string {
  const w = pacificWall(at);
  return `${pad(w.y, 4)}-${pad(w.m)}-${pad(w.d)}`;
}

/**
 * The first instant of the next Pacific day after `at`. Days around the DST changes are 23 or 25 hours long, so it is
 * computed from the calendar, never as `at + 24 h`; midnight itself is never skipped or doubled (the clocks change at 02:00).
 */
export function nextPacificMidnight(at: Date): Date {
  const w = pacificWall(at);
  const midnightAsUtc = Date.UTC(w.y, w.m - 1, w.d + 1, 0, 0, 0);
  // Guess with today's offset, then correct with the offset in force at the guess (it differs on a change day).
  let guess = midnightAsUtc - pacificOffsetMs(at);
  guess = midnightAsUtc - pacificOffsetMs(new Date(guess));
  return new Date(guess);
}

/** Reserves before each call; JobDeferral (src/queue/deferral.ts) until the next Pacific midnight when the day is spent. */
export interface QuotaLedger {
  spend(method: QuotaMethod): Promise<void>;
  /** Units the platform charged although we did not reserve (a call refused with quotaExceeded still counts). */
  exhausted(): Promise<never>;
  status(): Promise<QuotaStatus>;
}

export function quotaLedger(store: Store, config: VideogenConfig, project: string, now: () => Date = () => new Date()): QuotaLedger {
  const limit = config.publish.youtube.dailyQuota;
  const spent = (day: string, used: number, at: Date, needed?: { method: QuotaMethod; units: number }): JobDeferral => {
    const until = nextPacificMidnight(at);
    const asked = needed ? `; ${needed.method} needs ${needed.units}` : '';
    return new JobDeferral(until, `YouTube quota for ${day} is spent (${used}/${limit} units${asked}); continues at ${until.toISOString()} (midnight Pacific time)`, {
      waitingFor: 'quota',
      project,
      day,
      used,
      limit,
    });
  };
  return {
    async spend(method) {
      const at = now();
      const day = pacificDay(at);
      const units = costOf(config, method);
      if (units === 0) return;
      // No day could ever pay for it: waiting for tomorrow would wait forever.
      if (units > limit) throw new VideogenError('USAGE', `${method} costs ${units} units but YOUTUBE_QUOTA_DAILY is ${limit}: raise YOUTUBE_QUOTA_DAILY to the project's real allocation, or correct YOUTUBE_QUOTA_COSTS`, { method, units, limit });
      // One atomic statement: two workers can never both take the day's last units.
      const reserved = await store.quota.reserve(project, day, method, units, limit);
      if (reserved) return;
      const current = await store.quota.get(project, day);
      throw spent(day, current.units, at, { method, units });
    },
    async exhausted() {
      const at = now();
      const day = pacificDay(at);
      // YouTube says the day is spent, whatever we counted (another tool on the same project, or a smaller allocation):
      // charge the rest so every other job of this project waits for tomorrow too, instead of asking and being refused.
      // Reserved up to the limit, not added blindly: two workers told at once fill the day once, not twice.
      let current = await store.quota.get(project, day);
      for (let tries = 0; tries < 5 && current.units < limit; tries++) {
        current = (await store.quota.reserve(project, day, EXHAUSTED_METHOD, limit - current.units, limit)) ?? (await store.quota.get(project, day));
      }
      throw spent(day, current.units, at);
    },
    async status() {
      const at = now();
      const day = pacificDay(at);
      const current = await store.quota.get(project, day);
      return { project, day, used: current.units, limit, remaining: Math.max(0, limit - current.units), resetsAt: nextPacificMidnight(at), calls: current.calls };
    },
  };
}
