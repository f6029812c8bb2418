/**
 * Whether the calendar date and clock time written at the start of an ISO 8601 text exist: `new Date()` quietly
 * rolls `2027-02-30` over to March 2nd, so a typo would schedule a release on another day. Checks the fields as
 * written (month 1–12, the month's real length with leap years, 00–23:00–59:00–59); the zone is the caller's business.
 */
export function isRealDateTime(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/i.exec(text.trim());
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC, so no zone can shift it).
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return false;
  return m[6] === undefined || Number(m[6]) <= 59;
}
