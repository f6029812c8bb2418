import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { del, get, patch, post } from '../../../api/client.ts';
import type { Role, User } from '../../../api/types.ts';
import { useAuth, useUser } from '../../../auth.tsx';
import { Banner, ErrorBanner, Spinner } from '../../../ui/Banner.tsx';
import { Field } from '../../../ui/Field.tsx';
import { formatDate } from '../../../ui/format.ts';
import { MIN_PASSWORD_LENGTH } from '../types.ts';

export const ROLES: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'editor', label: 'Editor' },
  { value: 'admin', label: 'Admin' },
];

export const usersQuery = { queryKey: ['users'], queryFn: ({ signal }: { signal: AbortSignal }) => get<{ users: User[] }>('/api/users', signal) };

/** Users (src/server/routes/users.ts): list, create, change role, erase; the server keeps at least one admin. */
export function UsersSection() {
  const me = useUser();
  const { refresh } = useAuth();
  const queries = useQueryClient();
  const users = useQuery(usersQuery);
  const [confirming, setConfirming] = useState<User | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const changed = () => Promise.all([queries.invalidateQueries({ queryKey: ['users'] }), queries.invalidateQueries({ queryKey: ['audit'] })]);

  const setRole = useMutation({
    mutationFn: ({ user, role }: { user: User; role: Role }) => patch<User>(`/api/users/${user.id}`, { role }),
    onSuccess: async (user) => {
      setNotice(`${user.email} is now ${user.role}.`);
      await changed();
      if (user.id === me.id) await refresh();
    },
  });
  const erase = useMutation({
    mutationFn: (user: User) => del(`/api/users/${user.id}`),
    onSuccess: async (_answer, user) => {
      setConfirming(undefined);
      setNotice(`${user.email} was erased.`);
      await changed();
    },
  });

  const admins = users.data?.users.filter((u) => u.role === 'admin').length ?? 0;

  return (
    <div className="stack">
      <CreateUser
        onCreated={async (user) => {
          setNotice(`${user.email} was created as ${user.role}.`);
          await changed();
        }}
      />
      <section className="card section-card" aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        {notice ? <Banner tone="ok">{notice}</Banner> : null}
        <ErrorBanner error={setRole.error} />
        <ErrorBanner error={users.error} />
        {users.isPending ? <Spinner /> : null}
        {users.data ? (
          <div className="table-wrap">
            <table className="table table-stack">
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Two-factor</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.users.map((user) => {
                  const self = user.id === me.id;
                  // The server refuses these too; the studio says why before anyone tries.
                  const lastAdmin = user.role === 'admin' && admins <= 1;
                  return (
                    <tr key={user.id}>
                      <td data-label="Email" className="cell-wrap">
                        <span>
                          {user.email} {self ? <span className="badge badge-accent">You</span> : null}
                        </span>
                      </td>
                      <td data-label="Role">
                        <select
                          aria-label={`Role of ${user.email}`}
                          value={user.role}
                          disabled={setRole.isPending || (self && lastAdmin)}
                          title={self && lastAdmin ? 'You are the only admin: make another admin first' : undefined}
                          onChange={(event) => setRole.mutate({ user, role: event.target.value as Role })}
                        >
                          {ROLES.map((role) => (
                            <option key={role.value} value={role.value}>
                              {role.label}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td data-label="Two-factor">{user.totp ? <span className="badge badge-ok">On</span> : <span className="badge">Off</span>}</td>
                      <td data-label="Created">{formatDate(user.createdAt)}</td>
                      <td>
                        {self ? (
                          <span className="small muted">Erase yourself in Settings</span>
                        ) : (
                          <button type="button" className="btn btn-small btn-danger" aria-label={`Erase ${user.email}`} disabled={lastAdmin} onClick={() => (erase.reset(), setConfirming(user))}>
                            Erase
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
        {confirming ? (
          <div className="confirm-box" role="alertdialog" aria-labelledby="erase-user-heading" aria-describedby="erase-user-text">
            <h3 id="erase-user-heading">Erase {confirming.email}?</h3>
            <p id="erase-user-text" className="small">
              Their running jobs are cancelled, then their videos, uploads, templates, keys and sessions are deleted for good. This cannot be undone.
            </p>
            <ErrorBanner error={erase.error} />
            <div className="row">
              <button type="button" className="btn btn-danger" disabled={erase.isPending} onClick={() => erase.mutate(confirming)} autoFocus>
                Erase user
              </button>
              <button type="button" className="btn" onClick={() => setConfirming(undefined)}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function CreateUser({ onCreated }: { onCreated: (user: User) => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const create = useMutation({
    mutationFn: () => post<User>('/api/users', { email, password, role }),
    onSuccess: async (user) => {
      setEmail('');
      setPassword('');
      setRole('editor');
      await onCreated(user);
    },
  });
  const tooShort = password.length > 0 && password.length < MIN_PASSWORD_LENGTH ? `must be at least ${MIN_PASSWORD_LENGTH} characters` : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tooShort) create.mutate();
  };

  return (
    <section className="card section-card" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">Add a user</h2>
      <p className="muted small">
        Give the person their email and this first password over a safe channel; they change it in Settings. Viewers watch videos and jobs, editors also
        create and render, admins also manage users.
      </p>
      <ErrorBanner error={create.error} />
      <form className="filters" onSubmit={submit}>
        <Field label="Email">
          <input type="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" error={tooShort}>
          <input type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label="Role">
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
        <div>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            Create user
          </button>
        </div>
      </form>
    </section>
  );
}
