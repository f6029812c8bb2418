import { describe, expect, it } from 'vitest';
import { VideogenError } from '../../src/errors.ts';
import { nextSlot, parseRule, slotsBetween } from '../../src/publish/schedule-rule.ts';

describe('parseRule', () => {
  const table: Array<[string, string | null, string]> = [
    ['every weekday at 09:00 Europe/Berlin', '0 9 * * 1-5', 'Europe/Berlin'],
    ['every day at 7:30pm', '30 19 * * *', 'UTC'],
    ['every day at 12am', '0 0 * * *', 'UTC'],
    ['every day at 12pm', '0 12 * * *', 'UTC'],
    ['every monday, wednesday and friday at 18:00 America/New_York', '0 18 * * 1,3,5', 'America/New_York'],
    ['every Monday and Thursday at 6:15 pm', '15 18 * * 1,4', 'UTC'],
    ['every tue at 7am', '0 7 * * 2', 'UTC'],
    ['every day at 09:00 and 18:00 Europe/Berlin', '0 9,18 * * *', 'Europe/Berlin'],
    ['every weekday at 9am, 1pm and 6pm', '0 9,13,18 * * 1-5', 'UTC'],
    ['every weekend at 10:00', '0 10 * * 0,6', 'UTC'],
    ['every 2 hours', '0 */2 * * *', 'UTC'],
    ['every hour', '0 * * * *', 'UTC'],
    ['every 30 minutes', '*/30 * * * *', 'UTC'],
    ['every 5 minutes', '*/5 * * * *', 'UTC'],
    ['daily', '0 0 * * *', 'UTC'],
    ['daily at 08:00 Asia/Tokyo', '0 8 * * *', 'Asia/Tokyo'],
    ['weekdays at 9', '0 9 * * 1-5', 'UTC'],
    ['hourly', '0 * * * *', 'UTC'],
    ['0 9 * * 1-5', '0 9 * * 1-5', 'UTC'],
    ['0 9 * * 1-5 Europe/Berlin', '0 9 * * 1-5', 'Europe/Berlin'],
    ['TZ=America/New_York 30 18 * * 1,3,5', '30 18 * * 1,3,5', 'America/New_York'],
    ['CRON_TZ=europe/berlin */15 * * * MON-FRI', '*/15 * * * MON-FRI', 'Europe/Berlin'],
    ['*/5 * * * *', '*/5 * * * *', 'UTC'],
    ['@daily', '0 0 * * *', 'UTC'],
  ];
  it.each(table)('%s', (text, cron, timezone) => {
    const parsed = parseRule(text);
    expect(parsed.cron).toBe(cron);
    expect(parsed.timezone).toBe(timezone);
    expect(parsed.rule).toBe(text);
    expect(parsed.description).toContain(timezone);
  });

  it('uses the default zone when the rule names none', () => {
    expect(parseRule('every day at 09:00', 'Europe/Paris').timezone).toBe('Europe/Paris');
    expect(parseRule('every day at 09:00 UTC', 'Europe/Paris').timezone).toBe('UTC');
  });

  it('reads one-off ISO times with an offset, or a wall clock time in a named zone', () => {
    const a = parseRule('2026-12-24T09:00+01:00');
    expect(a.cron).toBeNull();
    expect(a.at?.toISOString()).toBe('2026-12-24T08:00:00.000Z');
    expect(parseRule('2026-12-24T09:00:00Z').at?.toISOString()).toBe('2026-12-24T09:00:00.000Z');
    const b = parseRule('2026-07-01T09:00 Europe/Berlin');
    expect(b.at?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(b.timezone).toBe('Europe/Berlin');
  });

  const errors: Array<[string, RegExp]> = [
    ['* * * * *', /less than 5 minutes apart/],
    ['2099-02-30T09:00+01:00', /not a real date/],
    ['0-4 9 * * *', /less than 5 minutes apart/],
    ['', /empty/],
    ['every day at 09:00 Mars/Olympus', /unknown time zone/],
    ['TZ=Nowhere/Else 0 9 * * *', /unknown time zone/],
    ['every funday at 09:00', /not a day/],
    ['every monday', /say when/],
    ['every day at 25:00', /not a time of day/],
    ['every day at 13pm', /1–12/],
    ['every day at 09:00 and 18:30', /share their minutes/],
    ['every minute', /shortest interval is 5 minutes/],
    ['every 2 minutes', /shortest interval/],
    ['every 45 minutes', /divide the hour/],
    ['every 5 hours', /divide the day/],
    ['61 * * * *', /invalid cron/],
    ['0 9 * * * *', /5 fields/],
    ['2026-12-24T09:00', /needs a UTC offset/],
    ['2026-13-40T09:00Z', /not a real date/],
    ['whenever you like', /not a schedule rule/],
  ];
  it.each(errors)('rejects %j with USAGE and an example', (text, message) => {
    let caught: unknown;
    try {
      parseRule(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VideogenError);
    const error = caught as VideogenError;
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('e.g. "every weekday at 09:00 Europe/Berlin"');
  });
});

describe('slots', () => {
  it('weekday mornings in Berlin follow the local clock across the DST change', () => {
    const rule = parseRule('every weekday at 09:00 Europe/Berlin');
    // Friday 27 March 2026 (CET, +01:00), Monday 30 March (CEST, +02:00): 09:00 local both times.
    const slots = slotsBetween(rule, new Date('2026-03-26T12:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(slots.map((d) => d.toISOString())).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z']);
  });

  it('02:30 does not exist on the spring-forward day in Berlin: that day fires once, at the first valid time after it', () => {
    const rule = parseRule('every day at 02:30 Europe/Berlin');
    const slots = slotsBetween(rule, new Date('2026-03-27T12:00:00Z'), new Date('2026-03-31T00:00:00Z'));
    expect(slots.map((d) => d.toISOString())).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST: clocks jumped from 02:00 to 03:00
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('02:30 happens twice on the fall-back day: it fires once', () => {
    const rule = parseRule('every day at 02:30 Europe/Berlin');
    const slots = slotsBetween(rule, new Date('2026-10-24T12:00:00Z'), new Date('2026-10-26T12:00:00Z'));
    expect(slots.map((d) => d.toISOString())).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('intervals, limits and the exclusive bounds', () => {
    const rule = parseRule('every 30 minutes');
    const from = new Date('2026-01-01T00:00:00Z');
    const slots = slotsBetween(rule, from, new Date('2026-01-01T02:00:00Z'));
    expect(slots.map((d) => d.toISOString().slice(11, 16))).toEqual(['00:30', '01:00', '01:30']);
    expect(slotsBetween(rule, from, new Date('2026-01-02T00:00:00Z'), 4)).toHaveLength(4);
    expect(nextSlot(rule, from)?.toISOString()).toBe('2026-01-01T00:30:00.000Z');
  });

  it('a one-off has one slot, then none', () => {
    const rule = parseRule('2026-12-24T09:00+01:00');
    const at = new Date('2026-12-24T08:00:00Z');
    expect(nextSlot(rule, new Date('2026-12-01T00:00:00Z'))).toEqual(at);
    expect(nextSlot(rule, at)).toBeNull();
    expect(slotsBetween(rule, new Date('2026-12-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toEqual([at]);
    expect(slotsBetween(rule, new Date('2026-12-01T00:00:00Z'), at)).toEqual([]);
  });
});
