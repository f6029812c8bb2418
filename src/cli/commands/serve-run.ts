import { pino } from 'pino';
import { loadConfig } from '../../config.ts';
import { VideogenError } from '../../errors.ts';
import { createQueue, createWorker } from '../../queue/index.ts';
import { buildServer } from '../../server/app.ts';
import { defaultSources } from '../../server/default-sources.ts';
import { serverOptions } from '../../server/options.ts';
import { openStore, storeOptionsFrom } from '../../store/index.ts';
import { startEmbeddedDuties } from '../../store/embedded-server.ts';
import { createScheduler } from '../../publish/scheduler.ts';
import { topicSourceResolver } from '../../publish/topic-source.ts';

import type { ServeFlags } from './serve.ts';

/** Closing takes at most this long; a stuck SSE client or render must not keep a restart waiting. */
const SHUTDOWN_MS = 25_000;

/** `videogen serve` (registered in serve.ts). */
export async function runServe(flags: ServeFlags): Promise<void> {
  const config = loadConfig();
  const port = flags.port === undefined ? undefined : Number(flags.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new VideogenError('USAGE', '--port must be a port number');
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new VideogenError('USAGE', '--concurrency must be a positive integer');
  config.server = { ...config.server, ...(port !== undefined ? { port } : {}), ...(flags.host ? { host: flags.host } : {}) };
  const options = serverOptions(config);
  const logger = pino({ base: { service: 'videogen', pid: process.pid }, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-csrf-token"]'] });

  const storeOptions = storeOptionsFrom(config);
  const store = await openStore({ ...storeOptions, lockOwner: { kind: 'server', command: 'serve' } });
  if (!config.secretKey) logger.warn({}, 'VIDEOGEN_SECRET_KEY is not set: channels cannot be connected and two-factor cannot be turned on (generate one with `openssl rand -hex 32`)');
  if ((await store.users.count()) === 0) logger.warn({}, 'no users yet: create the first admin with `videogen admin create --email you@example.com`');
  const queue = createQueue({ store, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}), ...(config.queuePrefix ? { prefix: config.queuePrefix } : {}) });
  // With Redis, separate workers usually render; without it this process is the only one that can.
  const runWorker = flags.worker;
  if (!runWorker && !config.redisUrl && !config.databaseUrl) logger.warn({}, '--no-worker without DATABASE_URL: nothing else can reach the embedded database, so jobs will wait forever');
  const worker = runWorker ? createWorker({ store, queue, config, logger: logger.child({ component: 'worker' }), concurrency, resolveSource: topicSourceResolver(config) }) : undefined;
  const app = await buildServer({ store, queue, config, logger, sources: defaultSources() });
  await worker?.start();
  await app.listen({ port: options.port, host: options.host });
  // The embedded database's owner: commands reach it through its control token; a backup is made at each start.
  const embedded = storeOptions.dataDir ? await startEmbeddedDuties(storeOptions.dataDir, app.server.address(), logger) : undefined;
  // Schedules fire once the API is up; every server may run one (slots are claimed exactly once in the store).
  const scheduler = flags.scheduler ? createScheduler({ store, config, queue, logger: logger.child({ component: 'scheduler' }) }) : undefined;
  scheduler?.start();
  logger.info({ port: options.port, host: options.host, database: store.dialect, queue: queue.kind, worker: worker?.id ?? null, scheduler: Boolean(scheduler) }, `videogen API on http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port} (docs at /docs)`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(1);
      stopping = true;
      logger.info({ signal }, 'shutting down');
      const deadline = setTimeout(() => process.exit(1), SHUTDOWN_MS);
      deadline.unref();
      // Stop firing slots and taking requests, then let the worker hand back or finish its job, then close the connections.
      void Promise.resolve(scheduler?.stop())
        .then(() => app.close())
        .then(() => worker?.stop({ force: true }))
        .then(() => queue.close())
        .then(() => embedded?.stop())
        .then(() => store.close())
        .finally(resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
