import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, get } from '../../../api/client.ts';
import { useAuth, useUser } from '../../../auth.tsx';
import { ErrorBanner, Spinner } from '../../../ui/Banner.tsx';
import { Field } from '../../../ui/Field.tsx';
import { formatBytes, formatDate } from '../../../ui/format.ts';
import { SecondFactorField, emptySecondFactor, secondFactorBody } from '../SecondFactorField.tsx';
import type { Account } from '../types.ts';

/** Your data (src/server/routes/account.ts): storage used, a full export as a zip, and erasure. */
export function AccountSection() {
  const account = useQuery({ queryKey: ['account'], queryFn: ({ signal }) => get<Account>('/api/account', signal) });
  const usage = account.data?.usage;
  const percent = usage && usage.quotaBytes > 0 ? Math.min(100, Math.round((usage.usedBytes / usage.quotaBytes) * 100)) : undefined;
  return (
    <div className="stack">
      <section className="card section-card" aria-labelledby="account-heading">
        <h2 id="account-heading">Your account</h2>
        <ErrorBanner error={account.error} />
        {account.isPending ? <Spinner /> : null}
        {account.data && usage ? (
          <dl className="facts">
            <dt>Email</dt>
            <dd>{account.data.user.email}</dd>
            <dt>Role</dt>
            <dd>{account.data.user.role}</dd>
            <dt>Member since</dt>
            <dd>{formatDate(account.data.user.createdAt)}</dd>
            <dt>Storage</dt>
            <dd className="stack">
              <span>
                {formatBytes(usage.usedBytes)} of {usage.quotaBytes > 0 ? formatBytes(usage.quotaBytes) : 'unlimited'} (uploads {formatBytes(usage.uploadsBytes)}, videos{' '}
                {formatBytes(usage.outputsBytes)})
              </span>
              {percent !== undefined ? (
                <div className="progress" role="progressbar" aria-label="Storage used" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
                  <span style={{ width: `${percent}%` }} />
                </div>
              ) : null}
            </dd>
          </dl>
        ) : null}
      </section>
      <section className="card section-card" aria-labelledby="export-heading">
        <h2 id="export-heading">Export your data</h2>
        <p className="muted small">A zip of everything stored about you: profile, jobs with their outputs, uploads, templates, API keys (without the keys) and audit entries.</p>
        <div>
          {/* A plain link: the browser streams the zip to disk, with the session cookie, however large it is. */}
          <a className="btn" href="/api/account/export" download>
            Download export (.zip)
          </a>
        </div>
      </section>
      <EraseAccount />
    </div>
  );
}

function EraseAccount() {
  const user = useUser();
  const { signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [password, setPassword] = useState('');
  const [factor, setFactor] = useState(emptySecondFactor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const confirmed = typed.trim().toLowerCase() === user.email.toLowerCase();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!confirmed) return;
    setBusy(true);
    setError(undefined);
    try {
      await api('DELETE', '/api/account', { body: { password, ...secondFactorBody(user.totp, factor) } });
      // The session went with the account; signing out clears what the studio still holds.
      await signOut();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="erase-heading">
      <h2 id="erase-heading">Erase your account</h2>
      <p className="muted small">Cancels your running jobs and deletes your videos, uploads, templates, keys and sessions for good. The audit log keeps only ids.</p>
      {!open ? (
        <div>
          <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
            Erase my account…
          </button>
        </div>
      ) : (
        <form className="confirm-box form-narrow" onSubmit={(event) => void submit(event)}>
          <ErrorBanner error={error} />
          <Field label={`Type your email (${user.email}) to confirm`}>
            <input type="text" autoComplete="off" spellCheck={false} autoCapitalize="none" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
          </Field>
          <Field label="Password">
            <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <SecondFactorField on={user.totp} value={factor} onChange={setFactor} />
          <div className="row">
            <button type="submit" className="btn btn-danger" disabled={!confirmed || busy}>
              Erase my account for good
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
