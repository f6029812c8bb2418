import { randomInt } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { verify } from 'otplib';
import { z } from 'zod';
import type { User } from '../store/types.ts';
import { verifyPassword } from '../store/passwords.ts';
import { audit } from './audit.ts';
import { countFailure, refuseIfLocked, type LockSettings } from './account-lock.ts';
import { apiError } from './errors.ts';
import { sha256 } from './tokens.ts';
import { openTotpSecret } from './totp-secret.ts';

/**
 * The second factor: RFC 6238 codes (otplib) that are single-use — the accepted time step is stored and a code for
 * that step or an earlier one is refused — and one-time recovery codes, stored as sha256. Every rejected code is
 * audited and counted toward the account's sign-in lockout (./account-lock.ts).
 */
export const TotpCode = z.string().regex(/^\d{6}$/, { error: 'must be the 6-digit code from your authenticator' });
export const RecoveryCode = z.string().trim().regex(/^[A-Za-z2-7](?:[\s-]?[A-Za-z2-7]){15}$/, { error: 'must be one of your recovery codes (xxxx-xxxx-xxxx-xxxx)' });
/** The fields a password- and code-protected action accepts besides the password. */
export const SecondFactorFields = { totp: TotpCode.optional(), recoveryCode: RecoveryCode.optional() };

export const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 16 base32 characters = 80 random bits each: far beyond guessing, and beyond brute-forcing a leaked sha256. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 16 }, () => BASE32[randomInt(32)]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** Case, spaces and dashes do not matter when a person types a code back. */
export const hashRecoveryCode = (code: string) => sha256(`recovery:${code.toLowerCase().replace(/[\s-]/g, '')}`);

/** The time step a code matches (one 30 s step of drift either way), later than `afterStep`; undefined otherwise. */
export async function matchTotp(secret: string, code: string, afterStep: number | null): Promise<number | undefined> {
  try {
    const result = await verify({ secret, token: code, epochTolerance: 30, ...(afterStep !== null ? { afterTimeStep: afterStep } : {}) });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  } catch {
    return undefined;
  }
}

export interface SecondFactorInput {
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

/** Where a password or code was checked; recorded in the audit entry of a rejection. */
export type ProofContext = 'login' | 'totp.setup' | 'totp.confirm' | 'totp.disable' | 'totp.recovery_codes' | 'password.change' | 'account.delete';

/** Records a rejected code (audit + lockout count) and returns the 401 to throw. */
async function rejectCode(request: FastifyRequest, settings: LockSettings, user: User, context: ProofContext, kind: 'totp' | 'recovery', reason: 'wrong' | 'replayed') {
  // Counted before the audit write: a failing audit log must not let a guess go uncounted.
  await countFailure(request, settings, user.email, user.id);
  await audit(request, 'auth.code_rejected', user.id, { context, kind, reason });
  const path = kind === 'totp' ? 'body.totp' : 'body.recoveryCode';
  if (reason === 'replayed') return apiError('UNAUTHORIZED', 'this two-factor code was already used; wait for the next one', { totpRequired: true, path });
  return apiError('UNAUTHORIZED', kind === 'totp' ? 'wrong two-factor code; check the device clock' : 'wrong or already used recovery code', { totpRequired: true, path });
}

/**
 * Proves the second factor of a user who has TOTP on, consuming what was used: the code's time step, or the recovery
 * code. Throws 401 (audited, counted) when neither is given or the one given does not hold.
 */
export async function proveSecondFactor(request: FastifyRequest, settings: LockSettings, user: User, input: SecondFactorInput, context: ProofContext): Promise<'totp' | 'recovery'> {
  const { store } = request.server.deps;
  const state = await store.twoFactor.get(user.id);
  if (!state?.secret) return 'totp';
  if (input.recoveryCode !== undefined) {
    if (!(await store.twoFactor.useRecoveryCode(user.id, hashRecoveryCode(input.recoveryCode)))) throw await rejectCode(request, settings, user, context, 'recovery', 'wrong');
    await audit(request, 'auth.recovery_code_used', user.id, { context, left: state.recoveryCodesLeft - 1 });
    return 'recovery';
  }
  if (input.totp === undefined) throw apiError('UNAUTHORIZED', 'this account has two-factor sign-in: send the 6-digit code as totp, or a recovery code as recoveryCode', { totpRequired: true });
  const secret = openTotpSecret(request.server.deps.config, user.id, state.secret);
  const step = await matchTotp(secret, input.totp, state.lastStep);
  if (step === undefined) {
    // A code that matches an already used step is a replay; say so, so a person knows to wait for the next code.
    const replayed = state.lastStep !== null && (await matchTotp(secret, input.totp, null)) !== undefined;
    throw await rejectCode(request, settings, user, context, 'totp', replayed ? 'replayed' : 'wrong');
  }
  // The conditional update loses when another request used this step (or a later one) meanwhile.
  if (!(await store.twoFactor.useStep(user.id, step))) throw await rejectCode(request, settings, user, context, 'totp', 'replayed');
  return 'totp';
}

/**
 * For actions that change how an account is protected (two-factor, password): the account is not locked, the password
 * is right, and — when two-factor is on — a current code or a recovery code. Failures are audited and counted.
 */
export async function proveAccount(request: FastifyRequest, reply: FastifyReply, settings: LockSettings, user: User, password: string, input: SecondFactorInput, context: ProofContext): Promise<void> {
  await refuseIfLocked(request, reply, user.email);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await countFailure(request, settings, user.email, user.id);
    await audit(request, 'auth.password_rejected', user.id, { context });
    throw apiError('UNAUTHORIZED', 'wrong password', { path: context === 'password.change' ? 'body.currentPassword' : 'body.password' });
  }
  await proveSecondFactor(request, settings, user, input, context);
}
