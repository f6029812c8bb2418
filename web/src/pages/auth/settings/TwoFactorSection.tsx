import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { get, post } from '../../../api/client.ts';
import { useAuth, useUser } from '../../../auth.tsx';
import { useCapabilities } from '../../../capabilities.ts';
import { Banner, ErrorBanner, Spinner } from '../../../ui/Banner.tsx';
import { Field } from '../../../ui/Field.tsx';
import { CopyButton } from '../CopyButton.tsx';
import { SecondFactorField, emptySecondFactor, secondFactorBody } from '../SecondFactorField.tsx';
import type { TotpSetup, TotpStatus } from '../types.ts';
import { RecoveryCodes } from './RecoveryCodes.tsx';

type Action = 'setup' | 'recovery-codes' | 'disable';

const ACTIONS: Record<Action, { title: string; submit: string; danger?: boolean }> = {
  setup: { title: 'Set up an authenticator', submit: 'Continue' },
  'recovery-codes': { title: 'New recovery codes', submit: 'Make new recovery codes' },
  disable: { title: 'Turn two-factor sign-in off', submit: 'Turn off two-factor', danger: true },
};

/**
 * Two-factor sign-in (src/server/routes/totp.ts): setup (password, plus a code when replacing) shows a secret as a
 * QR code; confirming with a code from it turns it on and hands out recovery codes once.
 */
export function TwoFactorSection() {
  const capabilities = useCapabilities();
  const twoFactor = capabilities.data?.twoFactor;
  return (
    <section className="card section-card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Two-factor sign-in</h2>
      <p className="muted small">Besides your password, signing in asks for a 6-digit code from an authenticator app (Aegis, Google Authenticator, 1Password…).</p>
      <ErrorBanner error={capabilities.error} />
      {capabilities.isPending ? <Spinner /> : null}
      {twoFactor && !twoFactor.enabled ? <Banner tone="warn">Two-factor sign-in is not available on this server: {twoFactor.reason ?? 'the server does not support it'}.</Banner> : null}
      {twoFactor?.enabled ? <TwoFactorSettings /> : null}
    </section>
  );
}

function TwoFactorSettings() {
  const user = useUser();
  const { refresh } = useAuth();
  const queries = useQueryClient();
  const status = useQuery({ queryKey: ['totp'], queryFn: ({ signal }) => get<TotpStatus>('/api/auth/totp', signal) });
  const [action, setAction] = useState<Action | undefined>(undefined);
  const [enrolment, setEnrolment] = useState<TotpSetup | undefined>(undefined);
  const [codes, setCodes] = useState<string[] | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const changed = async (message?: string) => {
    setNotice(message);
    await Promise.all([queries.invalidateQueries({ queryKey: ['totp'] }), refresh()]);
  };

  if (status.isPending) return <Spinner />;
  if (status.error) return <ErrorBanner error={status.error} />;
  const on = status.data.enabled;

  return (
    <div className="stack">
      <p className="row">
        <span>Status:</span>
        {on ? <span className="badge badge-ok">On</span> : <span className="badge">Off</span>}
        {on ? <span className="muted small">{status.data.recoveryCodesLeft} recovery codes left</span> : null}
      </p>
      {notice ? <Banner tone="ok">{notice}</Banner> : null}
      {codes ? <RecoveryCodes codes={codes} onDone={() => setCodes(undefined)} /> : null}
      {on && status.data.recoveryCodesLeft <= 3 && !codes ? <Banner tone="warn">Only {status.data.recoveryCodesLeft} recovery codes are left: make new ones.</Banner> : null}

      {enrolment ? (
        <Enrol
          enrolment={enrolment}
          onCancel={() => setEnrolment(undefined)}
          onConfirmed={async (recoveryCodes) => {
            setEnrolment(undefined);
            setCodes(recoveryCodes);
            await changed(on ? 'The new authenticator replaced the old one.' : 'Two-factor sign-in is on.');
          }}
        />
      ) : action ? (
        <ProtectedForm
          action={action}
          twoFactorOn={user.totp}
          onCancel={() => setAction(undefined)}
          onDone={async (answer) => {
            setAction(undefined);
            if (action === 'setup') setEnrolment(answer as TotpSetup);
            else if (action === 'recovery-codes') {
              setCodes((answer as { recoveryCodes: string[] }).recoveryCodes);
              await changed('New recovery codes are ready; the old ones no longer work.');
            } else await changed('Two-factor sign-in is off.');
          }}
        />
      ) : (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => (setNotice(undefined), setAction('setup'))}>
            {on ? 'Replace authenticator' : 'Turn on two-factor'}
          </button>
          {on ? (
            <>
              <button type="button" className="btn" onClick={() => (setNotice(undefined), setAction('recovery-codes'))}>
                New recovery codes
              </button>
              <button type="button" className="btn btn-danger" onClick={() => (setNotice(undefined), setAction('disable'))}>
                Turn off two-factor
              </button>
            </>
          ) : null}
        </div>
      )}
    </div>
  );
}

/** The password (and, with two-factor on, a code) that every change of the second factor needs. */
function ProtectedForm({ action, twoFactorOn, onCancel, onDone }: { action: Action; twoFactorOn: boolean; onCancel: () => void; onDone: (answer: unknown) => Promise<void> }) {
  const [password, setPassword] = useState('');
  const [factor, setFactor] = useState(emptySecondFactor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const spec = ACTIONS[action];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await post(`/api/auth/totp/${action}`, { password, ...secondFactorBody(twoFactorOn, factor) });
      await onDone(answer);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form className="stack form-narrow" onSubmit={(event) => void submit(event)} aria-labelledby="totp-action-heading">
      <h3 id="totp-action-heading">{spec.title}</h3>
      <p className="small muted">Confirm it is you{twoFactorOn ? ' with your password and a current code' : ' with your password'}.</p>
      <ErrorBanner error={error} />
      <Field label="Password">
        <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} autoFocus />
      </Field>
      <SecondFactorField on={twoFactorOn} value={factor} onChange={setFactor} />
      <div className="row">
        <button type="submit" className={`btn ${spec.danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
          {spec.submit}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Step two: scan (or type) the new secret, then prove it with a code from the app. */
function Enrol({ enrolment, onCancel, onConfirmed }: { enrolment: TotpSetup; onCancel: () => void; onConfirmed: (codes: string[]) => Promise<void> }) {
  const [qr, setQr] = useState<string | undefined>(undefined);
  const [qrError, setQrError] = useState<unknown>(undefined);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    let live = true;
    // Loaded here: the QR encoder is only needed by the few who enrol.
    import('qrcode')
      .then((QRCode) => QRCode.toDataURL(enrolment.uri, { margin: 1, width: 184, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } }))
      .then((url) => live && setQr(url), (caught: unknown) => live && setQrError(caught));
    return () => {
      live = false;
    };
  }, [enrolment.uri]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await post<{ recoveryCodes: string[] }>('/api/auth/totp/confirm', { totp: code.replace(/\s/g, '') });
      await onConfirmed(answer.recoveryCodes);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  // The secret in groups of four, as authenticator apps show it, for typing by hand.
  const grouped = enrolment.secret.match(/.{1,4}/g)?.join(' ') ?? enrolment.secret;
  return (
    <div className="stack">
      <h3>Scan the code with your authenticator app</h3>
      <div className="enrol">
        {qr ? <img className="qr" src={qr} alt="QR code of the two-factor secret for your authenticator app" width={200} height={200} /> : <Spinner label="Drawing the QR code" />}
        <div className="stack">
          <ErrorBanner error={qrError} />
          <div>
            <p className="small muted">Cannot scan? Enter this secret in the app (time-based, 6 digits, 30 seconds):</p>
            <div className="command">
              <code className="secret-text" aria-label="Two-factor secret">
                {grouped}
              </code>
              <CopyButton text={enrolment.secret} label="Copy secret" />
            </div>
          </div>
          <form className="stack form-narrow" onSubmit={(event) => void submit(event)}>
            <ErrorBanner error={error} />
            <Field label="Code from the app" hint="Proves the app has the new secret; the setup expires after 15 minutes.">
              <input type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
            </Field>
            <div className="row">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Confirm and turn on
              </button>
              <button type="button" className="btn" onClick={onCancel}>
                Cancel
              </button>
            </div>
          </form>
        </div>
      </div>
    </div>
  );
}
