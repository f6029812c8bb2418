import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, get, post } from '../../../api/client.ts';
import { Banner, ErrorBanner, Spinner } from '../../../ui/Banner.tsx';
import { formatDate, formatRelative } from '../../../ui/format.ts';
import type { Session } from '../types.ts';
import { describeAgent } from './user-agent.ts';

/** Where you are signed in (src/server/routes/sessions.ts); end one session, or every one but this. */
export function SessionsSection() {
  const queries = useQueryClient();
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: ({ signal }) => get<{ sessions: Session[] }>('/api/auth/sessions', signal) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['sessions'] });
  const revoke = useMutation({ mutationFn: (id: string) => del(`/api/auth/sessions/${id}`), onSuccess: refresh });
  const revokeOthers = useMutation({ mutationFn: () => post<{ revoked: number }>('/api/auth/sessions/revoke-others'), onSuccess: refresh });
  const others = sessions.data?.sessions.filter((s) => !s.current).length ?? 0;

  return (
    <section className="card section-card" aria-labelledby="sessions-heading">
      <div className="row pager">
        <h2 id="sessions-heading">Sessions</h2>
        <button type="button" className="btn btn-danger" disabled={others === 0 || revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
          Sign out all other sessions
        </button>
      </div>
      <p className="muted small">Every browser signed in to your account. Sign out one you do not recognise, then change your password.</p>
      {revokeOthers.data ? <Banner tone="ok">{revokeOthers.data.revoked === 1 ? '1 session was' : `${revokeOthers.data.revoked} sessions were`} signed out.</Banner> : null}
      <ErrorBanner error={revokeOthers.error} />
      <ErrorBanner error={revoke.error} />
      <ErrorBanner error={sessions.error} />
      {sessions.isPending ? <Spinner /> : null}
      {sessions.data ? (
        <div className="table-wrap">
          <table className="table table-stack">
            <caption className="visually-hidden">Your sessions</caption>
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">IP address</th>
                <th scope="col">Last seen</th>
                <th scope="col">Signed in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.sessions.map((session) => {
                const seen = session.lastSeenAt ?? session.createdAt;
                const agent = describeAgent(session.userAgent);
                return (
                  <tr key={session.id}>
                    <td data-label="Browser" className="cell-wrap">
                      {/* One child: in the phone layout the cell is a flex row and the badge must flow with the text. */}
                      <span>
                        <span title={session.userAgent ?? undefined}>{agent}</span> {session.current ? <span className="badge badge-accent">This session</span> : null}
                      </span>
                    </td>
                    <td data-label="IP address">{session.ip ?? <span className="muted">unknown</span>}</td>
                    <td data-label="Last seen">
                      <span title={formatDate(seen)}>{formatRelative(seen)}</span>
                    </td>
                    <td data-label="Signed in">{formatDate(session.createdAt)}</td>
                    <td>
                      {session.current ? null : (
                        <button type="button" className="btn btn-small btn-danger" aria-label={`Sign out session ${agent} from ${session.ip ?? 'unknown IP'}`} disabled={revoke.isPending} onClick={() => revoke.mutate(session.id)}>
                          Sign out
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
