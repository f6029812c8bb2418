import { isErrorCode, VideogenError, type ErrorDetails } from '../errors.ts';
import type { VideogenConfig } from '../config.ts';
import type { VideoSpec } from '../spec/index.ts';
import type { RenderEvent } from './events.ts';
import type { RenderOptions, RenderResult } from './render-video.ts';
import { UPLOAD_PREFIX } from '../sources/media-paths.ts';
import type { FanoutSettings } from './segment-distributor.ts';

/**
 * Messages between a server process and the render process it started (src/pipeline/render-child.ts), over Node's
 * IPC channel with structured-clone serialisation. Only data crosses: the child rebuilds its TTS registry and tools
 * from the config, and the parent keeps everything that talks to the database or to clients.
 */
export type RenderSettings = Omit<RenderOptions, 'config' | 'registry' | 'signal' | 'onEvent' | 'uploads' | 'llm' | 'distribute'> & {
  /** Fan the segments out over the BullMQ workers (the render process builds the distributor from the config). */
  fanout?: FanoutSettings;
  /** `upload:<id>` media as data: upload id → stored path, resolved (and ownership checked) by the job runner. */
  uploadPaths?: Record<string, string>;
};

/**
 * renderVideo's `uploads` resolver over a map made before the render: only the uploads the job was checked to own can
 * be read, and the render process needs no database. Accepts the id with or without the `upload:` prefix.
 */
export function uploadsFrom(paths: Readonly<Record<string, string>>): (id: string) => Promise<string> {
  return async (ref) => {
    const id = (ref.startsWith(UPLOAD_PREFIX) ? ref.slice(UPLOAD_PREFIX.length) : ref).toLowerCase();
    const path = Object.hasOwn(paths, id) ? paths[id] : undefined;
    if (!path) throw new VideogenError('NOT_FOUND', `upload "${id.slice(0, 60)}" is not one this job may use (deleted, or not the job owner's)`);
    return path;
  };
}

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
