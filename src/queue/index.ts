export type * from './types.ts';
export { createQueue, type QueueOptions } from './create-queue.ts';
export { InProcessQueue } from './inprocess.ts';
export { BullMqQueue, QUEUE_NAME, EVENTS_CHANNEL } from './bullmq.ts';
export { submitJob } from './submit.ts';
export { recordEvent } from './record-event.ts';
export { createWorker, JobRunner, type WorkerOptions } from './runner.ts';
export { renderJob, renderJobInProcess, specOf, renderOptionsOf, type RunJob, type JobContext, type SourceResolver } from './run-job.ts';
export type { WorkerLogger } from './execute-job.ts';
