import type { Command } from 'commander';
import type { SegmentTaskRenderer } from '../../queue/segment-consumer.ts';

export interface WorkerFlags {
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

/** `videogen worker`; the store, queues and renderer load in worker-run.ts when it starts. */
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
    .action(async (flags: WorkerFlags) => (await import('./worker-run.ts')).runWorker(flags, hooks));
}
