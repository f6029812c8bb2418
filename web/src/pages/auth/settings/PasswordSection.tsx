import { useState, type FormEvent } from 'react';
import { ApiError, post } from '../../../api/client.ts';
import { useUser } from '../../../auth.tsx';
import { Banner, ErrorBanner } from '../../../ui/Banner.tsx';
import { Field } from '../../../ui/Field.tsx';
import { SecondFactorField, emptySecondFactor, secondFactorBody } from '../SecondFactorField.tsx';
import { MIN_PASSWORD_LENGTH } from '../types.ts';

/** Which field an API error is about (details.path such as body.currentPassword), so it is shown next to it. */
export function errorPath(error: unknown): string | undefined {
  return error instanceof ApiError ? (error.details as { path?: string } | undefined)?.path : undefined;
}

/** POST /api/account/password: current password (+ code with two-factor), new one twice; other sessions end. */
export function PasswordSection() {
  const user = useUser();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [factor, setFactor] = useState(emptySecondFactor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<number | undefined>(undefined);
  const [touched, setTouched] = useState(false);

  const tooShort = next.length > 0 && next.length < MIN_PASSWORD_LENGTH ? `must be at least ${MIN_PASSWORD_LENGTH} characters` : undefined;
  const mismatch = repeat.length > 0 && repeat !== next ? 'the two new passwords differ' : undefined;
  const path = errorPath(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (tooShort || mismatch || !next || next !== repeat) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const answer = await post<{ revokedSessions: number }>('/api/account/password', { currentPassword: current, newPassword: next, ...secondFactorBody(user.totp, factor) });
      setDone(answer.revokedSessions);
      setCurrent('');
      setNext('');
      setRepeat('');
      setFactor(emptySecondFactor);
      setTouched(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p className="muted small">Changing it signs out every other session of your account. API keys keep working; revoke them under API keys.</p>
      {done !== undefined ? (
        <Banner tone="ok">
          Password changed. {done === 1 ? '1 other session was' : `${done} other sessions were`} signed out.
        </Banner>
      ) : null}
      <ErrorBanner error={error} />
      <form className="stack form-narrow" onSubmit={(event) => void submit(event)}>
        <Field label="Current password" error={path === 'body.currentPassword' ? 'wrong password' : undefined}>
          <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </Field>
        <Field label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words are easy to remember and hard to guess.`} error={tooShort ?? (path === 'body.newPassword' ? 'must differ from the current password' : undefined)}>
          <input type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} value={next} onChange={(e) => setNext(e.target.value)} />
        </Field>
        <Field label="Repeat new password" error={mismatch ?? (touched && !repeat ? 'repeat the new password' : undefined)}>
          <input type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </Field>
        <SecondFactorField on={user.totp} value={factor} onChange={setFactor} />
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
