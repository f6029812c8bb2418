import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from '../../store/passwords.ts';
import { lockSettings } from '../account-lock.ts';
import { audit } from '../audit.ts';
import { sessionCaller } from '../auth.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { SecondFactorFields, proveAccount } from '../two-factor.ts';

const Body = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(MIN_PASSWORD_LENGTH, { error: `must be at least ${MIN_PASSWORD_LENGTH} characters` }).max(1024),
  ...SecondFactorFields,
});

/**
 * Password change from a signed-in session: the current password (and a code when two-factor is on), then the new
 * one is hashed with argon2id and every other session of the account ends — whoever knew the old password is out.
 * API keys are left alone: they are listed and revoked separately (GET/DELETE /api/keys).
 */
export function passwordRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;
  const lock = lockSettings(app.deps.config.server ?? options);

  r.post('/api/account/password', {
    schema: {
      tags: ['auth'],
      summary: 'Change your password; every other session is signed out',
      body: Body,
      response: { 200: z.object({ revokedSessions: z.number().describe('Other sessions that were signed out') }) },
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'auth') },
  }, async (request, reply) => {
    const auth = sessionCaller(request, 'a password change');
    const { currentPassword, newPassword } = request.body;
    await proveAccount(request, reply, lock, auth.user, currentPassword, request.body, 'password.change');
    if (await verifyPassword(auth.user.passwordHash, newPassword)) throw apiError('VALIDATION_FAILED', 'body.newPassword: must differ from the current password', { path: 'body.newPassword' });
    await store.users.update(auth.user.id, { passwordHash: await hashPassword(newPassword) });
    const revokedSessions = await store.sessions.deleteForUser(auth.user.id, auth.sessionId);
    await audit(request, 'account.password_changed', auth.user.id, { revokedSessions });
    return { revokedSessions };
  });
}
