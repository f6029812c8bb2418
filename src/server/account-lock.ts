import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { normaliseEmail } from '../store/users-repo.ts';
import { audit } from './audit.ts';
import { apiError } from './errors.ts';
import { sha256 } from './tokens.ts';

/**
 * Per-account sign-in lockout, beside the per-IP rate limit. Behind a proxy many people share one IP, and one attacker
 * can spread guesses over many IPs; so failures are also counted per email (known or not, so a lockout does not reveal
 * whether an account exists), and after `failures` of them in `windowMinutes` that email is refused for `lockMinutes`
 * from every IP. Wrong passwords, wrong or replayed two-factor codes and recovery codes all count, at sign-in and at
 * every password- or code-protected action. The counters live in the store, not in Redis: the store is always
 * there (Redis is optional, and the Redis-backed limiter lets requests through when Redis is down), one upsert is
 * atomic across server processes on PostgreSQL, a restart does not lift a lockout, and sign-in volume is tiny next
 * to the argon2 hash each attempt already costs.
 */
export interface LockSettings {
  failures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * The lockout settings. Pass the configured server section (`app.deps.config.server`): serverOptions() fills only the
 * fields it knows, so the resolved ServerConfig may not carry `loginLock`; either shape is accepted.
 */
export function lockSettings(options: Pick<ServerConfig, 'loginLock'> | undefined): LockSettings {
  const s = options?.loginLock ?? {};
  return { failures: s.failures ?? 10, windowMs: (s.windowMinutes ?? 15) * 60_000, lockMs: (s.lockMinutes ?? 15) * 60_000 };
}

/** The throttle key: a hash, so the table holds no email addresses (including ones that have no account). */
export const accountKey = (email: string) => sha256(`login:${normaliseEmail(email)}`);

function lockedError(reply: FastifyReply, secondsLeft: number) {
  void reply.header('retry-after', String(secondsLeft));
  const minutes = Math.ceil(secondsLeft / 60);
  return apiError('RATE_LIMITED', `too many failed sign-ins for this account; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, { retryAfterSeconds: secondsLeft });
}

/** Throws 429 RATE_LIMITED (with Retry-After) while the account is locked; call before checking any secret. */
export async function refuseIfLocked(request: FastifyRequest, reply: FastifyReply, email: string): Promise<void> {
  const lock = await request.server.deps.store.loginThrottle.lock(accountKey(email));
  if (lock) throw lockedError(reply, lock.secondsLeft);
}

/** Counts one failed password or code for the account; the failure that starts a lockout is audited. */
export async function countFailure(request: FastifyRequest, settings: LockSettings, email: string, userId: string | null): Promise<void> {
  const { failures, lock } = await request.server.deps.store.loginThrottle.recordFailure(accountKey(email), { windowMs: settings.windowMs, maxFailures: settings.failures, lockMs: settings.lockMs });
  if (lock && failures === settings.failures) await audit(request, 'auth.account_locked', userId, { failures, lockedUntil: lock.until.toISOString() });
}

/** A successful sign-in starts the account's count afresh. */
export async function clearFailures(request: FastifyRequest, email: string): Promise<void> {
  await request.server.deps.store.loginThrottle.reset(accountKey(email));
}
