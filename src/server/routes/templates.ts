import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { audit } from '../audit.ts';
import { canSee, caller } from '../auth.ts';
import { notFound } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { IdParams, TemplateSchema, toTemplate } from '../schemas.ts';

const MAX_BODY_CHARS = 256 * 1024;
const Fields = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  body: z.unknown().refine((b) => b !== undefined && JSON.stringify(b).length <= MAX_BODY_CHARS, { error: `must be present and at most ${MAX_BODY_CHARS} characters as JSON` }).describe('A template document (variables + body) or a spec skeleton'),
});

/** Server-side templates (video_gen kept them in localStorage). Owners see theirs; admins see all. */
export function templateRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;
  const write = { access: 'editor' as const, rateLimit: rateLimit(options.rateLimits, 'write') };
  const read = { rateLimit: rateLimit(options.rateLimits, 'read') };

  const visible = async (request: Parameters<typeof canSee>[0], id: string) => {
    const t = await store.templates.get(id);
    if (!t || !canSee(request, t.ownerId)) throw notFound('template');
    return t;
  };

  r.get('/api/templates', { schema: { tags: ['templates'], summary: 'Your templates', response: { 200: z.object({ templates: z.array(TemplateSchema) }) } }, config: read }, async (request) => ({
    templates: (await store.templates.list(caller(request).user.id)).map(toTemplate),
  }));

  r.get('/api/templates/:id', { schema: { tags: ['templates'], summary: 'One template', params: IdParams, response: { 200: TemplateSchema } }, config: read }, async (request) =>
    toTemplate(await visible(request, request.params.id)),
  );

  r.post('/api/templates', { schema: { tags: ['templates'], summary: 'Save a template', body: Fields.strict(), response: { 201: TemplateSchema } }, config: write }, async (request, reply) => {
    const t = await store.templates.create({ ownerId: caller(request).user.id, name: request.body.name, description: request.body.description ?? null, body: request.body.body });
    await audit(request, 'template.create', t.id, { name: t.name });
    return reply.code(201).send(toTemplate(t));
  });

  r.patch('/api/templates/:id', { schema: { tags: ['templates'], summary: 'Change a template', params: IdParams, body: Fields.partial().strict(), response: { 200: TemplateSchema } }, config: write }, async (request) => {
    await visible(request, request.params.id);
    const { name, description, body } = request.body;
    const t = await store.templates.update(request.params.id, { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}), ...(body !== undefined ? { body } : {}) });
    if (!t) throw notFound('template');
    await audit(request, 'template.update', t.id, { fields: Object.keys(request.body) });
    return toTemplate(t);
  });

  r.delete('/api/templates/:id', { schema: { tags: ['templates'], summary: 'Delete a template', params: IdParams, response: { 204: z.null() } }, config: write }, async (request, reply) => {
    await visible(request, request.params.id);
    await store.templates.delete(request.params.id);
    await audit(request, 'template.delete', request.params.id);
    return reply.code(204).send(null);
  });
}
