import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type VideogenConfig } from '../../src/config.ts';
import { isJobDeferral, type JobDeferral } from '../../src/queue/deferral.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { costOf, DEFAULT_COSTS, nextPacificMidnight, pacificDay, quotaLedger } from '../../src/publish/quota.ts';

const HOUR = 3_600_000;

function configWith(env: Record<string, string>): VideogenConfig {
  return loadConfig({ home: '/tmp/videogen-quota-test' }, { ...env });
}

async function deferralOf(promise: Promise<unknown>): Promise<JobDeferral> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isJobDeferral(error)) throw new Error(`expected a JobDeferral, got ${String(error)}`);
  return error;
}

describe('Pacific days', () => {
  it('names the day in America/Los_Angeles, PST and PDT', () => {
    expect(pacificDay(new Date('2026-12-02T07:59:59Z'))).toBe('2026-12-01');
    expect(pacificDay(new Date('2026-12-02T08:00:00Z'))).toBe('2026-12-02');
    expect(pacificDay(new Date('2026-07-02T06:59:59Z'))).toBe('2026-07-01');
    expect(pacificDay(new Date('2026-07-02T07:00:00Z'))).toBe('2026-07-02');
  });

  it('the next midnight is a calendar step: across a month and a year end', () => {
    expect(nextPacificMidnight(new Date('2026-12-31T20:00:00Z')).toISOString()).toBe('2027-01-01T08:00:00.000Z');
    expect(nextPacificMidnight(new Date('2026-06-30T12:00:00Z')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(nextPacificMidnight(new Date('2026-12-02T08:00:00Z')).toISOString()).toBe('2026-12-03T08:00:00.000Z');
  });

  it('spring forward (8 March 2026) is a 23-hour day, fall back (1 November 2026) a 25-hour day', () => {
    const springStart = nextPacificMidnight(new Date('2026-03-07T12:00:00Z'));
    expect(springStart.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    const springEnd = nextPacificMidnight(springStart);
    expect(springEnd.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(springEnd.getTime() - springStart.getTime()).toBe(23 * HOUR);
    // An instant after the change, still on the short day.
    expect(nextPacificMidnight(new Date('2026-03-08T20:00:00Z')).toISOString()).toBe('2026-03-09T07:00:00.000Z');

    const fallStart = nextPacificMidnight(new Date('2026-10-31T12:00:00Z'));
    expect(fallStart.toISOString()).toBe('2026-11-01T07:00:00.000Z');
    const fallEnd = nextPacificMidnight(fallStart);
    expect(fallEnd.toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(fallEnd.getTime() - fallStart.getTime()).toBe(25 * HOUR);
    // 01:30 happens twice on 1 November; both are the same day.
    expect(pacificDay(new Date('2026-11-01T08:30:00Z'))).toBe('2026-11-01');
    expect(pacificDay(new Date('2026-11-01T09:30:00Z'))).toBe('2026-11-01');
    expect(nextPacificMidnight(new Date('2026-11-01T09:30:00Z')).toISOString()).toBe('2026-11-02T08:00:00.000Z');
  });
});

describe('costs', () => {
  it('defaults from the documented table, overridden by YOUTUBE_QUOTA_COSTS', () => {
    const plain = configWith({});
    expect(costOf(plain, 'videos.insert')).toBe(1600);
    expect(costOf(plain, 'captions.insert')).toBe(DEFAULT_COSTS['captions.insert']);
    const custom = configWith({ YOUTUBE_QUOTA_COSTS: 'videos.insert=100,captions.insert=7' });
    expect(costOf(custom, 'videos.insert')).toBe(100);
    expect(costOf(custom, 'captions.insert')).toBe(7);
    expect(costOf(custom, 'thumbnails.set')).toBe(50);
  });
});

describe('the ledger', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ inMemory: true });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('counts each call per project and day, and defers until the next Pacific midnight when the day is spent', async () => {
    const config = configWith({ YOUTUBE_QUOTA_DAILY: '2000' });
    const at = new Date('2026-12-02T18:00:00Z');
    const ledger = quotaLedger(store, config, 'project-a', () => at);
    await ledger.spend('videos.insert');
    await ledger.spend('captions.insert');
    expect(await ledger.status()).toMatchObject({ project: 'project-a', day: '2026-12-02', used: 2000, limit: 2000, remaining: 0, calls: { 'videos.insert': 1600, 'captions.insert': 400 } });
    const deferral = await deferralOf(ledger.spend('thumbnails.set'));
    expect(deferral.until.toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(deferral.reason).toContain('YouTube quota for 2026-12-02 is spent (2000/2000 units');
    expect(deferral.details).toMatchObject({ waitingFor: 'quota', project: 'project-a', day: '2026-12-02' });
    // The refused call was not counted; another project and the next day are untouched.
    expect((await ledger.status()).used).toBe(2000);
    await quotaLedger(store, config, 'project-b', () => at).spend('thumbnails.set');
    const tomorrow = quotaLedger(store, config, 'project-a', () => new Date('2026-12-03T08:00:00Z'));
    await tomorrow.spend('thumbnails.set');
    expect(await tomorrow.status()).toMatchObject({ day: '2026-12-03', used: 50, remaining: 1950 });
  });

  it('a call no day could pay for (cost over the daily limit) is a configuration error, not an endless wait', async () => {
    const ledger = quotaLedger(store, configWith({ YOUTUBE_QUOTA_DAILY: '1000' }), 'project-small', () => new Date('2026-12-02T18:00:00Z'));
    await expect(ledger.spend('videos.insert')).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('YOUTUBE_QUOTA_DAILY is 1000') });
    await ledger.spend('captions.insert');
  });

  it('concurrent callers never take more than the day holds', async () => {
    const config = configWith({ YOUTUBE_QUOTA_DAILY: '10000' });
    const ledger = quotaLedger(store, config, 'project-c', () => new Date('2026-12-02T18:00:00Z'));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => ledger.spend('videos.insert')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(6);
    expect(outcomes.filter((o) => o.status === 'rejected' && isJobDeferral(o.reason))).toHaveLength(4);
    expect((await ledger.status()).used).toBe(9600);
  });

  it('a quotaExceeded answer charges the rest of the day, so other jobs of the project wait too', async () => {
    const config = configWith({ YOUTUBE_QUOTA_DAILY: '10000' });
    const at = new Date('2026-07-10T12:00:00Z');
    const ledger = quotaLedger(store, config, 'project-d', () => at);
    await ledger.spend('channels.list');
    const deferral = await deferralOf(ledger.exhausted());
    expect(deferral.until.toISOString()).toBe('2026-07-11T07:00:00.000Z');
    const status = await ledger.status();
    expect(status).toMatchObject({ used: 10000, remaining: 0, calls: { 'channels.list': 1, quotaExceeded: 9999 } });
    expect(isJobDeferral(await ledger.spend('videos.list').catch((e: unknown) => e))).toBe(true);
    // Said twice: nothing more is charged.
    await deferralOf(ledger.exhausted());
    expect((await ledger.status()).used).toBe(10000);
  });

  it('two workers told at once fill the day once', async () => {
    const config = configWith({ YOUTUBE_QUOTA_DAILY: '10000' });
    const ledger = quotaLedger(store, config, 'project-e', () => new Date('2026-07-10T12:00:00Z'));
    await ledger.spend('videos.insert');
    const outcomes = await Promise.allSettled([ledger.exhausted(), ledger.exhausted(), ledger.exhausted()]);
    expect(outcomes.every((o) => o.status === 'rejected' && isJobDeferral(o.reason))).toBe(true);
    expect(await ledger.status()).toMatchObject({ used: 10000, calls: { 'videos.insert': 1600, quotaExceeded: 8400 } });
  });

  it('on the 23-hour day of spring forward the wait ends at the next midnight Pacific (07:00 UTC, PDT)', async () => {
    const config = configWith({ YOUTUBE_QUOTA_DAILY: '1600' });
    const ledger = quotaLedger(store, config, 'project-f', () => new Date('2026-03-08T10:00:00Z'));
    await ledger.spend('videos.insert');
    const deferral = await deferralOf(ledger.spend('videos.list'));
    expect(deferral.until.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect((await ledger.status()).resetsAt.toISOString()).toBe('2026-03-09T07:00:00.000Z');
  });
});
