import type { VideogenConfig } from '../config.ts';
import type { Store } from '../store/types.ts';
import type { QuotaMethod } from './types.ts';

/** OWNER: helper h2. YouTube's quota ledger: units per call, per project, per Pacific day. */

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
  void config;
  void method;
  throw new Error('not implemented (h2)');
}

/** The Pacific calendar day of `at` (YouTube resets quota at midnight Pacific time, PST or PDT). */
export function pacificDay(at: Date): string {
  void at;
  throw new Error('not implemented (h2)');
}

/** The first instant of the next Pacific day after `at`. */
export function nextPacificMidnight(at: Date): Date {
  void at;
  throw new Error('not implemented (h2)');
}

/** Reserves before each call; JobDeferral (src/queue/deferral.ts) until the next Pacific midnight when the day is spent. */
export interface QuotaLedger {
  spend(method: QuotaMethod): Promise<void>;
  /** Units the platform charged although we did not reserve (a call refused with quotaExceeded still counts). */
  exhausted(): Promise<never>;
  status(): Promise<QuotaStatus>;
}

export function quotaLedger(store: Store, config: VideogenConfig, project: string, now: () => Date = () => new Date()): QuotaLedger {
  void store;
  void config;
  void project;
  void now;
  throw new Error('not implemented (h2)');
}
