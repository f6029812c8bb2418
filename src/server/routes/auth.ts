import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { audit } from '../audit.ts';
import { clearFailures, countFailure, lockSettings, refuseIfLocked } from '../account-lock.ts';
import { caller } from '../auth.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { hashPassword, verifyPassword } from '../../store/passwords.ts';
import { UserSchema, toUser } from '../schemas.ts';
import { SESSION_COOKIE, newToken, sha256 } from '../tokens.ts';
import { SecondFactorFields, proveSecondFactor } from '../two-factor.ts';
import { purgeExpired } from './sessions.ts';

const LoginBody = z.object({
  email: z.string().trim().toLowerCase().email({ error: 'must be an email address' }).max(320),
  password: z.string().min(1).max(1024),
  ...SecondFactorFields,
});
const SessionResponse = z.object({ user: UserSchema, csrfToken: z.string().describe('Send as x-csrf-token on POST/PATCH/DELETE') });

/** Secure when configured, or on 'auto' when the request came over HTTPS (directly or via a trusted proxy). */
function secureCookie(options: ServerConfig, request: FastifyRequest): boolean {
  return options.secureCookies === 'auto' ? request.protocol === 'https' : options.secureCookies;
}

// A dummy hash keeps the time of "no such user" equal to "wrong password", so emails cannot be probed by timing.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(newToken()));

export function authRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;
  const lock = lockSettings(app.deps.config.server ?? options);

  r.post('/api/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in; sets the session cookie and returns the CSRF token',
      description:
        'With two-factor on, send the current 6-digit code as totp (each code works once) or one of your recovery codes as recoveryCode. ' +
        'Besides the per-IP limit, an account whose sign-ins failed too often is refused with 429 RATE_LIMITED for a while, from every IP.',
      body: LoginBody,
      response: { 200: SessionResponse },
    },
    // Public, so anyone may send it: a sign-in is a few hundred bytes, not the 25 MB the upload routes take.
    bodyLimit: 16 * 1024,
    config: { access: 'public', rateLimit: rateLimit(options.rateLimits, 'auth') },
  }, async (request, reply) => {
    const { email, password, totp, recoveryCode } = request.body;
    // Refused before any secret is checked, the same way for an email with or without an account.
    await refuseIfLocked(request, reply, email);
    const user = await store.users.byEmail(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummy()), password);
    if (!user || !ok) {
      // Counted before the audit write: a failing audit log must not let a guess go uncounted.
      await countFailure(request, lock, email, user?.id ?? null);
      await audit(request, 'auth.login_failed', user?.id ?? null, { email });
      throw apiError('UNAUTHORIZED', 'wrong email or password');
    }
    if (user.totpSecret) await proveSecondFactor(request, lock, user, { totp, recoveryCode }, 'login');
    await clearFailures(request, email);
    await purgeExpired(app, lock);
    const token = newToken();
    const maxAge = options.sessionHours * 3600;
    const sessionId = sha256(token);
    // The CSRF secret is made by the plugin into request.session, then stored with the session row.
    request.session = {};
    const csrfToken = reply.generateCsrf();
    const userAgent = request.headers['user-agent']?.slice(0, 512) ?? null;
    await store.sessions.create({ id: sessionId, userId: user.id, csrfSecret: request.session._csrf!, expiresAt: new Date(Date.now() + maxAge * 1000), ip: request.ip, userAgent });
    request.auth = { user, via: 'session', sessionId };
    void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie(options, request), maxAge });
    await audit(request, 'auth.login', user.id);
    return { user: toUser(user), csrfToken };
  });

  r.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'Sign out (ends this session)', response: { 204: z.null() } },
    config: { rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply: FastifyReply) => {
    const auth = caller(request);
    if (auth.sessionId) await store.sessions.delete(auth.sessionId);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    await audit(request, 'auth.logout', auth.user.id);
    return reply.code(204).send(null);
  });

  r.get('/api/auth/me', {
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user; a fresh CSRF token for cookie sessions',
      response: {
        200: z.object({
          user: UserSchema,
          via: z.enum(['session', 'apikey']),
          csrfToken: z.string().optional(),
          recoveryCodesLeft: z.number().optional().describe('Unused two-factor recovery codes (when two-factor is on)'),
        }),
      },
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request, reply) => {
    const auth = caller(request);
    const twoFactor = auth.user.totpSecret ? await store.twoFactor.get(auth.user.id) : undefined;
    return {
      user: toUser(auth.user),
      via: auth.via,
      ...(auth.via === 'session' ? { csrfToken: reply.generateCsrf() } : {}),
      ...(twoFactor ? { recoveryCodesLeft: twoFactor.recoveryCodesLeft } : {}),
    };
  });
}
