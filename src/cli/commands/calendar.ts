import type { Command } from 'commander';
import { VideogenError } from '../../errors.ts';
import { isRealDateTime } from '../../util/real-date.ts';
import type { CalendarEntry } from '../../publish/calendar.ts';
import { USER_OPTION, withAccount, type AccountFlags } from '../account.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const DAY_MS = 86_400_000;

interface CalendarFlags extends AccountFlags {
  from?: string;
  to?: string;
  days: string;
  json?: boolean;
}

/** A date (`2026-12-24`, read as local midnight) or a full ISO time. */
function timeOf(value: string, flag: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(at.getTime()) || !isRealDateTime(value)) throw new VideogenError('USAGE', `${flag} "${value}" is not a date; use 2026-12-24 or an ISO time`);
  return at;
}

export function calendarRange(flags: Pick<CalendarFlags, 'from' | 'to' | 'days'>, now = new Date()): { from: Date; to: Date } {
  const days = Number(flags.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new VideogenError('USAGE', '--days must be a whole number from 1 to 366');
  // From the start of today (local), so this morning's releases are on the agenda too.
  const from = flags.from ? timeOf(flags.from, '--from') : new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = flags.to ? timeOf(flags.to, '--to') : new Date(from.getTime() + days * DAY_MS);
  if (to <= from) throw new VideogenError('USAGE', '--to must be after --from');
  return { from, to };
}

const dayKey = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const dayTitle = (d: Date) => d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const clock = (d: Date) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** The agenda grouped by local day: time, what happens (make / publish), its state, title, channel. */
export function formatAgenda(entries: CalendarEntry[], channelName: (id: string | null) => string | null): string[] {
  const lines: string[] = [];
  let day = '';
  for (const e of entries) {
    const at = new Date(e.at);
    if (dayKey(at) !== day) {
      day = dayKey(at);
      if (lines.length) lines.push('');
      lines.push(dayTitle(at));
    }
    const channel = channelName(e.channelId);
    const where = e.type === 'publish' && e.videoUrl ? `  ${e.videoUrl}` : channel ? `  → ${channel}` : '';
    lines.push(`  ${clock(at)}  ${e.type.padEnd(7)} ${e.state.padEnd(9)} ${e.title}${where}`);
  }
  return lines;
}

export function registerCalendar(program: Command): void {
  program
    .command('calendar')
    .description('What will be made and published when: schedule slots and publications, grouped by day (local time).')
    .option('--from <date>', 'start (default: today)')
    .option('--to <date>', 'end (default: --days after the start)')
    .option('--days <n>', 'how many days', '14')
    .option('--json', 'print the entries as JSON')
    .option(...USER_OPTION)
    .action(async (flags: CalendarFlags) => {
      const { from, to } = calendarRange(flags);
      const { calendarFor } = await import('../../publish/calendar.ts');
      await withAccount(flags, async ({ store, user }) => {
        const [page, channels] = await Promise.all([calendarFor(store, user.id, from, to), store.channels.list(user.id)]);
        const { entries } = page;
        if (flags.json) return out(JSON.stringify({ from: from.toISOString(), to: to.toISOString(), entries, truncated: page.truncated, next: page.next?.toISOString() ?? null }, null, 2));
        out(`${dayTitle(from)} – ${dayTitle(new Date(to.getTime() - 1))}`);
        if (!entries.length) return out('nothing planned: `videogen schedule add` plans videos, `videogen publish --publish-at` schedules a release');
        out();
        for (const line of formatAgenda(entries, (id) => (id ? (channels.find((c) => c.id === id)?.name ?? null) : null))) out(line);
        if (page.next) out(`\n… and more from ${page.next.toISOString()} on: \`videogen calendar --from ${page.next.toISOString()}\``);
      }, 'read');
    });
}
