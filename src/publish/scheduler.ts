import type { JobQueue } from '../queue/types.ts';
import type { ChannelDeps } from './channels.ts';

/** OWNER: helper h3. */
export interface SchedulerOptions extends ChannelDeps {
  queue: JobQueue;
  /** Names the process in schedule_runs.fired_by. */
  id?: string;
  /** How often due schedules are looked for (default 15 s). */
  tickMs?: number;
  /** The clock (tests compress time). */
  now?: () => Date;
  logger?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

export interface Scheduler {
  start(): void;
  /** One pass: fires every due slot (exactly once across processes), refreshes due statistics; how many fired. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Fires due schedule slots: each slot in one transaction that moves nextRunAt (compare-and-set) and inserts the
 * (schedule, slot) run row, creating the create job and its publication. Missed slots after downtime follow the
 * schedule's catchUp: 'once' makes the latest missed slot once, 'skip' records them skipped.
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  void opts;
  throw new Error('not implemented (h3)');
}
