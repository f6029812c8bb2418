import type { ReactNode } from 'react';
import { messageOf } from '../api/client.ts';

type Tone = 'error' | 'ok' | 'warn' | 'info';

/** A message block: errors are announced at once (role=alert), the rest politely (role=status). */
export function Banner({ tone = 'info', children }: { tone?: Tone; children: ReactNode }) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** Nothing when there is no error; the API's message and code when there is. */
export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  return <Banner tone="error">{messageOf(error)}</Banner>;
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span role="status" className="row muted">
      <span className="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </span>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
