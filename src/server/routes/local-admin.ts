import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { createBackup } from '../../store/backup.ts';
import { CONTROL_HEADER, controlPublished, isControlToken } from '../../store/control-file.ts';
import { storeOptionsFrom } from '../../store/from-config.ts';
import { hashPassword } from '../../store/passwords.ts';
import { audit } from '../audit.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { RoleSchema, UserSchema, toUser } from '../schemas.ts';

/** The peer of the TCP connection itself: X-Forwarded-For (trustProxy) must not make a remote caller look local. */
function fromThisMachine(request: FastifyRequest): boolean {
  const peer = request.raw.socket.remoteAddress;
  if (!peer || !ipaddr.isValid(peer)) return false;
  if (request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined) return false;
  return ipaddr.process(peer).range() === 'loopback';
}

/**
 * The local control token (see src/store/control-file.ts) from a loopback peer, or the request is refused. A server
 * started without publishing a token (tests, embedding) answers 404 as if the routes did not exist.
 */
async function controlOnly(request: FastifyRequest): Promise<void> {
  if (!controlPublished()) throw apiError('NOT_FOUND', 'no such route');
  if (!fromThisMachine(request)) throw apiError('FORBIDDEN', 'local administration is only accepted from this machine');
  const token = request.headers[CONTROL_HEADER];
  if (!isControlToken(typeof token === 'string' ? token : undefined)) throw apiError('UNAUTHORIZED', 'a valid local control token is required');
}

/**
 * What `videogen admin …` does through the running server while the server holds the embedded database (PGlite
 * allows one process): create an account, make a backup. Public to the session/API-key check, authenticated by the
 * control token instead; hidden from the OpenAPI document.
 */
export function localAdminRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, config } = app.deps;
  const local = { access: 'public' as const, rateLimit: rateLimit(options.rateLimits, 'write') };

  r.post('/api/local/admin/users', {
    schema: {
      hide: true,
      body: z.object({ email: z.string().trim().toLowerCase().email({ error: 'must be an email address' }).max(320), password: z.string().min(12, { error: 'must be at least 12 characters' }).max(1024), role: RoleSchema }),
      response: { 201: UserSchema },
    },
    config: local,
    onRequest: controlOnly,
  }, async (request, reply) => {
    const { email, password, role } = request.body;
    if (await store.users.byEmail(email)) throw apiError('CONFLICT', `an account for ${email} exists already`);
    const user = await store.users.create({ email, passwordHash: await hashPassword(password), role });
    await audit(request, 'user.create', user.id, { email, role, via: 'cli' });
    return reply.code(201).send(toUser(user));
  });

  r.post('/api/local/admin/backup', {
    schema: { hide: true, response: { 201: z.object({ path: z.string(), bytes: z.number() }) } },
    config: local,
    onRequest: controlOnly,
  }, async (request, reply) => {
    const dataDir = storeOptionsFrom(config).dataDir;
    if (store.dialect !== 'pglite' || !dataDir) throw apiError('USAGE', 'this server uses PostgreSQL: back it up with pg_dump');
    const backup = await createBackup(dataDir);
    await audit(request, 'store.backup', null, { path: backup.path, bytes: backup.bytes, via: 'cli' });
    return reply.code(201).send({ path: backup.path, bytes: backup.bytes });
  });
}
