import type { SegmentTask } from '../pipeline/segment-distributor.ts';
import { isErrorCode, VideogenError } from '../errors.ts';
import { serializeError, type SerializedError } from '../pipeline/render-protocol.ts';

/**
 * The segment fan-out's wire formats, shared by the coordinator (BullSegmentDistributor) and every worker
 * (SegmentConsumer). The job queue (bullmq.ts) still carries only job ids; this second queue carries segment tasks,
 * which are plain data pointing at a segment context in the shared artifact store.
 */
export const SEGMENT_QUEUE_NAME = 'videogen-segments';
/** Pub/sub channel for "stop the segments of render R": BullMQ cannot abort a job another process is running. */
export const SEGMENT_CONTROL_CHANNEL = 'videogen:segments';

/** What one BullMQ segment job carries: the task plus whom it belongs to, so a cancel can find it on any worker. */
export interface SegmentJobData {
  task: SegmentTask;
  /** This render (one renderVideo call of one attempt of one job): a cancel or a failure stops exactly its tasks. */
  renderId: string;
  /** The render job's id, so the job's own `cancel` bus message also stops its segments on every worker. */
  jobId?: string;
}

/** Frames done so far in one attempt of one task (BullMQ job progress). */
export interface SegmentProgress {
  frames: number;
}

export type SegmentControlMessage = { kind: 'abort'; renderId: string };

export const channelFor = (prefix: string | undefined) => (prefix ? `${prefix}:${SEGMENT_CONTROL_CHANNEL}` : SEGMENT_CONTROL_CHANNEL);

/** BullMQ's job id of a task: readable in Redis, unique per render and segment. BullMQ ids may not contain ':'. */
export const segmentJobId = (renderId: string, index: number) => `${renderId}-s${index}`;

export function decodeControl(text: string): SegmentControlMessage | undefined {
  try {
    const message = JSON.parse(text) as SegmentControlMessage;
    return message.kind === 'abort' && typeof message.renderId === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * BullMQ keeps only an error's message (`failedReason`), so a task's failure travels as JSON of its VideogenError
 * (code, message, details): the coordinator rethrows it with the same code, and retry decisions stay the same.
 */
export function failureReason(error: unknown): string {
  return JSON.stringify(serializeError(error));
}

export function errorFromReason(reason: string | undefined, index: number): Error {
  try {
    const data = JSON.parse(reason ?? '') as SerializedError;
    if (isErrorCode(data.code)) return new VideogenError(data.code, data.message, { ...data.details, segment: index });
    if (typeof data.message === 'string') return new VideogenError('RENDER_FAILED', `segment ${index}: ${data.message}`, { segment: index });
  } catch {
    // A reason BullMQ wrote itself (a stalled job, a lock lost): plain text.
  }
  return new VideogenError('RENDER_FAILED', `segment ${index} failed: ${reason ?? 'no reason given'}`, { segment: index });
}
