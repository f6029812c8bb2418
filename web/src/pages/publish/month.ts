/** Local-time month arithmetic for the calendar (the API takes and gives instants; days are the viewer's). */

export interface Month {
  year: number;
  /** 0–11. */
  month: number;
}

export const thisMonth = (now = new Date()): Month => ({ year: now.getFullYear(), month: now.getMonth() });
export const addMonths = (m: Month, n: number): Month => {
  const d = new Date(m.year, m.month + n, 1);
  return { year: d.getFullYear(), month: d.getMonth() };
};
export const monthStart = (m: Month) => new Date(m.year, m.month, 1);
export const monthEnd = (m: Month) => new Date(m.year, m.month + 1, 1);

/** "2026-12-02": a day's key in local time. */
export const dayKey = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The days shown in a month grid: whole weeks from Monday, covering the month. */
export function gridDays(m: Month): Date[] {
  const first = monthStart(m);
  const lead = (first.getDay() + 6) % 7;
  const days: Date[] = [];
  const start = new Date(m.year, m.month, 1 - lead);
  const end = monthEnd(m);
  for (let d = start; d < end || days.length % 7 !== 0; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) days.push(d);
  return days;
}

/** Monday-first weekday names in the viewer's language. */
export function weekdayNames(style: 'short' | 'long'): string[] {
  const monday = new Date(2024, 0, 1);
  return Array.from({ length: 7 }, (_, i) => new Date(2024, 0, monday.getDate() + i).toLocaleDateString(undefined, { weekday: style }));
}
