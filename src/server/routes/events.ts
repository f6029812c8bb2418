import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { caller } from '../auth.ts';
import { visibleJob } from '../jobs.ts';
import { rateLimit } from '../limits.ts';
import { ErrorSchema, IdParams, TERMINAL } from '../schemas.ts';
import { streamEvents } from '../sse.ts';

const Query = z.object({ lastEventId: z.string().regex(/^\d+$/).optional().describe('Resume after this event id (EventSource sends the Last-Event-ID header instead)') });
const SSE_DOC = {
  200: { description: 'text/event-stream: `id:` JobEvent id, `event:` state | progress | warning | log, `data:` JSON', content: { 'text/event-stream': { schema: z.string() } } },
  429: ErrorSchema.describe('STREAM_LIMIT: the account already has VIDEOGEN_SSE_PER_USER streams open (or RATE_LIMITED)'),
};

/** SSE progress: one job (ends after its terminal state) or all of the caller's jobs; at most ssePerUser open per user. */
export function eventRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/jobs/:id/events', {
    schema: { tags: ['jobs'], summary: "A job's events: stored ones after Last-Event-ID, then live until it finishes", params: IdParams, querystring: Query, response: SSE_DOC },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request, reply) => {
    const job = await visibleJob(request, request.params.id);
    await streamEvents(request, reply, {
      userId: caller(request).user.id,
      maxPerUser: options.ssePerUser,
      jobId: job.id,
      isLast: (e) => e.type === 'state' && TERMINAL.has(String(e.data.state)),
      // A job that finished before the replay ended: its terminal event was in the replay or before Last-Event-ID.
      doneAfterReplay: async () => TERMINAL.has((await app.deps.store.jobs.get(job.id))?.state ?? 'cancelled'),
    });
  });

  r.get('/api/events', {
    schema: { tags: ['jobs'], summary: "Events of all the caller's jobs (admins: ?all=1 for everyone's)", querystring: Query.extend({ all: z.enum(['1', 'true']).optional() }), response: SSE_DOC },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request, reply) => {
    const { user } = caller(request);
    const everyone = user.role === 'admin' && request.query.all !== undefined;
    await streamEvents(request, reply, { userId: user.id, maxPerUser: options.ssePerUser, ...(everyone ? {} : { ownerId: user.id }) });
  });
}
