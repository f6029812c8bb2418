/**
 * OWNER: helper h3. Schedule rules as people write them — `every weekday at 09:00 Europe/Berlin`, `every monday and
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

/** USAGE naming what is wrong and an example of what works. */
export function parseRule(text: string, defaultTimezone = 'UTC'): ParsedRule {
  void text;
  void defaultTimezone;
  throw new Error('not implemented (h3)');
}

/** Slots strictly after `after`, at most `limit`, up to `until`. */
export function slotsBetween(rule: Pick<ParsedRule, 'cron' | 'timezone' | 'at'>, after: Date, until: Date, limit = 1000): Date[] {
  void rule;
  void after;
  void until;
  void limit;
  throw new Error('not implemented (h3)');
}

export function nextSlot(rule: Pick<ParsedRule, 'cron' | 'timezone' | 'at'>, after: Date): Date | null {
  void rule;
  void after;
  throw new Error('not implemented (h3)');
}
