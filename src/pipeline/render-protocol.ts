import { isErrorCode, VideogenError, type ErrorDetails } from '../errors.ts';
import type { VideogenConfig } from '../config.ts';
import type { VideoSpec } from '../spec/index.ts';
import type { RenderEvent } from './events.ts';
import type { RenderOptions, RenderResult } from './render-video.ts';

/**
 * Messages between a server process and the render process it started (src/pipeline/render-child.ts), over Node's
 * IPC channel with structured-clone serialisation. Only data crosses: the child rebuilds its TTS registry and tools
 * from the config, and the parent keeps everything that talks to the database or to clients.
 */
export type RenderSettings = Omit<RenderOptions, 'config' | 'registry' | 'signal' | 'onEvent'>;

export type ToChild = { type: 'start'; spec: VideoSpec; options: RenderSettings; config: VideogenConfig } | { type: 'cancel' };

export type FromChild = { type: 'event'; event: RenderEvent } | { type: 'done'; result: RenderResult } | { type: 'error'; error: SerializedError };

/** An error as data: a VideogenError keeps its code and details, so retry decisions and API answers stay the same. */
export interface SerializedError {
  code?: string;
  message: string;
  details?: ErrorDetails;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof VideogenError) return { code: error.code, message: error.message, ...(error.details ? { details: cloneable(error.details) } : {}), ...(error.stack ? { stack: error.stack } : {}) };
  if (error instanceof Error) return { message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { message: String(error) };
}

/** A VideogenError again when the child threw one; otherwise a plain Error, which the worker reports as RENDER_FAILED. */
export function deserializeError(data: SerializedError): Error {
  const error = isErrorCode(data.code) ? new VideogenError(data.code, data.message, data.details) : new Error(data.message);
  // The child's stack says where it failed; the parent's would only point at the IPC handler.
  if (data.stack) error.stack = data.stack;
  return error;
}

/** Details normally are plain data; anything structured clone refuses (a function, a socket) travels as JSON text. */
function cloneable(details: ErrorDetails): ErrorDetails {
  try {
    return structuredClone(details);
  } catch {
    try {
      return JSON.parse(JSON.stringify(details)) as ErrorDetails;
    } catch {
      return { note: 'details could not be serialised' };
    }
  }
}
