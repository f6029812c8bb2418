import type { Command } from 'commander';
import { pino } from 'pino';
import { loadConfig } from '../../config.ts';
import { VideogenError } from '../../errors.ts';
import { openStore, storeOptionsFrom } from '../../store/index.ts';
import { createQueue, createWorker } from '../../queue/index.ts';
import { topicSourceResolver } from '../../publish/topic-source.ts';
import { SegmentConsumer, type SegmentTaskRenderer } from '../../queue/segment-consumer.ts';
import { fanoutEnabled } from '../../queue/segment-fanout.ts';
import { fanoutRenderJob } from '../../queue/segment-render-job.ts';

interface WorkerFlags {
  concurrency: string;
  leaseMs: string;
  heartbeatMs?: string;
  pollMs: string;
  retryBaseMs: string;
  drainMs: string;
  segmentConcurrency: string;
  id?: string;
}

/** What tests may replace in a real worker process (fault injection); the CLI passes nothing. */
export interface WorkerHooks {
  renderTask?: SegmentTaskRenderer;
}

const positive = (value: string, flag: string, min = 1): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new VideogenError('USAGE', `${flag} must be ${min === 0 ? 'a whole number' : 'a positive integer'}`);
  return n;
};

export function registerWorker(program: Command, hooks: WorkerHooks = {}): void {
  program
    .command('worker')
    .description('Run render jobs from the shared database (DATABASE_URL) and queue (REDIS_URL); logs JSON lines.')
    .option('--concurrency <n>', 'jobs rendered at once', '1')
    .option('--lease-ms <ms>', 'a job whose lease is not renewed for this long is taken over by another worker', '30000')
    .option('--heartbeat-ms <ms>', 'lease renewal interval (default: a third of the lease, at most 5 s)')
    .option('--poll-ms <ms>', 'how often the database is checked for jobs no notification announced', '3000')
    .option('--retry-base-ms <ms>', 'first retry delay; doubles each attempt', '5000')
    .option('--drain-ms <ms>', 'on SIGTERM, how long running jobs may finish before they are handed back to the queue', '25000')
    .option('--segment-concurrency <n>', 'segment tasks of fanned-out renders (any worker\'s) rendered here at once; 0 takes none', '1')
    .option('--id <name>', 'worker name in leases and logs (default host:pid:random)')
    .action(async (flags: WorkerFlags) => {
      const config = loadConfig();
      // PGlite is one process's embedded database: a separate worker process needs a shared PostgreSQL.
      if (!config.databaseUrl) throw new VideogenError('USAGE', 'videogen worker needs DATABASE_URL (a PostgreSQL shared with the server); without it the server runs jobs itself');
      const logger = pino({ base: { service: 'videogen-worker', pid: process.pid } });
      if (!config.redisUrl) logger.warn({}, 'REDIS_URL is not set: polling the database for jobs');
      const store = await openStore(storeOptionsFrom(config));
      const queue = createQueue({ store, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}), ...(config.queuePrefix ? { prefix: config.queuePrefix } : {}) });
      const fanout = fanoutEnabled(config);
      const segmentConcurrency = positive(flags.segmentConcurrency, '--segment-concurrency', 0);
      // Every worker on BullMQ renders segment tasks, its own renders' included: a coordinator waiting for its
      // segments is not idle. Started first, so a fanned-out job claimed at once finds at least this consumer.
      const segments =
        config.redisUrl && segmentConcurrency > 0
          ? new SegmentConsumer({ redisUrl: config.redisUrl, ...(config.queuePrefix ? { prefix: config.queuePrefix } : {}), config, queue, concurrency: segmentConcurrency, logger, ...(flags.id ? { id: flags.id } : {}), ...(hooks.renderTask ? { renderTask: hooks.renderTask } : {}) })
          : undefined;
      await segments?.start();
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
        ...(fanout ? { runJob: fanoutRenderJob() } : {}),
      });
      await worker.start();
      logger.info({ worker: worker.id, queue: queue.kind, database: store.dialect, artifactsDir: config.artifactsDir, cacheDir: config.cacheDir, fanout, segmentConcurrency: segments ? segmentConcurrency : 0 }, 'worker started');

      const drainMs = positive(flags.drainMs, '--drain-ms');
      await new Promise<void>((resolve) => {
        let stopping: Promise<void> | undefined;
        const onSignal = (signal: NodeJS.Signals) => {
          if (stopping) {
            // A second signal: stop waiting, hand running jobs back now.
            logger.warn({ signal }, 'stopping now');
            void worker.stop({ force: true });
            void segments?.close();
            return;
          }
          logger.info({ signal, drainMs }, 'stopping: finishing running jobs');
          const deadline = setTimeout(() => {
            void worker.stop({ force: true });
            // Segment tasks cut short are retried on another worker.
            void segments?.close();
          }, drainMs);
          // Side by side: this worker's own renders may wait for the segment it is rendering.
          stopping = Promise.all([worker.stop(), segments?.close({ drain: true })]).then(() => undefined).finally(() => {
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
