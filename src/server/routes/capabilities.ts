import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { rateLimit } from '../limits.ts';

const Capability = z.object({ enabled: z.boolean(), reason: z.string().optional().describe('Why it is off and how to turn it on') });

/**
 * What this server can do, so the studio shows a page only for what works here: publishing needs a YouTube OAuth
 * client and VIDEOGEN_SECRET_KEY (tokens are sealed at rest), two-factor needs the key too.
 */
export function capabilityRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config, store } = app.deps;

  r.get('/api/setup', {
    schema: { tags: ['ops'], summary: 'Whether this server still needs its first admin (the studio shows how to create one)', response: { 200: z.object({ needsAdmin: z.boolean(), command: z.string() }) } },
    // Public and read on every visit to the sign-in page: the read limit, so it never eats the sign-in attempts.
    config: { access: 'public', rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async () => ({ needsAdmin: (await store.users.count()) === 0, command: 'npx videogen admin create --email you@example.com' }));

  r.get('/api/capabilities', {
    schema: {
      tags: ['ops'],
      summary: 'What this server supports (the studio hides pages for what it does not)',
      response: { 200: z.object({ version: z.string(), publishing: Capability, twoFactor: Capability, schedules: Capability, multilingual: Capability }) },
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async () => {
    const key = config.secretKey ? undefined : 'set VIDEOGEN_SECRET_KEY (openssl rand -hex 32) and restart the server';
    const { clientId, clientSecret } = config.publish.youtube;
    const client = clientId && clientSecret ? undefined : 'set YOUTUBE_CLIENT_ID and YOUTUBE_CLIENT_SECRET (a Google Cloud OAuth client) and restart the server';
    const publishing = key ?? client;
    return {
      version: '0.1.0',
      publishing: { enabled: !publishing, ...(publishing ? { reason: publishing } : {}) },
      twoFactor: { enabled: !key, ...(key ? { reason: key } : {}) },
      // Schedules make videos for a channel, so they need what publishing needs.
      schedules: { enabled: !publishing, ...(publishing ? { reason: publishing } : {}) },
      // Narration templates in 13 languages work offline; translation providers add more (GET /api/translation-providers).
      multilingual: { enabled: true },
    };
  });
}
