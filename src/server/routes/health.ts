import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JobState } from '../../store/types.ts';

const CHECK_TIMEOUT_MS = 3000;

async function check(work: () => Promise<void>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([work(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)))]);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness (the process answers), readiness (database, queue broker and ffmpeg all work) and Prometheus metrics.
 * All three are public: they reveal no user data, and orchestrators call them without credentials.
 */
export function healthRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, queue } = app.deps;

  r.get('/api/health', { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok'), version: z.string() }) } }, config: { access: 'public' } }, async () => ({ status: 'ok' as const, version: '0.1.0' }));

  r.get('/api/ready', {
    schema: { tags: ['ops'], summary: 'Readiness: 200 when the store, the queue and ffmpeg work; 503 names what failed', response: { 200: z.object({ ready: z.boolean(), checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })) }), 503: z.object({ ready: z.boolean(), checks: z.record(z.string(), z.object({ ok: z.boolean(), error: z.string().optional() })) }) } },
    config: { access: 'public' },
  }, async (_request, reply) => {
    const [db, broker, ffmpeg] = await Promise.all([check(() => store.ping()), check(() => queue.ping()), check(() => app.deps.ffmpegCheck!())]);
    const checks = Object.fromEntries(Object.entries({ store: db, queue: broker, ffmpeg }).map(([k, e]) => [k, e ? { ok: false, error: e } : { ok: true }]));
    const ready = !db && !broker && !ffmpeg;
    return reply.code(ready ? 200 : 503).send({ ready, checks });
  });

  r.get('/metrics', { schema: { hide: true }, config: { access: 'public' } }, async (_request, reply) => {
    const counts = await store.jobs.countByState().catch(() => undefined);
    if (counts) for (const [state, n] of Object.entries(counts) as [JobState, number][]) app.metrics.jobsByState.set({ state }, n);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(app.metrics.render());
  });
}
