import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { del, get, post } from '../../../api/client.ts';
import { useAuth } from '../../../auth.tsx';
import { Banner, Empty, ErrorBanner, Spinner } from '../../../ui/Banner.tsx';
import { Field } from '../../../ui/Field.tsx';
import { formatDate, formatRelative } from '../../../ui/format.ts';
import { CopyButton } from '../CopyButton.tsx';
import type { ApiKey } from '../types.ts';

/** API keys for scripts and the CLI (src/server/routes/keys.ts): the key itself is shown once, at creation. */
export function ApiKeysSection() {
  const { me } = useAuth();
  const queries = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: ({ signal }) => get<{ keys: ApiKey[] }>('/api/keys', signal) });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<(ApiKey & { key: string }) | undefined>(undefined);

  const create = useMutation({
    mutationFn: (keyName: string) => post<ApiKey & { key: string }>('/api/keys', { name: keyName }),
    onSuccess: async (key) => {
      setCreated(key);
      setName('');
      await queries.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del(`/api/keys/${id}`),
    onSuccess: async (_answer, id) => {
      if (created?.id === id) setCreated(undefined);
      await queries.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate(name.trim());
  };

  return (
    <section className="card section-card" aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <p className="muted small">
        A key acts as you from scripts and the command line: send it as <code>Authorization: Bearer &lt;key&gt;</code>. Name each key after what uses it
        (“CI render job”). Keys cannot change your password, two-factor or sessions.
      </p>
      {me?.via === 'apikey' ? <Banner tone="info">You are using an API key: keys are created from a signed-in browser session.</Banner> : null}
      <form className="form-inline" onSubmit={submit}>
        <Field label="Key name">
          <input type="text" maxLength={100} required value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          Create key
        </button>
      </form>
      <ErrorBanner error={create.error} />
      {created ? (
        <div className="secret-once" role="region" aria-label="New API key">
          <p>
            <strong>Copy the key “{created.name}” now.</strong> It is shown only once; the server keeps only a hash of it.
          </p>
          <div className="command">
            <code className="secret-text" aria-label="New API key value">
              {created.key}
            </code>
            <CopyButton text={created.key} label="Copy key" />
          </div>
          <div>
            <button type="button" className="btn btn-small" onClick={() => setCreated(undefined)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      <ErrorBanner error={revoke.error} />
      <ErrorBanner error={keys.error} />
      {keys.isPending ? <Spinner /> : null}
      {keys.data && keys.data.keys.length === 0 ? <Empty>No API keys yet.</Empty> : null}
      {keys.data && keys.data.keys.length > 0 ? (
        <div className="table-wrap">
          <table className="table table-stack">
            <caption className="visually-hidden">Your API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.keys.map((key) => (
                <tr key={key.id}>
                  <td data-label="Name" className="cell-wrap">{key.name}</td>
                  <td data-label="Starts with">
                    <code>{key.prefix}…</code>
                  </td>
                  <td data-label="Created">{formatDate(key.createdAt)}</td>
                  <td data-label="Last used">{key.lastUsedAt ? <span title={formatDate(key.lastUsedAt)}>{formatRelative(key.lastUsedAt)}</span> : <span className="muted">never</span>}</td>
                  <td>
                    <button type="button" className="btn btn-small btn-danger" aria-label={`Revoke key ${key.name}`} disabled={revoke.isPending} onClick={() => revoke.mutate(key.id)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
