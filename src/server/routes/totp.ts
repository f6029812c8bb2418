import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { generateSecret, generateURI } from 'otplib';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { countFailure, lockSettings, refuseIfLocked } from '../account-lock.ts';
import { audit } from '../audit.ts';
import { caller, sessionCaller } from '../auth.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { openTotpSecret, sealTotpSecret } from '../totp-secret.ts';
import { SecondFactorFields, TotpCode, matchTotp, newRecoveryCodes, proveAccount } from '../two-factor.ts';

/** An enrolment not confirmed within this time must be started again (the secret was shown long ago). */
const PENDING_MS = 15 * 60_000;
const WHAT = 'two-factor settings';

const ProtectedBody = z.object({ password: z.string().min(1).max(1024).describe('Your account password'), ...SecondFactorFields });
const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()).describe('Shown this once; each works once instead of a code') });

/**
 * Two-factor sign-in (RFC 6238). Every change needs a signed-in session (never an API key), the password, and — when
 * two-factor is already on — a current code or a recovery code. Enrolment is two steps: `setup` stores a new secret
 * as pending and shows it; `confirm` with a code from it activates it (replacing any old one) and hands out 10 new
 * recovery codes; so a mistyped secret never locks anyone out.
 */
export function totpRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, config } = app.deps;
  const lock = lockSettings(app.deps.config.server ?? options);
  const limit = { rateLimit: rateLimit(options.rateLimits, 'auth') };

  r.get('/api/auth/totp', {
    schema: { tags: ['auth'], summary: 'Two-factor status: on or off, an enrolment waiting for confirm, recovery codes left', response: { 200: z.object({ enabled: z.boolean(), pending: z.boolean(), recoveryCodesLeft: z.number() }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const state = await store.twoFactor.get(caller(request).user.id);
    const pending = Boolean(state?.pendingSecret && state.pendingAt && Date.now() - state.pendingAt.getTime() < PENDING_MS);
    return { enabled: Boolean(state?.secret), pending, recoveryCodesLeft: state?.secret ? state.recoveryCodesLeft : 0 };
  });

  r.post('/api/auth/totp/setup', {
    schema: {
      tags: ['auth'],
      summary: 'Start turning two-factor on, or replacing the authenticator: a new secret and otpauth:// URI (pending until confirm)',
      description: 'Needs the password; when two-factor is already on, also the current code (totp) or a recovery code.',
      body: ProtectedBody,
      response: { 200: z.object({ secret: z.string(), uri: z.string() }) },
    },
    config: limit,
  }, async (request, reply) => {
    const { user } = sessionCaller(request, WHAT);
    // Refused before anything is proved or stored: without VIDEOGEN_SECRET_KEY the secret could only be kept in clear.
    sealTotpSecret(config, user.id, 'probe');
    await proveAccount(request, reply, lock, user, request.body.password, request.body, 'totp.setup');
    const secret = generateSecret();
    await store.twoFactor.startEnrolment(user.id, sealTotpSecret(config, user.id, secret));
    await audit(request, 'auth.totp_setup', user.id, { replacing: Boolean(user.totpSecret) });
    return { secret, uri: generateURI({ secret, label: user.email, issuer: 'videogen' }) };
  });

  r.post('/api/auth/totp/confirm', {
    schema: {
      tags: ['auth'],
      summary: 'Finish setup: a current code from the new secret turns it on and returns 10 one-time recovery codes',
      body: z.object({ totp: TotpCode }),
      response: { 200: RecoveryCodesResponse.extend({ enabled: z.literal(true) }) },
    },
    config: limit,
  }, async (request, reply) => {
    const { user } = sessionCaller(request, WHAT);
    await refuseIfLocked(request, reply, user.email);
    const state = await store.twoFactor.get(user.id);
    if (!state?.pendingSecret || !state.pendingAt || Date.now() - state.pendingAt.getTime() >= PENDING_MS)
      throw apiError('CONFLICT', 'no two-factor setup is waiting (or it is older than 15 minutes): start with POST /api/auth/totp/setup');
    const step = await matchTotp(openTotpSecret(config, user.id, state.pendingSecret), request.body.totp, null);
    if (step === undefined) {
      await audit(request, 'auth.code_rejected', user.id, { context: 'totp.confirm', kind: 'totp', reason: 'wrong' });
      await countFailure(request, lock, user.email, user.id);
      throw apiError('UNAUTHORIZED', 'wrong code for the new secret; check the device clock and that the app shows the new entry', { path: 'body.totp' });
    }
    const { codes, hashes } = newRecoveryCodes();
    if (!(await store.twoFactor.confirm(user.id, state.pendingSecret, step, hashes))) throw apiError('CONFLICT', 'the two-factor setup changed meanwhile: start again');
    await audit(request, state.secret ? 'auth.totp_replaced' : 'auth.totp_enabled', user.id);
    return { enabled: true as const, recoveryCodes: codes };
  });

  r.post('/api/auth/totp/disable', {
    schema: { tags: ['auth'], summary: 'Turn two-factor off (password and a current code or recovery code)', body: ProtectedBody, response: { 200: z.object({ enabled: z.literal(false) }) } },
    config: limit,
  }, async (request, reply) => {
    const { user } = sessionCaller(request, WHAT);
    if (!user.totpSecret) throw apiError('CONFLICT', 'two-factor sign-in is not on');
    await proveAccount(request, reply, lock, user, request.body.password, request.body, 'totp.disable');
    await store.twoFactor.disable(user.id);
    await audit(request, 'auth.totp_disabled', user.id);
    return { enabled: false as const };
  });

  r.post('/api/auth/totp/recovery-codes', {
    schema: { tags: ['auth'], summary: 'Replace your recovery codes with 10 new ones (the old ones stop working)', body: ProtectedBody, response: { 200: RecoveryCodesResponse } },
    config: limit,
  }, async (request, reply) => {
    const { user } = sessionCaller(request, WHAT);
    if (!user.totpSecret) throw apiError('CONFLICT', 'two-factor sign-in is not on: recovery codes come with it');
    await proveAccount(request, reply, lock, user, request.body.password, request.body, 'totp.recovery_codes');
    const { codes, hashes } = newRecoveryCodes();
    await store.twoFactor.replaceRecoveryCodes(user.id, hashes);
    await audit(request, 'auth.recovery_codes_replaced', user.id);
    return { recoveryCodes: codes };
  });
}
