/**
 * Every error videogen raises on purpose carries a stable code, so the CLI, the API and tests can react to the code
 * rather than to wording. Each code has a page at docs/errors/<CODE>.md explaining cause and fix.
 */
export type ErrorCode =
  | 'SPEC_INVALID'
  | 'SPEC_UNREADABLE'
  | 'SOURCE_UNREADABLE'
  | 'RENDER_FAILED'
  | 'FONT_MISSING'
  | 'FFMPEG_MISSING'
  | 'FFMPEG_FAILED'
  | 'TTS_UNAVAILABLE'
  | 'TTS_FAILED'
  | 'SCENE_NOT_FOUND'
  | 'CANCELLED'
  | 'LLM_FAILED'
  | 'USAGE'
  // Service (server, store, queue): the HTTP status follows from the code (src/server/errors.ts).
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_AVAILABLE'
  | 'RANGE_NOT_SATISFIABLE'
  | 'JOB_FAILED';

export interface ErrorDetails {
  [key: string]: unknown;
}

export class VideogenError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VideogenError';
    this.code = code;
    this.details = details;
  }

  /** Where a reader finds the cause and the fix; printed after CLI errors. */
  get docsPath(): string {
    return `docs/errors/${this.code}.md`;
  }
}

export function isVideogenError(value: unknown): value is VideogenError {
  return value instanceof VideogenError;
}
