import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { audit } from '../audit.ts';
import { caller, sessionCaller } from '../auth.ts';
import { notFound } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { ApiKeySchema, IdParams, toApiKey } from '../schemas.ts';
import { newApiKey, sha256 } from '../tokens.ts';

/** API keys for machines: the key is shown once at creation; only its sha256 and first 8 characters are kept. */
export function keyRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;

  r.post('/api/keys', {
    schema: { tags: ['auth'], summary: 'Create an API key (the key is in this response only; needs a signed-in session)', body: z.object({ name: z.string().trim().min(1).max(100) }), response: { 201: ApiKeySchema.extend({ key: z.string() }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    // A leaked key must not be able to mint a successor that outlives its own revocation.
    const { user } = sessionCaller(request, 'creating an API key');
    const key = newApiKey();
    const row = await store.apiKeys.create({ userId: user.id, name: request.body.name, prefix: key.slice(0, 8), keyHash: sha256(key) });
    await audit(request, 'apikey.create', row.id, { name: row.name });
    return reply.code(201).send({ ...toApiKey(row), key });
  });

  r.get('/api/keys', {
    schema: { tags: ['auth'], summary: 'Your API keys (without the keys)', response: { 200: z.object({ keys: z.array(ApiKeySchema) }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => ({ keys: (await store.apiKeys.list(caller(request).user.id)).map(toApiKey) }));

  r.delete('/api/keys/:id', {
    schema: { tags: ['auth'], summary: 'Revoke one of your API keys', params: IdParams, response: { 204: z.null() } },
    config: { rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    if (!(await store.apiKeys.delete(request.params.id, caller(request).user.id))) throw notFound('API key');
    await audit(request, 'apikey.delete', request.params.id);
    return reply.code(204).send(null);
  });
}
