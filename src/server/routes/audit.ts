import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { AuditEntrySchema, ErrorSchema, toAuditEntry } from '../schemas.ts';

const Time = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, e.g. 2026-12-01T09:00:00Z' });

const Query = z
  .object({
    user: z.string().uuid({ error: 'must be a user id' }).optional().describe('Entries this user made or that are about them'),
    action: z
      .string()
      .regex(/^[a-z][a-z0-9_.]*\*?$/, { error: 'must be an action such as upload.delete, or a prefix such as auth. or auth.*' })
      .max(100)
      .optional()
      .describe('Exact action, or a prefix: ending in "." or "*" (auth. and auth.* both match auth.login)'),
    from: Time.optional().describe('Entries at or after this time'),
    to: Time.optional().describe('Entries before this time'),
    before: z.coerce.number().int().positive().optional().describe('Page cursor: the nextBefore of the previous page'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** The audit log for admins, newest first, filtered by user, action and time, paged by entry id (stable under inserts). */
export function auditRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;

  r.get('/api/audit', {
    schema: {
      tags: ['users'],
      summary: 'Audit log (admins): who changed what, when and from where',
      querystring: Query,
      response: { 200: z.object({ entries: z.array(AuditEntrySchema), nextBefore: z.number().nullable() }), 403: ErrorSchema.describe('FORBIDDEN: admins only') },
    },
    config: { access: 'admin', rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const q = request.query;
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && from >= to) throw apiError('VALIDATION_FAILED', 'querystring.from: must be before to', { path: 'querystring.from' });
    const prefix = q.action && (q.action.endsWith('*') ? q.action.slice(0, -1) : q.action.endsWith('.') ? q.action : undefined);
    const entries = await store.audit.query({
      ...(q.user ? { userId: q.user } : {}),
      ...(prefix !== undefined ? { actionPrefix: prefix } : q.action ? { action: q.action } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(q.before ? { beforeId: q.before } : {}),
      limit: q.limit,
    });
    return { entries: entries.map(toAuditEntry), nextBefore: entries.length === q.limit ? entries.at(-1)!.id : null };
  });
}
