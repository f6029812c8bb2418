import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { lockSettings } from '../account-lock.ts';
import { audit } from '../audit.ts';
import { caller } from '../auth.ts';
import { eraseAccount } from '../erase-account.ts';
import { exportAccount } from '../export-account.ts';
import { rateLimit } from '../limits.ts';
import { storageUsage } from '../quota.ts';
import { ErasureSchema, ErrorSchema, UsageSchema, UserSchema, toUser } from '../schemas.ts';
import { openStreamCount } from '../sse.ts';
import { SESSION_COOKIE } from '../tokens.ts';
import { SecondFactorFields, proveAccount } from '../two-factor.ts';

/** The caller's own account: what it holds (usage against the quota), a full export, and erasure (GDPR art. 15, 17, 20). */
export function accountRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, config } = app.deps;
  const lock = lockSettings(options);

  r.get('/api/account', {
    schema: {
      tags: ['account'],
      summary: 'Your profile, storage used against the quota, and open event streams',
      response: { 200: z.object({ user: UserSchema, usage: UsageSchema, streams: z.object({ open: z.number(), max: z.number().describe('VIDEOGEN_SSE_PER_USER') }) }) },
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const { user } = caller(request);
    return { user: toUser(user), usage: await storageUsage(store, config.artifactsDir, user.id, options.quotaBytes), streams: { open: openStreamCount(app, user.id), max: options.ssePerUser } };
  });

  r.get('/api/account/export', {
    schema: {
      tags: ['account'],
      summary: 'Everything stored about you as a zip, streamed: profile, jobs with events and outputs, uploads, templates, API keys (no secrets), audit entries',
      response: { 200: { description: 'application/zip (see README.txt inside)', content: { 'application/zip': { schema: z.string() } } } },
    },
    // An export reads every file the account has: limited like a write, not like a cheap read.
    config: { rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    const { user } = caller(request);
    await audit(request, 'account.export', user.id);
    const day = new Date().toISOString().slice(0, 10);
    void reply.type('application/zip').header('content-disposition', `attachment; filename="videogen-export-${day}.zip"`).header('cache-control', 'no-store');
    const zip = exportAccount({ store, artifactsDir: config.artifactsDir, uploadsDir: options.uploadsDir, log: request.log }, user);
    // A stream bypasses the serializer; the schema's z.string() only documents the body for OpenAPI.
    return reply.send(zip as unknown as string);
  });

  r.delete('/api/account', {
    schema: {
      tags: ['account'],
      summary: 'Erase your account: running jobs are cancelled, then every row and file of yours goes; needs your password (and a code when two-factor is on)',
      body: z.object({ password: z.string().min(1).max(1024), ...SecondFactorFields }).strict(),
      response: { 200: ErasureSchema, 401: ErrorSchema.describe('UNAUTHORIZED: wrong password, or a missing or wrong two-factor code (details.totpRequired)'), 429: ErrorSchema.describe('RATE_LIMITED or the account is locked after failed attempts'), 409: ErrorSchema.describe('CONFLICT: the only admin cannot erase themself') },
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'auth') },
  }, async (request, reply) => {
    const auth = caller(request);
    // The most destructive thing an account can do: password and, with two-factor on, a current or recovery code;
    // failures are audited and count toward the account lockout like at sign-in.
    await proveAccount(request, reply, lock, auth.user, request.body.password, request.body, 'account.delete');
    const result = await eraseAccount(request, options, auth.user.id, 'self');
    if (auth.via === 'session') void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return result;
  });
}
