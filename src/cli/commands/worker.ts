import type { Command } from 'commander';
import { pino } from 'pino';
import { loadConfig } from '../../config.ts';
import { VideogenError } from '../../errors.ts';
import { openStore, storeOptionsFrom } from '../../store/index.ts';
import { createQueue, createWorker } from '../../queue/index.ts';
import { topicSourceResolver } from '../../publish/topic-source.ts';

interface WorkerFlags {
  concurrency: string;
  leaseMs: string;
  heartbeatMs?: string;
  pollMs: string;
  retryBaseMs: string;
  drainMs: string;
  id?: string;
}

const positive = (value: string, flag: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new VideogenError('USAGE', `${flag} must be a positive integer`);
  return n;
};

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Run render jobs from the shared database (DATABASE_URL) and queue (REDIS_URL); logs JSON lines.')
    .option('--concurrency <n>', 'jobs rendered at once', '1')
    .option('--lease-ms <ms>', 'a job whose lease is not renewed for this long is taken over by another worker', '30000')
    .option('--heartbeat-ms <ms>', 'lease renewal interval (default: a third of the lease, at most 5 s)')
    .option('--poll-ms <ms>', 'how often the database is checked for jobs no notification announced', '3000')
    .option('--retry-base-ms <ms>', 'first retry delay; doubles each attempt', '5000')
    .option('--drain-ms <ms>', 'on SIGTERM, how long running jobs may finish before they are handed back to the queue', '25000')
    .option('--id <name>', 'worker name in leases and logs (default host:pid:random)')
    .action(async (flags: WorkerFlags) => {
      const config = loadConfig();
      // PGlite is one process's embedded database: a separate worker process needs a shared PostgreSQL.
      if (!config.databaseUrl) throw new VideogenError('USAGE', 'videogen worker needs DATABASE_URL (a PostgreSQL shared with the server); without it the server runs jobs itself');
      const logger = pino({ base: { service: 'videogen-worker', pid: process.pid } });
      if (!config.redisUrl) logger.warn({}, 'REDIS_URL is not set: polling the database for jobs');
      const store = await openStore(storeOptionsFrom(config));
      const queue = createQueue({ store, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}), ...(config.queuePrefix ? { prefix: config.queuePrefix } : {}) });
      const worker = createWorker({
        store,
        queue,
        config,
        logger,
        // Create jobs (what schedules make): the topic → Short/video resolver.
        resolveSource: topicSourceResolver(config),
        concurrency: positive(flags.concurrency, '--concurrency'),
        leaseMs: positive(flags.leaseMs, '--lease-ms'),
        pollMs: positive(flags.pollMs, '--poll-ms'),
        retryBaseMs: positive(flags.retryBaseMs, '--retry-base-ms'),
        ...(flags.heartbeatMs ? { heartbeatMs: positive(flags.heartbeatMs, '--heartbeat-ms') } : {}),
        ...(flags.id ? { id: flags.id } : {}),
      });
      await worker.start();
      logger.info({ worker: worker.id, queue: queue.kind, database: store.dialect, artifactsDir: config.artifactsDir, cacheDir: config.cacheDir }, 'worker started');

      const drainMs = positive(flags.drainMs, '--drain-ms');
      await new Promise<void>((resolve) => {
        let stopping: Promise<void> | undefined;
        const onSignal = (signal: NodeJS.Signals) => {
          if (stopping) {
            // A second signal: stop waiting, hand running jobs back now.
            logger.warn({ signal }, 'stopping now');
            void worker.stop({ force: true });
            return;
          }
          logger.info({ signal, drainMs }, 'stopping: finishing running jobs');
          const deadline = setTimeout(() => void worker.stop({ force: true }), drainMs);
          stopping = worker.stop().finally(() => {
            clearTimeout(deadline);
            resolve();
          });
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
      await queue.close();
      await store.close();
      logger.info({ worker: worker.id }, 'worker stopped');
    });
}
