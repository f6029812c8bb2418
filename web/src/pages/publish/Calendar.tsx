import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../../api/client.ts';
import { Banner, Empty, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Page } from '../../ui/Page.tsx';
import { formatDate } from '../../ui/format.ts';
import { CapabilityGate } from './CapabilityGate.tsx';
import { addMonths, dayKey, gridDays, monthEnd, monthStart, thisMonth, weekdayNames, type Month } from './month.ts';
import type { CalendarEntry, CalendarPage as CalendarAnswer } from './types.ts';
import './publish.css';

const STATE_TEXT: Record<string, string> = {
  planned: 'planned',
  fired: 'made',
  skipped: 'skipped',
  pending: 'queued',
  waiting: 'waiting',
  uploading: 'uploading',
  finishing: 'finishing',
  succeeded: 'published',
  failed: 'failed',
  cancelled: 'cancelled',
};

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const kindText = (e: CalendarEntry) => (e.type === 'make' ? 'Make' : 'Release');

function Entry({ entry }: { entry: CalendarEntry }) {
  const state = STATE_TEXT[entry.state] ?? entry.state;
  return (
    <li className={`publish-entry publish-entry-${entry.type} publish-entry-${entry.state}`}>
      <time dateTime={entry.at}>{time(entry.at)}</time> <span className="publish-entry-kind">{kindText(entry)}</span>{' '}
      {entry.videoUrl ? (
        <a href={entry.videoUrl} target="_blank" rel="noreferrer">
          {entry.title}
        </a>
      ) : (
        <span>{entry.title}</span>
      )}{' '}
      <span className="publish-entry-state">({state})</span>
    </li>
  );
}

/** The month as a week grid (wide screens). */
function MonthGrid({ month, byDay }: { month: Month; byDay: Map<string, CalendarEntry[]> }) {
  const names = weekdayNames('short');
  const today = dayKey(new Date());
  return (
    <div className="publish-month" role="table" aria-label={`Month of ${monthStart(month).toLocaleDateString(undefined, { month: "long", year: "numeric" })}`}>
      <div role="row" className="publish-week">
        {names.map((n) => (
          <div key={n} role="columnheader" className="publish-weekday">
            {n}
          </div>
        ))}
      </div>
      {Array.from({ length: gridDays(month).length / 7 }, (_, week) => (
        <div role="row" className="publish-week" key={week}>
          {gridDays(month)
            .slice(week * 7, week * 7 + 7)
            .map((d) => {
              const key = dayKey(d);
              const entries = byDay.get(key) ?? [];
              const outside = d.getMonth() !== month.month;
              return (
                <div role="cell" key={key} className={`publish-day${outside ? ' publish-day-outside' : ''}${key === today ? ' publish-day-today' : ''}`}>
                  <span className="publish-day-number" aria-hidden="true">
                    {d.getDate()}
                  </span>
                  <span className="visually-hidden">{d.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' })}</span>
                  {entries.length ? (
                    <ul className="publish-entries">
                      {entries.map((e, i) => (
                        <Entry key={`${e.at}-${e.type}-${i}`} entry={e} />
                      ))}
                    </ul>
                  ) : null}
                </div>
              );
            })}
        </div>
      ))}
    </div>
  );
}

/** The same entries as a list of days (phones, and readers who prefer it). */
function Agenda({ byDay }: { byDay: Map<string, CalendarEntry[]> }) {
  return (
    <ol className="publish-agenda" aria-label="Agenda">
      {[...byDay.entries()].map(([key, entries]) => (
        <li key={key} className="card">
          <h3>{new Date(entries[0]!.at).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' })}</h3>
          <ul className="publish-entries">
            {entries.map((e, i) => (
              <Entry key={`${e.at}-${e.type}-${i}`} entry={e} />
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function CalendarView() {
  const [month, setMonth] = useState(thisMonth);
  const [view, setView] = useState<'month' | 'agenda'>('month');
  const from = monthStart(month).toISOString();
  const to = monthEnd(month).toISOString();
  const calendar = useQuery({
    queryKey: ['calendar', from, to],
    queryFn: ({ signal }) => get<CalendarAnswer>(`/api/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, signal),
  });
  const byDay = new Map<string, CalendarEntry[]>();
  for (const e of calendar.data?.entries ?? []) {
    const key = dayKey(new Date(e.at));
    byDay.set(key, [...(byDay.get(key) ?? []), e]);
  }
  const label = monthStart(month).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
  return (
    <div className="stack">
      <div className="row publish-spread">
        <div className="row">
          <button type="button" className="btn btn-small" onClick={() => setMonth(addMonths(month, -1))}>
            <span aria-hidden="true">‹ </span>Previous month
          </button>
          <h2 className="publish-month-label" aria-live="polite">
            {label}
          </h2>
          <button type="button" className="btn btn-small" onClick={() => setMonth(addMonths(month, 1))}>
            Next month<span aria-hidden="true"> ›</span>
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMonth(thisMonth())}>
            Today
          </button>
        </div>
        <div
          className="tabs publish-view-tabs"
          role="tablist"
          aria-label="View"
          onKeyDown={(event) => {
            // Arrow keys move between the two tabs, as in any tab list.
            if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
            const next = view === 'month' ? 'agenda' : 'month';
            setView(next);
            document.getElementById(`calendar-tab-${next}`)?.focus();
          }}
        >
          {(['month', 'agenda'] as const).map((v) => (
            <button key={v} id={`calendar-tab-${v}`} type="button" role="tab" aria-selected={view === v} aria-controls={calendar.data?.entries.length ? 'calendar-panel' : undefined} tabIndex={view === v ? 0 : -1} onClick={() => setView(v)}>
              {v === 'month' ? 'Month' : 'Agenda'}
            </button>
          ))}
        </div>
      </div>
      <ErrorBanner error={calendar.error} />
      {calendar.isPending ? <Spinner /> : null}
      {calendar.data?.truncated ? (
        <Banner tone="warn">
          This month has more entries than one answer holds: only those before {calendar.data.next ? formatDate(calendar.data.next) : 'the end'} are shown.
        </Banner>
      ) : null}
      {calendar.data && calendar.data.entries.length === 0 ? <Empty>Nothing planned or published in {label}.</Empty> : null}
      {calendar.data && calendar.data.entries.length > 0 ? (
        <div id="calendar-panel" role="tabpanel" aria-labelledby={`calendar-tab-${view}`} className={`publish-calendar publish-calendar-${view}`}>
          <MonthGrid month={month} byDay={byDay} />
          <Agenda byDay={byDay} />
        </div>
      ) : null}
    </div>
  );
}

export function CalendarPage() {
  return (
    <Page title="Calendar" description="What your schedules will make and when videos go live.">
      <CapabilityGate need="schedules" what="The content calendar">
        <CalendarView />
      </CapabilityGate>
    </Page>
  );
}
