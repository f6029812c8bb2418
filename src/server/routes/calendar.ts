import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { CALENDAR_MAX_ENTRIES, calendarFor } from '../../publish/calendar.ts';
import { caller } from '../auth.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { CalendarEntrySchema, IsoTime, toCalendarEntry } from '../publish-schemas.ts';

const DAY_MS = 24 * 3_600_000;
const DEFAULT_DAYS = 30;
/** A year at most per request: a 5-minute schedule already has 105 120 slots in one. */
const MAX_DAYS = 366;

const Query = z.object({ from: IsoTime.optional().describe('Default now'), to: IsoTime.optional().describe('Default from + 30 days; at most 366 days after from') }).strict();

/** What will be made and published when: planned slots, fired and skipped runs, publications. */
export function calendarRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;

  r.get('/api/calendar', {
    schema: { tags: ['calendar'], summary: 'Your content calendar in [from, to), oldest first', querystring: Query, response: { 200: z.object({ from: z.string(), to: z.string(), entries: z.array(CalendarEntrySchema), truncated: z.boolean().describe(`More than ${CALENDAR_MAX_ENTRIES} entries: the rest begins at next`), next: z.string().nullable().describe('Ask again with from=next for the rest') }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const from = request.query.from ?? new Date();
    const to = request.query.to ?? new Date(from.getTime() + DEFAULT_DAYS * DAY_MS);
    if (to <= from) throw apiError('VALIDATION_FAILED', 'querystring.to: must be after from', { path: 'querystring.to' });
    if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) throw apiError('VALIDATION_FAILED', `querystring.to: at most ${MAX_DAYS} days after from; ask for the rest in another request`, { path: 'querystring.to' });
    const page = await calendarFor(store, caller(request).user.id, from, to);
    return { from: from.toISOString(), to: to.toISOString(), entries: page.entries.map(toCalendarEntry), truncated: page.truncated, next: page.next?.toISOString() ?? null };
  });
}
