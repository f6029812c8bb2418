import { Cron } from 'croner';
import { VideogenError } from '../errors.ts';
import { isRealDateTime } from '../util/real-date.ts';

/**
 * Schedule rules as people write them — `every weekday at 09:00 Europe/Berlin`, `every monday and
 * thursday at 18:30`, `every day at 7am America/New_York`, `every 2 hours` — or as cron (`0 9 * * 1-5`, with an
 * optional `TZ=` / trailing time zone), or a one-off ISO time. Parsed to a cron expression and an IANA zone;
 * slots computed with croner.
 */
export interface ParsedRule {
  /** As typed, trimmed. */
  rule: string;
  /** Five-field cron, or null for a one-off. */
  cron: string | null;
  timezone: string;
  /** For a one-off: its instant. */
  at?: Date;
  /** Human description (`weekdays at 09:00 (Europe/Berlin)`). */
  description: string;
}

/** The shortest interval a phrase may ask for: a Short every minute would burn a channel's quota in an hour. */
export const MIN_INTERVAL_MINUTES = 5;

const EXAMPLES = [
  'every weekday at 09:00 Europe/Berlin',
  'every day at 7:30pm',
  'every monday, wednesday and friday at 18:00 America/New_York',
  'every weekend at 10:00',
  'every 2 hours',
  'every 30 minutes',
  'daily at 08:00',
  '0 9 * * 1-5 Europe/Berlin',
  'TZ=America/New_York 30 18 * * 1,3,5',
  '2026-12-24T09:00+01:00',
];

function usage(message: string, rule: string): VideogenError {
  return new VideogenError('USAGE', `${message} — e.g. "${EXAMPLES[0]}", "every 2 hours", "0 9 * * 1-5 Europe/Berlin" or "2026-12-24T09:00+01:00"`, {
    rule,
    examples: EXAMPLES,
  });
}

/** The canonical IANA name (Intl knows them), or undefined when `name` is no zone. */
export function canonicalZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function zoneOrThrow(name: string, rule: string): string {
  const zone = canonicalZone(name);
  if (!zone) throw usage(`unknown time zone "${name}" (an IANA name such as Europe/Berlin, America/New_York or UTC)`, rule);
  return zone;
}

const DAY_NUMBERS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_ALIASES: Record<string, string> = { tues: 'tue', wednes: 'wed', thur: 'thu', thurs: 'thu' };

/** `monday`, `mondays`, `mon`, `tues` … → 0–6. */
function dayNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/s$/, '');
  for (const [i, name] of DAY_NAMES.entries()) if (w === name || w === name.replace(/s$/, '')) return i;
  const short = DAY_ALIASES[w] ?? w;
  return DAY_NUMBERS[short];
}

interface Days {
  cron: string;
  text: string;
}

/** What comes after `every` and before `at`: `day`, `weekday`, `weekend`, or a list of day names. */
function parseDays(words: string, rule: string): Days {
  const w = words.trim().toLowerCase();
  if (w === 'day' || w === 'days' || w === 'daily') return { cron: '*', text: 'every day' };
  if (w === 'weekday' || w === 'weekdays') return { cron: '1-5', text: 'weekdays' };
  if (w === 'weekend' || w === 'weekends' || w === 'weekend day' || w === 'weekend days') return { cron: '0,6', text: 'weekends' };
  const parts = w.split(/\s*,\s*|\s+and\s+|\s+/).filter((p) => p !== '' && p !== 'and');
  if (parts.length === 0) throw usage('no days given', rule);
  const days = new Set<number>();
  for (const part of parts) {
    const n = dayNumber(part);
    if (n === undefined) throw usage(`"${part}" is not a day (monday … sunday, weekday, weekend, day)`, rule);
    days.add(n);
  }
  const sorted = [...days].sort((a, b) => a - b);
  return { cron: sorted.join(','), text: sorted.map((d) => DAY_NAMES[d]).join(', ') };
}

interface TimeOfDay {
  hour: number;
  minute: number;
}

/** `09:00`, `9`, `7:30pm`, `7am`, `noon`, `midnight`. */
function parseTime(text: string, rule: string): TimeOfDay {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'noon') return { hour: 12, minute: 0 };
  if (t === 'midnight') return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?(am|pm)?$/.exec(t);
  if (!m) throw usage(`"${text}" is not a time of day (09:00, 7:30pm, 7am)`, rule);
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3];
  if (half) {
    if (hour < 1 || hour > 12) throw usage(`"${text}": with am/pm the hour is 1–12`, rule);
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (m[2] === undefined) {
    // A bare number (`at 9`) is accepted only as an hour; `at 930` is more likely a typo than 09:30.
    if (m[1]!.length > 2) throw usage(`"${text}" is not a time of day`, rule);
  }
  if (hour > 23 || minute > 59) throw usage(`"${text}" is not a time of day (hours 0–23, minutes 0–59)`, rule);
  return { hour, minute };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `09:00`, or several times with the same minutes (`09:00 and 18:00`, `9am, 1pm and 6pm`): one cron hour list. */
function parseTimes(text: string, rule: string): { minute: number; hours: string; text: string } {
  const times = text.split(/\s*,\s*|\s+and\s+/).filter(Boolean).map((t) => parseTime(t, rule));
  const minute = times[0]!.minute;
  // One cron line has one minute field: 09:00 and 18:30 are two schedules.
  if (times.some((t) => t.minute !== minute)) throw usage(`"${text}": several times in one rule must share their minutes (09:00 and 18:00); make two schedules for ${times.map((t) => `${pad(t.hour)}:${pad(t.minute)}`).join(' and ')}`, rule);
  const hours = [...new Set(times.map((t) => t.hour))].sort((a, b) => a - b);
  return { minute, hours: hours.join(','), text: hours.map((h) => `${pad(h)}:${pad(minute)}`).join(', ') };
}

/** `every N minutes|hours` → a cron that really means every N (N must divide the hour or the day evenly). */
function intervalCron(amount: number, unit: string, rule: string): { cron: string; text: string } {
  const minutes = unit.startsWith('h') ? amount * 60 : amount;
  if (!Number.isInteger(amount) || amount < 1) throw usage(`"${amount}" is not a whole number of ${unit}`, rule);
  if (minutes < MIN_INTERVAL_MINUTES) throw usage(`the shortest interval is ${MIN_INTERVAL_MINUTES} minutes`, rule);
  if (minutes < 60) {
    // Cron steps restart every hour: */45 means :00 and :45, not every 45 minutes.
    if (60 % minutes !== 0) throw usage(`every ${minutes} minutes does not divide the hour evenly (use 5, 10, 15, 20, 30 …)`, rule);
    return { cron: `*/${minutes} * * * *`, text: `every ${minutes} minutes` };
  }
  if (minutes % 60 !== 0) throw usage(`${minutes} minutes is not a whole number of hours`, rule);
  const hours = minutes / 60;
  if (hours === 24) return { cron: '0 0 * * *', text: 'every day at 00:00' };
  if (24 % hours !== 0) throw usage(`every ${hours} hours does not divide the day evenly (use 1, 2, 3, 4, 6, 8, 12)`, rule);
  return hours === 1 ? { cron: '0 * * * *', text: 'every hour' } : { cron: `0 */${hours} * * *`, text: `every ${hours} hours` };
}

function validateCron(cron: string, timezone: string, rule: string): void {
  let job: Cron;
  try {
    job = new Cron(cron, { timezone, paused: true, mode: '5-part' });
  } catch (error) {
    throw usage(`invalid cron "${cron}": ${(error as Error).message.replace(/^CronPattern:\s*/, '')}`, rule);
  }
  // The same floor as the phrases: a video every minute is a runaway, not a content plan. Checked over a day of slots
  // so `0-4 9 * * *` (five slots a minute apart) is caught as well as `* * * * *`.
  const slots = job.nextRuns(300, new Date('2030-01-07T00:00:00Z'));
  for (let i = 1; i < slots.length; i++) {
    if (slots[i]!.getTime() - slots[i - 1]!.getTime() < MIN_INTERVAL_MINUTES * 60_000) throw usage(`"${cron}" makes videos less than ${MIN_INTERVAL_MINUTES} minutes apart; the shortest interval is ${MIN_INTERVAL_MINUTES} minutes`, rule);
  }
}

/** The rule without its trailing IANA zone (`… Europe/Berlin`, `… UTC`), and that zone. */
function splitTrailingZone(text: string, rule: string): { body: string; zone?: string } {
  const m = /^(.*\S)\s+([A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*)$/.exec(text);
  if (!m) return { body: text };
  const candidate = m[2]!;
  // A word that can't be a zone stays part of the rule (`every weekday`, `at 7pm`); one with a slash must be a zone.
  const zone = canonicalZone(candidate);
  if (zone && (candidate.includes('/') || /^(utc|gmt|etc\/.*)$/i.test(candidate))) return { body: m[1]!, zone };
  if (candidate.includes('/')) throw usage(`unknown time zone "${candidate}"`, rule);
  return { body: text };
}

const ISO_ONE_OFF = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

function parseOneOff(body: string, zone: string | undefined, rule: string, defaultTimezone: string): ParsedRule | undefined {
  const m = ISO_ONE_OFF.exec(body);
  if (!m) return undefined;
  const [, date, time, offset] = m;
  if (!isRealDateTime(`${date}T${time}`)) throw usage(`"${body}" is not a real date and time (check the day of the month)`, rule);
  let at: Date;
  let timezone: string;
  if (offset) {
    at = new Date(`${date}T${time}${offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset.toUpperCase()}`);
    timezone = zone ?? (offset.toUpperCase() === 'Z' ? 'UTC' : defaultTimezone);
  } else {
    // A wall-clock time needs a zone to be an instant; croner resolves it there (DST included).
    if (!zone) throw usage(`"${body}" needs a UTC offset (2026-12-24T09:00+01:00) or a time zone after it`, rule);
    timezone = zone;
    const once = new Cron(`${date}T${time!.length === 5 ? `${time}:00` : time}`, { timezone, paused: true });
    const next = once.nextRun(new Date(0));
    if (!next) throw usage(`"${body}" is not a valid time`, rule);
    at = next;
  }
  if (Number.isNaN(at.getTime())) throw usage(`"${body}" is not a valid time`, rule);
  return { rule, cron: null, timezone, at, description: `once at ${at.toISOString()} (${timezone})` };
}

/** USAGE naming what is wrong and an example of what works. */
export function parseRule(text: string, defaultTimezone = 'UTC'): ParsedRule {
  const rule = text.trim().replace(/\s+/g, ' ');
  if (rule === '') throw usage('empty schedule rule', rule);
  const fallbackZone = zoneOrThrow(defaultTimezone, rule);

  // `TZ=Europe/Berlin 0 9 * * 1-5` (CRON_TZ= too): the prefix form cron users know.
  let rest = rule;
  let zone: string | undefined;
  const prefix = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/i.exec(rest);
  if (prefix) {
    zone = zoneOrThrow(prefix[1]!, rule);
    rest = prefix[2]!;
  }
  const trailing = splitTrailingZone(rest, rule);
  if (trailing.zone) {
    if (zone && zone !== trailing.zone) throw usage(`two time zones given (${zone} and ${trailing.zone})`, rule);
    zone = trailing.zone;
    rest = trailing.body;
  }

  const oneOff = parseOneOff(rest, zone, rule, fallbackZone);
  if (oneOff) return oneOff;

  const timezone = zone ?? fallbackZone;
  const done = (cron: string, text: string): ParsedRule => {
    validateCron(cron, timezone, rule);
    return { rule, cron, timezone, description: `${text} (${timezone})` };
  };

  // Raw cron: five fields of digits, *, /, -, , or names (MON, JAN). `@daily` and friends too.
  const nickname = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/i.exec(rest);
  if (nickname) {
    const map: Record<string, string> = { yearly: '0 0 1 1 *', annually: '0 0 1 1 *', monthly: '0 0 1 * *', weekly: '0 0 * * 0', daily: '0 0 * * *', midnight: '0 0 * * *', hourly: '0 * * * *' };
    const cron = map[nickname[1]!.toLowerCase()]!;
    return done(cron, `cron ${cron}`);
  }
  const fields = rest.split(' ');
  if (fields.length >= 5 && fields.slice(0, 5).every((f) => /^[\d*/,\-?LW#A-Za-z]+$/.test(f)) && /[\d*]/.test(fields[0]!)) {
    if (fields.length !== 5) throw usage(`cron takes 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`, rule);
    return done(rest, `cron ${rest}`);
  }

  const lower = rest.toLowerCase();
  // Shorthands: `daily`, `weekdays`, `weekends`, `hourly`, each with an optional `at <time>`.
  const short = /^(daily|weekdays|weekends|hourly)(?: at (.+))?$/.exec(lower);
  if (short) {
    if (short[1] === 'hourly') {
      if (short[2]) throw usage('"hourly" takes no time (use "every 2 hours" or cron "15 * * * *")', rule);
      return done('0 * * * *', 'every hour');
    }
    const days = parseDays(short[1] === 'daily' ? 'day' : short[1]!, rule);
    const t = parseTimes(short[2] ?? '00:00', rule);
    return done(`${t.minute} ${t.hours} * * ${days.cron}`, `${days.text} at ${t.text}`);
  }

  const interval = /^every (?:(\d+) )?(minutes?|mins?|hours?|hrs?)$/.exec(lower);
  if (interval) {
    const amount = interval[1] === undefined ? 1 : Number(interval[1]);
    const unit = interval[2]!.startsWith('h') ? 'hours' : 'minutes';
    const { cron, text } = intervalCron(amount, unit, rule);
    return done(cron, text);
  }

  const every = /^every (.+?)(?: at (.+))?$/.exec(lower);
  if (every) {
    const days = parseDays(every[1]!.replace(/^on /, ''), rule);
    if (!every[2]) throw usage(`say when on ${days.text}: "every ${every[1]} at 09:00"`, rule);
    const t = parseTimes(every[2], rule);
    return done(`${t.minute} ${t.hours} * * ${days.cron}`, `${days.text} at ${t.text}`);
  }

  throw usage(`"${rule}" is not a schedule rule`, rule);
}

type RuleSlots = Pick<ParsedRule, 'cron' | 'timezone' | 'at'>;

function cronOf(rule: RuleSlots): Cron {
  // legacy OR semantics of day-of-month and day-of-week, as Vixie cron: `0 9 1 * 1` is the 1st and every Monday.
  return new Cron(rule.cron!, { timezone: rule.timezone, paused: true, mode: '5-part' });
}

/** Slots strictly after `after` and strictly before `until`, oldest first, at most `limit`. */
export function slotsBetween(rule: RuleSlots, after: Date, until: Date, limit = 1000): Date[] {
  if (rule.cron === null) {
    const at = rule.at;
    return at && at > after && at < until && limit > 0 ? [at] : [];
  }
  const cron = cronOf(rule);
  const out: Date[] = [];
  let cursor = after;
  while (out.length < limit) {
    const next = cron.nextRun(cursor);
    if (!next || next >= until) break;
    out.push(next);
    cursor = next;
  }
  return out;
}

/** The first slot strictly after `after`; null when there is none (a one-off in the past). */
export function nextSlot(rule: RuleSlots, after: Date): Date | null {
  if (rule.cron === null) return rule.at && rule.at > after ? rule.at : null;
  return cronOf(rule).nextRun(after);
}
