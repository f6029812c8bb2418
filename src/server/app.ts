import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimitPlugin from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import { findFfmpeg } from '../media/index.ts';
import type { AuthCredential, ServerDeps } from './context.ts';
import { AuthCache, invalidatingStore } from './auth-cache.ts';
import { registerAuth } from './auth.ts';
import { apiError, errorHandler, notFoundHandler } from './errors.ts';
import { Metrics } from './metrics.ts';
import { serverOptions } from './options.ts';
import { registerRoutes } from './routes/index.ts';
import { WEB_DIST } from './routes/web.ts';

/** Headers and cookies carry credentials; they never reach the log. */
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/**
 * The API: Fastify 5 with zod route schemas (validation, serialisation and the OpenAPI document at /docs come from the
 * same schemas), security plugins, and one route-group plugin per area under src/server/routes.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const options = serverOptions(deps.config);
  const app = Fastify({
    loggerInstance: (deps.logger ?? pino({ level: 'info', redact: REDACT })) as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: options.trustProxy,
    bodyLimit: Math.max(1024 * 1024, options.uploadMaxBytes),
    // SSE streams stay open; the server must not cut them, but idle keep-alive sockets should go.
    connectionTimeout: 0,
  });
  // Every repository write that can change who a credential belongs to empties the credential cache.
  const authCache = new AuthCache<AuthCredential>();
  deps = { ...deps, store: invalidatingStore(deps.store, authCache) };
  app.decorate('authCache', authCache);
  app.decorate('authTouched', new Map<string, number>());
  app.decorate('deps', { ffmpegCheck: async () => void (await findFfmpeg({ ...(deps.config.ffmpegPath ? { ffmpegPath: deps.config.ffmpegPath } : {}), ...(deps.config.searchPath ? { searchPath: deps.config.searchPath } : {}) })), ...deps });
  app.decorate('metrics', new Metrics());
  app.decorate('sseStreams', new Set<() => void>());
  app.decorate('webDir', options.webDir ?? WEB_DIST);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    app.metrics.httpSeconds.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  await app.register(helmet, {
    // A same-origin SPA: scripts only from us; inline styles for canvas-driven UI; media and images may be blobs.
    // No upgrade-insecure-requests: on plain-HTTP localhost it would break every asset.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        // wasm-unsafe-eval lets the preview compile shiki's WebAssembly regex engine; it allows no inline script or eval.
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https://i.ytimg.com'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: options.secureCookies === true ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  // CSRF secrets live in our session rows (request.session, filled by the auth hook); the plugin's '@fastify/session'
  // mode reads them from there, so tokens survive restarts and work across server replicas.
  await app.register(csrf, { sessionPlugin: '@fastify/session', getToken: (request) => request.headers['x-csrf-token'] as string | undefined });
  // With several server processes (REDIS_URL set) the counters live in Redis, so a limit holds across all of them.
  const limiterRedis = deps.config.redisUrl ? new Redis(deps.config.redisUrl, { connectTimeout: 1_000, maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined;
  if (limiterRedis) {
    limiterRedis.on('error', (error) => app.log.warn({ err: error }, 'rate-limit Redis unavailable; requests are not limited meanwhile'));
    app.addHook('onClose', async () => void limiterRedis.disconnect());
  }
  await app.register(rateLimitPlugin, {
    global: false,
    hook: 'preHandler',
    ...(limiterRedis ? { redis: limiterRedis, nameSpace: `${deps.config.queuePrefix ?? 'videogen'}:rate-limit:`, skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) => apiError('RATE_LIMITED', `too many requests: at most ${context.max} per minute; retry in ${context.after}`, { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(multipart, { limits: { fileSize: options.uploadMaxBytes, files: 1, fields: 20, parts: 30 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'videogen API', version: '0.1.0', description: 'Documents, specs and topics → narrated, captioned videos. Errors: { error: { code, message, details? } }.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vg_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'API key from POST /api/keys (vgk_…)' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.addHook('preClose', async () => {
    for (const close of [...app.sseStreams]) close();
  });
  registerAuth(app);
  await app.register(registerRoutes, { options });
  return app;
}
