import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError, get } from '../../api/client.ts';
import { useAuth, type SignIn } from '../../auth.tsx';
import { ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Field } from '../../ui/Field.tsx';
import { Brand } from './Brand.tsx';
import { safeNext } from './safe-next.ts';
import type { Setup } from './types.ts';
import './auth.css';

/** The API asks for the second factor with 401 UNAUTHORIZED and details.totpRequired (src/server/two-factor.ts). */
function needsSecondFactor(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'UNAUTHORIZED' && (error.details as { totpRequired?: boolean } | undefined)?.totpRequired === true;
}

export function SignInPage() {
  const { me, signIn } = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // /api/setup counts against the sign-in rate limit (10/min per IP): asked once per visit, not on every remount.
  const setup = useQuery({ queryKey: ['setup'], queryFn: ({ signal }) => get<Setup>('/api/setup', signal), staleTime: 300_000 });

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [secondFactor, setSecondFactor] = useState<'none' | 'totp' | 'recovery'>('none');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · videogen studio';
  }, []);
  useEffect(() => {
    if (secondFactor !== 'none') codeInput.current?.focus();
  }, [secondFactor]);

  if (me) return <Navigate to={next} replace />;
  if (setup.data?.needsAdmin) return <Navigate to="/welcome" replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const credentials: SignIn = { email, password };
    if (secondFactor === 'totp') credentials.totp = code.replace(/\s/g, '');
    if (secondFactor === 'recovery') credentials.recoveryCode = code.trim();
    try {
      await signIn(credentials);
      // The <Navigate> above takes over once /api/auth/me has answered.
    } catch (caught) {
      if (needsSecondFactor(caught) && secondFactor === 'none') setSecondFactor('totp');
      else setError(caught);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  const asking = secondFactor !== 'none';
  return (
    <div className="auth-page">
      <main className="auth-card card stack">
        <Brand />
        <h1 className="auth-title">{asking ? 'Two-factor sign-in' : 'Sign in'}</h1>
        {setup.isPending ? <Spinner label="Checking the server" /> : null}
        <ErrorBanner error={setup.error} />
        <ErrorBanner error={error} />
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate={false}>
          {/* The first step's fields stay in the form (hidden) so the browser's password manager sees one sign-in. */}
          {asking ? <p className="muted">Signing in as {email}.</p> : null}
          <div className="stack" hidden={asking}>
            <Field label="Email">
              <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
            </Field>
            <Field label="Password">
              <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </Field>
          </div>
          {secondFactor === 'totp' ? (
            <Field label="Two-factor code" hint="The 6-digit code your authenticator app shows for videogen.">
              <input
                ref={codeInput}
                type="text"
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9 ]{6,7}"
                maxLength={7}
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            </Field>
          ) : null}
          {secondFactor === 'recovery' ? (
            <Field label="Recovery code" hint="One of the codes you saved when you turned two-factor on (xxxx-xxxx-xxxx-xxxx). Each works once.">
              <input ref={codeInput} type="text" name="recoveryCode" autoComplete="off" spellCheck={false} autoCapitalize="none" required value={code} onChange={(e) => setCode(e.target.value)} />
            </Field>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          {asking ? (
            <div className="row auth-alternatives">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setSecondFactor(secondFactor === 'totp' ? 'recovery' : 'totp');
                  setCode('');
                  setError(undefined);
                }}
              >
                {secondFactor === 'totp' ? 'Use a recovery code' : 'Use the authenticator code'}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setSecondFactor('none');
                  setCode('');
                  setError(undefined);
                }}
              >
                Back
              </button>
            </div>
          ) : null}
        </form>
        {setup.data && !setup.data.needsAdmin ? (
          <p className="small muted">
            No account yet? An admin creates it in Admin; the first admin comes from the command line (<Link to="/welcome">first run</Link>).
          </p>
        ) : null}
      </main>
    </div>
  );
}
