/**
 * Times as the CLI shows them: the reader's own zone (or a given one) with its abbreviation. Intl refuses dateStyle
 * together with timeZoneName, so the fields are spelled out.
 */
const FIELDS: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };

export function formatWhen(at: Date | null | undefined, timeZone?: string): string {
  if (!at) return '–';
  return at.toLocaleString('en-GB', { ...FIELDS, ...(timeZone ? { timeZone } : {}) });
}
