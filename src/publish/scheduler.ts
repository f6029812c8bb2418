import { hostname } from 'node:os';
import { VideogenError, type ErrorCode } from '../errors.ts';
import { scheduleJobOptions } from '../options/zod.ts';
import type { JobQueue } from '../queue/types.ts';
import type { Privacy, Schedule, ScheduleInput, SchedulePatch, TxStore } from '../store/types.ts';
import type { ChannelDeps } from './channels.ts';
import { createPublication } from './publications.ts';
import { nextSlot, slotsBetween } from './schedule-rule.ts';
import { generateTopic } from './topic-generator.ts';

/** */
export interface SchedulerOptions extends ChannelDeps {
  queue: JobQueue;
  /** Names the process in schedule_runs.fired_by. */
  id?: string;
  /** How often due schedules are looked for (default 15 s). */
  tickMs?: number;
  /** The clock (tests compress time). */
  now?: () => Date;
  logger?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  /**
   * How late a slot may be and still count as on time rather than missed (default: 5 minutes, at least 4 ticks):
   * a busy process a few seconds behind makes every slot; only a real downtime triggers the catch-up policy.
   */
  lateGraceMs?: number;
  /** Statistics refresher, run each tick (default: src/publish/stats.ts refreshDueStatistics); errors are logged. */
  refreshStatistics?: (deps: ChannelDeps, o: { now: Date }) => Promise<number>;
}

export interface Scheduler {
  start(): void;
  /** One pass: fires every due slot (exactly once across processes), refreshes due statistics; how many fired. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/** Schedules looked at per pass; the rest are still due on the next pass. */
const DUE_BATCH = 100;
/** Refusals that firing the same slot again would meet again. */
const PERMANENT = new Set<ErrorCode>(['USAGE', 'NOT_FOUND', 'VALIDATION_FAILED']);

/** Slots read per page when listing the ones missed during a downtime. */
const SCAN_PAGE = 1000;
/**
 * Missed slots recorded one 'skipped' row each, at most this many (the latest ones): a five-minute schedule down for
 * a month would otherwise write thousands of rows before making anything. Older ones are left out of the record.
 */
const MAX_SKIPPED_ROWS = 500;

type RuleSlots = { cron: string | null; timezone: string; at?: Date };

/** The slots after `slot` that are due by `at`: how many, the first, and the latest `keep` of them (oldest first). */
function dueAfter(rule: RuleSlots, slot: Date, at: Date, keep: number): { count: number; first: Date | undefined; tail: Date[] } {
  const until = new Date(at.getTime() + 1);
  let first: Date | undefined;
  let tail: Date[] = [];
  let count = 0;
  let cursor = slot;
  for (;;) {
    const page = slotsBetween(rule, cursor, until, SCAN_PAGE);
    first ??= page[0];
    count += page.length;
    tail = [...tail, ...page].slice(-keep);
    if (page.length < SCAN_PAGE) return { count, first, tail };
    cursor = page[page.length - 1]!;
  }
}

/** What one slot makes: the topic and the cursor after it, or nothing when the list is used up and there is no generator. */
export function topicFor(input: ScheduleInput, topicIndex: number): { topic: string; nextIndex: number; fromList: boolean } | undefined {
  const topics = input.topics ?? [];
  if (topicIndex < topics.length) return { topic: topics[topicIndex]!, nextIndex: topicIndex + 1, fromList: true };
  // Generated topics move the cursor too: the generator's sequence goes on where the list (if any) ended.
  if (input.generator) return { topic: generateTopic(input.generator, topicIndex - topics.length), nextIndex: topicIndex + 1, fromList: false };
  return undefined;
}

/** Whether a topic remains for the slot after the cursor `index` (a list with entries left, or a generator). */
const hasTopicAt = (input: ScheduleInput, index: number) => index < (input.topics?.length ?? 0) || Boolean(input.generator);

/** The create job's input: what `videogen create --topic … --format short` takes, as src/publish/topic-source.ts reads it. */
export function createJobInput(s: Schedule, topic: string): { source: Record<string, unknown>; options: Record<string, unknown> } {
  const niche = s.input.generator?.niche;
  const seed = s.input.generator?.seed;
  return {
    source: { topic, format: s.input.format ?? 'short', ...(niche ? { niche } : {}), ...(seed !== undefined ? { seed } : {}) },
    options: s.input.options ?? {},
  };
}

/** A release time that already passed (a late catch-up) is no schedule any more: the video goes public at once. */
function releaseOf(s: Schedule, slot: Date, now: Date): { privacy: Privacy; publishAt?: Date } {
  const publish = s.input.publish ?? {};
  const privacy = publish.privacy ?? 'private';
  if (publish.releaseAfterMinutes === undefined) return { privacy };
  const publishAt = new Date(slot.getTime() + publish.releaseAfterMinutes * 60_000);
  // YouTube's rule: a scheduled release is uploaded private and made public by YouTube at publishAt.
  if (publishAt.getTime() > Math.max(now.getTime(), Date.now()) + 60_000) return { privacy: 'private', publishAt };
  return { privacy: 'public' };
}

/**
 * Fires due schedule slots: each slot in one transaction that moves nextRunAt (compare-and-set) and inserts the
 * (schedule, slot) run row, creating the create job and its publication. Missed slots after downtime follow the
 * schedule's catchUp: 'once' makes the latest missed slot once and records the earlier ones skipped, 'skip' records
 * them all skipped. A slot up to `lateGraceMs` late is not missed: a busy process makes it as usual.
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const id = opts.id ?? `${hostname()}:${process.pid}:scheduler`;
  const tickMs = opts.tickMs ?? 15_000;
  const now = opts.now ?? (() => new Date());
  const lateGraceMs = opts.lateGraceMs ?? Math.max(5 * 60_000, 4 * tickMs);
  const log = opts.logger ?? { info() {}, warn() {} };
  const deps: ChannelDeps = { store: opts.store, config: opts.config };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  const refreshStatistics =
    opts.refreshStatistics ??
    (async (d: ChannelDeps, o: { now: Date }) => {
      // Loaded on first use: a process without channels never loads the YouTube client.
      const { refreshDueStatistics } = await import('./stats.ts');
      return refreshDueStatistics(d, o);
    });

  /**
   * Records missed slots as 'skipped', one compare-and-set each (exactly once across processes like a fire), moving
   * nextRunAt along `chain` and then to `then`. False when another process took over the walk.
   */
  async function skipMissed(s: Schedule, chain: Date[], then: Date | null, total: number): Promise<boolean> {
    for (const [i, missed] of chain.entries()) {
      const won = await opts.store.schedules.fire(s.id, missed, { nextRunAt: chain[i + 1] ?? then }, { status: 'skipped', topic: null, firedBy: id }, async () => ({ jobId: null, publicationId: null, result: true }));
      if (!won) return false;
    }
    log.info({ scheduleId: s.id, ownerId: s.ownerId, catchUp: s.catchUp, missed: total, recorded: chain.length, from: chain[0]!.toISOString(), to: chain[chain.length - 1]!.toISOString(), next: then?.toISOString() ?? null, firedBy: id }, 'schedule: missed slots recorded skipped');
    return true;
  }

  /** Fires what is due for one schedule now (one slot, or records a missed stretch); true when this process made a slot. */
  async function fireOne(s: Schedule, at: Date): Promise<boolean> {
    const slot = s.nextRunAt!;
    const rule = { cron: s.cron, timezone: s.timezone, ...(s.cron === null ? { at: slot } : {}) };
    // Later slots that are due too: several means every process was down (or far behind) while they passed.
    const later = dueAfter(rule, slot, at, MAX_SKIPPED_ROWS + 1);
    const downtime = later.count > 0 && at.getTime() - slot.getTime() > lateGraceMs;
    if (downtime) {
      const latest = later.tail[later.tail.length - 1]!;
      // once: the latest missed slot is made (below, on the next round, as an ordinary slot); the rest are skipped.
      // skip: all are skipped, except a latest one still within the grace (due moments ago: on time).
      const makeLatest = s.catchUp === 'once' || at.getTime() - latest.getTime() <= lateGraceMs;
      const missed = makeLatest ? later.tail.slice(0, -1) : later.tail;
      // The walk starts at the stored nextRunAt (the compare-and-set needs it); after a very long downtime it jumps from
      // there to the latest MAX_SKIPPED_ROWS.
      const chain = [slot, ...missed];
      const total = later.count + 1 - (makeLatest ? 1 : 0);
      // Nothing made yet: a latest slot to make is now the stored nextRunAt, and the pass's next round fires it.
      await skipMissed(s, chain, makeLatest ? latest : nextSlot(rule, at), total);
      return false;
    }
    // On time (or a little late): this slot, then the one after it, even if that one is due already.
    const made = slot;
    const next = later.first ?? nextSlot(rule, slot);

    if (s.channelId) {
      const channel = await opts.store.channels.get(s.channelId);
      if (channel && (channel.revokedAt || !channel.credentials)) {
        // Rendering a video that cannot be published would spend the machine for nothing, slot after slot: the slot is
        // recorded skipped (its topic kept for the next one) and the log says why, until the channel is connected again.
        const won = await opts.store.schedules.fire(s.id, slot, { nextRunAt: next }, { status: 'skipped', topic: null, firedBy: id }, async () => ({ jobId: null, publicationId: null, result: true }));
        if (won) log.warn({ scheduleId: s.id, ownerId: s.ownerId, channelId: channel.id, slot: made.toISOString() }, `schedule: channel "${channel.name}" is disconnected; slot skipped (videogen channels add --name ${channel.name} --replace)`);
        return false;
      }
    }
    const pick = topicFor(s.input, s.topicIndex);
    if (!pick) {
      // Nothing left to make (the list was emptied by an edit): end the schedule instead of firing empty slots.
      await opts.store.schedules.update(s.id, { nextRunAt: null, enabled: false });
      log.info({ scheduleId: s.id, ownerId: s.ownerId }, 'schedule: no topics left; disabled');
      return false;
    }
    const exhausted = next === null || !hasTopicAt(s.input, pick.nextIndex);
    const patch: SchedulePatch = exhausted ? { nextRunAt: null, enabled: false, topicIndex: pick.nextIndex, lastRunAt: made } : { nextRunAt: next, topicIndex: pick.nextIndex, lastRunAt: made };

    let result: { jobIds: string[]; publicationId: string | null } | undefined;
    try {
      result = await opts.store.schedules.fire(s.id, slot, patch, { status: 'fired', topic: pick.topic, firedBy: id }, async (tx: TxStore) => {
        const job = await tx.jobs.create({ ownerId: s.ownerId, kind: 'create', input: createJobInput(s, pick.topic), options: scheduleJobOptions(s.input.options ?? {}), title: pick.topic.slice(0, 200) });
        if (!s.channelId) return { jobId: job.id, publicationId: null, result: { jobIds: [job.id], publicationId: null as string | null } };
        const release = releaseOf(s, made, at);
        const { publication, job: publishJob } = await createPublication(tx, {
          ownerId: s.ownerId,
          channelId: s.channelId,
          sourceJobId: job.id,
          privacy: release.privacy,
          ...(release.publishAt ? { publishAt: release.publishAt } : {}),
          ...(s.input.publish?.playlistId ? { playlistId: s.input.publish.playlistId } : {}),
          metadata: { title: pick.topic.slice(0, 100) },
          scheduleId: s.id,
        });
        return { jobId: job.id, publicationId: publication.id, result: { jobIds: [job.id, publishJob.id], publicationId: publication.id as string | null } };
      });
    } catch (error) {
      // The transaction rolled back. A refusal that would repeat at every tick (the channel is gone, a title YouTube
      // would reject) must not wedge the schedule: the slot is recorded skipped, with its topic, and the cursor moves.
      if (!(error instanceof VideogenError) || !PERMANENT.has(error.code)) throw error;
      const won = await opts.store.schedules.fire(s.id, slot, patch, { status: 'skipped', topic: pick.topic, firedBy: id }, async () => ({ jobId: null, publicationId: null, result: true }));
      if (won) log.warn({ scheduleId: s.id, ownerId: s.ownerId, slot: made.toISOString(), topic: pick.topic, code: error.code, reason: error.message }, 'schedule: slot skipped, what it makes was refused');
      return Boolean(won);
    }
    if (!result) return false; // another process won this slot
    // Committed: only now may workers hear of the jobs (they would not find uncommitted rows).
    for (const jobId of result.jobIds) {
      try {
        await opts.queue.enqueue(jobId);
      } catch (error) {
        // The rows are stored; a worker's periodic claim finds them even if this announcement is lost.
        log.warn({ scheduleId: s.id, jobId, err: error }, 'schedule: enqueue failed; the job waits for the next claim');
      }
    }
    log.info(
      { scheduleId: s.id, ownerId: s.ownerId, slot: made.toISOString(), topic: pick.topic, jobId: result.jobIds[0], publicationId: result.publicationId, next: patch.nextRunAt?.toISOString() ?? null, firedBy: id },
      exhausted ? 'schedule fired (its last slot)' : 'schedule fired',
    );
    return true;
  }

  async function pass(): Promise<number> {
    const at = now();
    let fired = 0;
    // Schedules that failed this pass are left for the next tick, so a broken one cannot spin the loop.
    const failed = new Set<string>();
    // A schedule with several due slots (a process a little behind) fires one per round, then is looked at again;
    // a slot lost to another process is committed there, so the next due() no longer returns it.
    for (let round = 0; round < 1000 && !stopped; round++) {
      const due = (await opts.store.schedules.due(at, DUE_BATCH + failed.size)).filter((s) => !failed.has(s.id));
      if (due.length === 0) break;
      for (const s of due) {
        if (stopped) break;
        try {
          if (await fireOne(s, at)) fired++;
        } catch (error) {
          failed.add(s.id);
          log.warn({ scheduleId: s.id, err: error }, 'schedule: firing failed; retried next tick');
        }
      }
    }
    try {
      await refreshStatistics(deps, { now: at });
    } catch (error) {
      log.warn({ err: error }, 'statistics refresh failed; retried next tick');
    }
    return fired;
  }

  function tick(): Promise<number> {
    // One pass at a time per process: a slow pass is not overtaken by the next tick.
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    start() {
      if (timer || stopped) return;
      timer = setInterval(() => void tick().catch((error: unknown) => log.warn({ err: error }, 'scheduler tick failed')), tickMs);
      timer.unref();
      void tick().catch((error: unknown) => log.warn({ err: error }, 'scheduler tick failed'));
    },
    tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
