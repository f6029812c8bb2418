/**
 * Every error videogen raises on purpose carries a stable code, so the CLI, the API and tests can react to the code
 * rather than to wording. Each code is declared once, here: its HTTP status, whether another attempt of a job can
 * succeed, and what it means. Its page is docs/errors/<CODE>.md (cause and fix; a test checks every code has one).
 */
interface ErrorCodeInfo {
  /** HTTP status the API answers with. 4xx: the caller can fix it; 502/503: an upstream provider or tool; 500: ours. */
  status: number;
  /** A queued job that failed with this code is tried again (with backoff) only when this is true. */
  retry: boolean;
  summary: string;
}

export const ERROR_CODES = {
  // Input the user or an upload gave: fixing the input is the only cure, so none of these is retried.
  SPEC_INVALID: { status: 422, retry: false, summary: 'The spec does not match the schema; every problem names its field path.' },
  SPEC_UNREADABLE: { status: 422, retry: false, summary: 'The spec text is not YAML or JSON.' },
  SOURCE_UNREADABLE: { status: 422, retry: false, summary: 'A source document or URL cannot be read or parsed.' },
  SOURCE_FORBIDDEN: { status: 403, retry: false, summary: 'A source, set entry, template, or media path points outside the place it may read from.' },
  LIMIT_EXCEEDED: { status: 422, retry: false, summary: 'Input is over a safety limit (size, nesting, aliases, counts, archive ratio, text length, numbers).' },
  SCENE_NOT_FOUND: { status: 404, retry: false, summary: 'A scene id or index names no scene of the spec.' },
  USAGE: { status: 400, retry: false, summary: 'A command or option was used wrongly.' },
  CANCELLED: { status: 409, retry: false, summary: 'The job or command was cancelled.' },
  // The service's own answers.
  VALIDATION_FAILED: { status: 400, retry: false, summary: 'The request body, query or parameters do not match the route schema.' },
  NOT_FOUND: { status: 404, retry: false, summary: 'No such thing, or it belongs to somebody else.' },
  UNAUTHORIZED: { status: 401, retry: false, summary: 'Not signed in, a wrong password or code, or an invalid API key.' },
  FORBIDDEN: { status: 403, retry: false, summary: 'Signed in, but the role does not allow this, or the CSRF token is missing.' },
  CONFLICT: { status: 409, retry: false, summary: 'The request conflicts with the current state.' },
  RATE_LIMITED: { status: 429, retry: true, summary: 'Too many requests; wait for the time in Retry-After.' },
  STREAM_LIMIT: { status: 429, retry: false, summary: 'Too many live event streams open for this account.' },
  QUOTA_EXCEEDED: { status: 413, retry: false, summary: "The account's storage quota would be exceeded." },
  PAYLOAD_TOO_LARGE: { status: 413, retry: false, summary: 'The request or upload is larger than the server accepts.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retry: false, summary: 'The file type is not accepted, or the content does not match its extension.' },
  RANGE_NOT_SATISFIABLE: { status: 416, retry: false, summary: 'A Range header asks for bytes the file does not have.' },
  NOT_AVAILABLE: { status: 501, retry: false, summary: 'This server was not set up with what the request needs.' },
  STORE_LOCKED: { status: 503, retry: false, summary: 'Another process (usually the server) holds the embedded database.' },
  STORE_DAMAGED: { status: 503, retry: false, summary: 'The embedded database cannot be opened; see the recovery steps.' },
  // Providers and tools outside videogen.
  TTS_UNAVAILABLE: { status: 503, retry: false, summary: 'A text-to-speech provider is not configured, has no valid key, or cannot be reached.' },
  TTS_FAILED: { status: 502, retry: true, summary: 'A text-to-speech provider failed on a request.' },
  LLM_UNAVAILABLE: { status: 503, retry: false, summary: 'A language-model provider rejects the API key or cannot be reached.' },
  LLM_FAILED: { status: 502, retry: true, summary: 'A language-model provider failed or answered unusably.' },
  TRANSLATION_UNAVAILABLE: { status: 503, retry: false, summary: 'No configured translation provider can translate between these two languages.' },
  TRANSLATION_FAILED: { status: 502, retry: true, summary: 'A translation provider failed, or answered without the protected code, names or numbers.' },
  SECRET_KEY_MISSING: { status: 503, retry: false, summary: 'VIDEOGEN_SECRET_KEY is not set (or not 32 bytes), so tokens cannot be stored or read.' },
  SECRET_KEY_WRONG: { status: 503, retry: false, summary: 'Stored tokens were sealed with another VIDEOGEN_SECRET_KEY, or were tampered with.' },
  CHANNEL_REAUTH: { status: 409, retry: false, summary: "The channel's authorisation was revoked or expired at the platform; connect it again." },
  PUBLISH_REJECTED: { status: 422, retry: false, summary: 'The platform refused the upload or its metadata (its reason is in the message).' },
  PUBLISH_FAILED: { status: 502, retry: true, summary: 'The platform failed or could not be reached while publishing; the job retries and resumes.' },
  FFMPEG_MISSING: { status: 503, retry: false, summary: 'ffmpeg or ffprobe cannot be found.' },
  FFMPEG_FAILED: { status: 500, retry: true, summary: 'ffmpeg exited with an error.' },
  FONT_MISSING: { status: 500, retry: false, summary: 'A font file the renderer needs is missing.' },
  // Ours.
  RENDER_FAILED: { status: 500, retry: true, summary: 'Rendering failed unexpectedly.' },
  RENDERER_MISMATCH: { status: 409, retry: true, summary: 'A worker would draw a segment differently from the worker that planned it (another build, fonts, canvas or ffmpeg), so it refused it.' },
  JOB_FAILED: { status: 500, retry: false, summary: 'A job gave up: its worker stopped responding on every attempt.' },
  INTERNAL: { status: 500, retry: false, summary: 'An unexpected error; the server log has the details under the request id.' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorInfo = (code: ErrorCode): ErrorCodeInfo => ERROR_CODES[code];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

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

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retry;
  }

  /** Where a reader finds the cause and the fix; printed after CLI errors. */
  get docsPath(): string {
    return docsPathOf(this.code);
  }
}

export const docsPathOf = (code: ErrorCode) => `docs/errors/${code}.md`;

export function isVideogenError(value: unknown): value is VideogenError {
  return value instanceof VideogenError;
}
