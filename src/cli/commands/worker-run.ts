import { pino } from 'pino';
import { loadConfig } from '../../config.ts';
import { VideogenError } from '../../errors.ts';
import { openStore, storeOptionsFrom } from '../../store/index.ts';
import { createQueue, createWorker } from '../../queue/index.ts';
import { topicSourceResolver } from '../../publish/topic-source.ts';
import { SegmentConsumer } from '../../queue/segment-consumer.ts';
import { fanoutEnabled } from '../../queue/segment-fanout.ts';
import { runAnyJobFannedOut } from '../../queue/run-job.ts';
import { rendererFingerprint } from '../../pipeline/renderer-fingerprint.ts';
import { applyRenderGcFlags } from '../../pipeline/render-env.ts';
import type { WorkerFlags, WorkerHooks } from './worker.ts';

const positive = (value: string, flag: string, min = 1): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new VideogenError('USAGE', `${flag} must be ${min === 0 ? 'a whole number' : 'a positive integer'}`);
  return n;
};

/** `videogen worker` once started: the store, the queues, the job runner and the segment consumer. */
export async function runWorker(flags: WorkerFlags, hooks: WorkerHooks): Promise<void> {
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
  // Segment tasks draw frames in this process: the collector setting renders want (render-env.ts RENDER_PROCESS_FLAGS).
  if (segments) applyRenderGcFlags();
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
    ...(fanout ? { runJob: runAnyJobFannedOut } : {}),
  });
  await worker.start();
  logger.info({ worker: worker.id, queue: queue.kind, database: store.dialect, artifactsDir: config.artifactsDir, cacheDir: config.cacheDir, fanout, segmentConcurrency: segments ? segmentConcurrency : 0, renderer: rendererFingerprint() }, 'worker started');

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
}
