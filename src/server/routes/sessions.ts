import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import type { Session } from '../../store/types.ts';
import { lockSettings, type LockSettings } from '../account-lock.ts';
import { audit } from '../audit.ts';
import { sessionCaller } from '../auth.ts';
import { notFound } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { SESSION_COOKIE } from '../tokens.ts';

/**
 * A user's signed-in sessions: listed (where from, when last seen) and revocable one by one or all but this one.
 * A session is named by the first 16 hex characters of its row id (itself the sha256 of the cookie token): enough to
 * tell sessions apart, useless for signing in.
 */
const PUBLIC_ID_LENGTH = 16;
const publicId = (s: Session) => s.id.slice(0, PUBLIC_ID_LENGTH);
const PURGE_EVERY_MS = 60 * 60 * 1000;

const SessionSchema = z.object({
  id: z.string().describe('Opaque session id (for DELETE /api/auth/sessions/{id})'),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean().describe('The session this request came with'),
});
const SessionParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, { error: 'must be a session id from GET /api/auth/sessions' }) });

/** Expired sessions and finished lockout counters go; run at sign-in and every hour. */
export async function purgeExpired(app: FastifyInstance, lock: LockSettings): Promise<void> {
  try {
    await app.deps.store.sessions.deleteExpired();
    await app.deps.store.loginThrottle.purge(Math.max(lock.windowMs, lock.lockMs));
  } catch (error) {
    // Housekeeping: a failure here must not fail a sign-in; the next run catches up.
    app.log.warn({ err: error }, 'purging expired sessions failed');
  }
}

export function sessionRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;
  const lock = lockSettings(app.deps.config.server ?? options);

  // unref: the timer alone never keeps a process (or a test run) alive.
  const timer = setInterval(() => void purgeExpired(app, lock), PURGE_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  r.get('/api/auth/sessions', {
    schema: { tags: ['auth'], summary: 'Your signed-in sessions, newest first', response: { 200: z.object({ sessions: z.array(SessionSchema) }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const auth = sessionCaller(request, 'listing sign-in sessions');
    const sessions = await store.sessions.listForUser(auth.user.id);
    return {
      sessions: sessions.map((s) => ({
        id: publicId(s),
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt ? s.lastSeenAt.toISOString() : null,
        expiresAt: s.expiresAt.toISOString(),
        ip: s.ip,
        userAgent: s.userAgent,
        current: s.id === auth.sessionId,
      })),
    };
  });

  r.delete('/api/auth/sessions/:id', {
    schema: { tags: ['auth'], summary: 'Sign one of your sessions out (this one too, if you name it)', params: SessionParams, response: { 204: z.null() } },
    config: { rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    const auth = sessionCaller(request, 'signing a session out');
    const session = (await store.sessions.listForUser(auth.user.id)).find((s) => publicId(s) === request.params.id);
    if (!session) throw notFound('session');
    await store.sessions.delete(session.id);
    if (session.id === auth.sessionId) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    await audit(request, 'auth.session_revoked', auth.user.id, { session: request.params.id });
    return reply.code(204).send(null);
  });

  r.post('/api/auth/sessions/revoke-others', {
    schema: { tags: ['auth'], summary: 'Sign out everywhere else: every session but this one ends', response: { 200: z.object({ revoked: z.number() }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request) => {
    const auth = sessionCaller(request, 'signing out everywhere else');
    const revoked = await store.sessions.deleteForUser(auth.user.id, auth.sessionId);
    await audit(request, 'auth.sessions_revoked', auth.user.id, { revoked });
    return { revoked };
  });
}
