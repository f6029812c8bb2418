import { useState } from 'react';
import { Field } from '../../ui/Field.tsx';
import type { SecondFactor } from './types.ts';

export interface SecondFactorValue {
  kind: 'totp' | 'recovery';
  code: string;
}

export const emptySecondFactor: SecondFactorValue = { kind: 'totp', code: '' };

/** The request fields for a protected action (only when two-factor is on; the API refuses them otherwise unused). */
export function secondFactorBody(on: boolean, value: SecondFactorValue): SecondFactor {
  if (!on || !value.code.trim()) return {};
  return value.kind === 'totp' ? { totp: value.code.replace(/\s/g, '') } : { recoveryCode: value.code.trim() };
}

/**
 * A current authenticator code, or a recovery code instead: what the API asks for besides the password when
 * two-factor is on (src/server/two-factor.ts proveAccount). Renders nothing when two-factor is off.
 */
export function SecondFactorField({ on, value, onChange }: { on: boolean; value: SecondFactorValue; onChange: (value: SecondFactorValue) => void }) {
  const [kind, setKind] = useState(value.kind);
  if (!on) return null;
  const switchTo = (next: 'totp' | 'recovery') => {
    setKind(next);
    onChange({ kind: next, code: '' });
  };
  return (
    <div className="stack">
      {kind === 'totp' ? (
        <Field label="Two-factor code" hint="The 6-digit code your authenticator app shows now.">
          <input type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required value={value.code} onChange={(e) => onChange({ kind, code: e.target.value })} />
        </Field>
      ) : (
        <Field label="Recovery code" hint="One of your saved recovery codes (it is used up).">
          <input type="text" autoComplete="off" spellCheck={false} autoCapitalize="none" required value={value.code} onChange={(e) => onChange({ kind, code: e.target.value })} />
        </Field>
      )}
      <div>
        <button type="button" className="btn btn-small" onClick={() => switchTo(kind === 'totp' ? 'recovery' : 'totp')}>
          {kind === 'totp' ? 'Use a recovery code' : 'Use the authenticator code'}
        </button>
      </div>
    </div>
  );
}
