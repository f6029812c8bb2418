import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { audit } from '../audit.ts';
import { caller } from '../auth.ts';
import { apiError, notFound } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { hashPassword } from '../../store/passwords.ts';
import { ErasureSchema, ErrorSchema, IdParams, RoleSchema, UserSchema, toUser } from '../schemas.ts';
import { eraseAccount } from '../erase-account.ts';

/** User administration (admin only): list, create, change role, erase. The first admin comes from `videogen admin create`. */
export function userRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;
  const admin = { access: 'admin' as const };

  r.get('/api/users', {
    schema: { tags: ['users'], summary: 'All users', response: { 200: z.object({ users: z.array(UserSchema) }) } },
    config: { ...admin, rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async () => ({ users: (await store.users.list()).map(toUser) }));

  r.post('/api/users', {
    schema: {
      tags: ['users'],
      summary: 'Create a user',
      body: z.object({ email: z.string().trim().toLowerCase().email({ error: 'must be an email address' }).max(320), password: z.string().min(12, { error: 'must be at least 12 characters' }).max(1024), role: RoleSchema.default('editor') }),
      response: { 201: UserSchema },
    },
    config: { ...admin, rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    const { email, password, role } = request.body;
    if (await store.users.byEmail(email)) throw apiError('CONFLICT', `a user with email ${email} already exists`);
    const user = await store.users.create({ email, passwordHash: await hashPassword(password), role });
    await audit(request, 'user.create', user.id, { email, role });
    return reply.code(201).send(toUser(user));
  });

  r.patch('/api/users/:id', {
    schema: { tags: ['users'], summary: "Change a user's role", params: IdParams, body: z.object({ role: RoleSchema }), response: { 200: UserSchema } },
    config: { ...admin, rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request) => {
    const target = await store.users.get(request.params.id);
    if (!target) throw notFound('user');
    // The last admin cannot demote themself, or nobody could administer the server any more.
    if (target.id === caller(request).user.id && request.body.role !== 'admin' && (await store.users.list()).filter((u) => u.role === 'admin').length <= 1)
      throw apiError('CONFLICT', 'you are the only admin; make another admin first');
    const user = await store.users.update(target.id, { role: request.body.role });
    if (!user) throw notFound('user');
    await audit(request, 'user.role', user.id, { from: target.role, to: user.role });
    return toUser(user);
  });

  r.delete('/api/users/:id', {
    schema: {
      tags: ['users'],
      summary: "Erase a user: their running jobs are cancelled, then their rows and files go; the audit log keeps only ids",
      params: IdParams,
      response: { 200: ErasureSchema, 404: ErrorSchema.describe('NOT_FOUND'), 409: ErrorSchema.describe('CONFLICT: the only admin cannot be erased; your own account is erased with DELETE /api/account') },
    },
    config: { ...admin, rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request) => {
    // Erasing oneself proves the account first (password, code); an admin's key or session alone must not do it here.
    if (request.params.id === caller(request).user.id) throw apiError('CONFLICT', 'to erase your own account use DELETE /api/account, which asks for your password');
    return eraseAccount(request, options, request.params.id, 'admin');
  });
}
