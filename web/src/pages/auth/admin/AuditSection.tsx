import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get } from '../../../api/client.ts';
import { Empty, ErrorBanner, Spinner } from '../../../ui/Banner.tsx';
import { Field } from '../../../ui/Field.tsx';
import { formatDate } from '../../../ui/format.ts';
import type { AuditEntry } from '../types.ts';
import { usersQuery } from './UsersSection.tsx';

interface Filters {
  user: string;
  action: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { user: '', action: '', from: '', to: '' };
const PAGE_SIZE = 50;

/** datetime-local gives a local time without a zone; the API wants ISO 8601 with one. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

function auditPath(filters: Filters, before: number | undefined): string {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.user) query.set('user', filters.user);
  if (filters.action.trim()) query.set('action', filters.action.trim());
  if (filters.from) query.set('from', toIso(filters.from));
  if (filters.to) query.set('to', toIso(filters.to));
  if (before !== undefined) query.set('before', String(before));
  return `/api/audit?${query}`;
}

/** "key: value" pairs, short enough for a table cell; the full JSON is in the title. */
function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

/** The audit log (GET /api/audit): newest first, filtered by user, action (or prefix) and time, paged by cursor. */
export function AuditSection() {
  const users = useQuery(usersQuery);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The cursors of the pages before this one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const audit = useQuery({
    queryKey: ['audit', filters, before],
    queryFn: ({ signal }) => get<{ entries: AuditEntry[]; nextBefore: number | null }>(auditPath(filters, before), signal),
    placeholderData: keepPreviousData,
  });

  const emailOf = new Map(users.data?.users.map((u) => [u.id, u.email]));
  const who = (id: string | null) => (id === null ? <span className="muted">—</span> : (emailOf.get(id) ?? <code className="small">{id.slice(0, 8)}</code>));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setCursors([undefined]);
  };

  return (
    <section className="card section-card audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <form className="filters" onSubmit={apply} aria-label="Audit log filters">
        <Field label="User">
          <select value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })}>
            <option value="">Everyone</option>
            {users.data?.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Action" hint="Exact, or a prefix such as auth. or user.*">
          <input type="search" value={draft.action} spellCheck={false} autoCapitalize="none" onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
        </Field>
        <Field label="From">
          <input type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </Field>
        <Field label="To">
          <input type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </Field>
        <div className="row filter-actions">
          <button type="submit" className="btn btn-primary">
            Filter
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setCursors([undefined]);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <ErrorBanner error={audit.error} />
      {audit.isPending ? <Spinner /> : null}
      {audit.data && audit.data.entries.length === 0 ? <Empty>No audit entries match.</Empty> : null}
      {audit.data && audit.data.entries.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-stack">
            <caption className="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label="Time">{formatDate(entry.createdAt)}</td>
                  <td data-label="Actor" className="cell-wrap">{who(entry.actorId)}</td>
                  <td data-label="Action">
                    <code>{entry.action}</code>
                  </td>
                  <td data-label="Target" className="cell-wrap">{who(entry.target)}</td>
                  <td data-label="Details" className="details" title={JSON.stringify(entry.details)}>
                    {describeDetails(entry.details)}
                  </td>
                  <td data-label="IP">{entry.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="row pager">
        <button type="button" className="btn" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer
        </button>
        <span className="small muted" aria-live="polite">
          Page {cursors.length}
          {audit.isFetching && !audit.isPending ? ' · loading…' : ''}
        </span>
        <button type="button" className="btn" disabled={!audit.data?.nextBefore} onClick={() => audit.data?.nextBefore && setCursors([...cursors, audit.data.nextBefore])}>
          Older
        </button>
      </div>
    </section>
  );
}
