import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { generateSecret, generateURI, verify } from 'otplib';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { audit } from '../audit.ts';
import { caller } from '../auth.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../limits.ts';

/** RFC 6238 codes, one 30 s step of clock drift either way. */
export async function checkTotp(secret: string, code: string): Promise<boolean> {
  try {
    return (await verify({ secret, token: code, epochTolerance: 30 })).valid;
  } catch {
    return false;
  }
}

/**
 * Optional two-factor sign-in. `setup` hands out a new secret (not yet active); `verify` proves the authenticator has
 * it and only then stores it on the user, so a half-finished setup never locks anyone out.
 */
export function totpRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/auth/totp/setup', {
    schema: { tags: ['auth'], summary: 'Start two-factor setup: a secret and an otpauth:// URI for the authenticator app', response: { 200: z.object({ secret: z.string(), uri: z.string() }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'auth') },
  }, async (request) => {
    const { user } = caller(request);
    const secret = generateSecret();
    return { secret, uri: generateURI({ secret, label: user.email, issuer: 'videogen' }) };
  });

  r.post('/api/auth/totp/verify', {
    schema: { tags: ['auth'], summary: 'Finish setup: a current code for the secret from setup turns two-factor on', body: z.object({ secret: z.string().regex(/^[A-Z2-7]{16,64}$/, { error: 'must be the base32 secret from setup' }), code: z.string().regex(/^\d{6}$/, { error: 'must be 6 digits' }) }), response: { 200: z.object({ enabled: z.literal(true) }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'auth') },
  }, async (request) => {
    const { user } = caller(request);
    if (!(await checkTotp(request.body.secret, request.body.code))) throw apiError('VALIDATION_FAILED', 'body.code: wrong code for this secret; check the device clock', { path: 'body.code' });
    await app.deps.store.users.update(user.id, { totpSecret: request.body.secret });
    await audit(request, 'auth.totp_enabled', user.id);
    return { enabled: true as const };
  });
}
