import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { spaFallback } from './routes/web.ts';
import { VideogenError, errorInfo, isVideogenError, type ErrorCode, type ErrorDetails } from '../errors.ts';

/**
 * The one coded-error factory of the API: handlers throw `apiError(code, …)` (or any VideogenError) and the error
 * handler answers `{ error: { code, message, details? } }` with the status declared for the code in src/errors.ts.
 */
export function statusFor(code: ErrorCode): number {
  return errorInfo(code).status;
}

export function apiError(code: ErrorCode, message: string, details?: ErrorDetails): VideogenError {
  return new VideogenError(code, message, details);
}

export const notFound = (what: string) => apiError('NOT_FOUND', `${what} not found`);

interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetails };
}

const body = (code: ErrorCode, message: string, details?: ErrorDetails): ErrorBody => ({ error: { code, message, ...(details ? { details } : {}) } });

/** Zod issue path → "body.scenes[0].title", so the client knows which field to fix. */
function fieldPath(context: string | undefined, path: readonly PropertyKey[]): string {
  const tail = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${context ?? 'body'}${tail}`;
}

const BROKEN_MULTIPART = /unexpected end of (multipart data|form|file)|part terminated early|malformed part header|boundary not found|premature close/i;

/** Maps a fastify error from a plugin (multipart, csrf, rate-limit, body parser) to our codes by its code. */
function fromFastifyError(error: FastifyError): { status: number; body: ErrorBody } | undefined {
  // A multipart body that ends early or is malformed (busboy/dicer throw plain Errors without a code; a client that
  // hangs up mid-upload gives a premature close): the request is broken, not the server.
  if (error.code === 'ERR_STREAM_PREMATURE_CLOSE' || (!error.code && BROKEN_MULTIPART.test(error.message))) {
    return { status: 400, body: body('VALIDATION_FAILED', 'body: the multipart upload is truncated or malformed; send the whole file again', { path: 'body' }) };
  }
  switch (error.code) {
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return { status: 403, body: body('FORBIDDEN', 'missing or invalid CSRF token: send the token from /api/auth/login or /api/auth/me in the x-csrf-token header') };
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: body('PAYLOAD_TOO_LARGE', error.message) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 415, body: body('UNSUPPORTED_MEDIA_TYPE', error.message) };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: body('VALIDATION_FAILED', `body: ${error.message}`, { path: 'body' }) };
    default:
      return undefined;
  }
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((v) => {
      const segments = v.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const path = fieldPath(error.validationContext, segments);
      return { path, message: v.message ?? 'invalid' };
    });
    const first = problems[0];
    void reply.code(400).send(body('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'invalid request', { problems }));
    return;
  }
  if (isVideogenError(error)) {
    const status = statusFor(error.code);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    // A body refused for its size may still be on its way (up to what Content-Length declared): closing the
    // connection after the answer stops it, where keep-alive would make the server read and discard all of it.
    if (status === 413) void reply.header('connection', 'close');
    void reply.code(status).send(body(error.code, error.message, error.details));
    return;
  }
  const mapped = fromFastifyError(error);
  if (mapped) {
    void reply.code(mapped.status).send(mapped.body);
    return;
  }
  if (error.statusCode === 429) {
    void reply.code(429).send(body('RATE_LIMITED', error.message));
    return;
  }
  if (isResponseSerializationError(error)) request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
  else if (!error.statusCode || error.statusCode >= 500) request.log.error({ err: error }, 'request failed');
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  // Internal details stay in the log; the client gets the code and a generic message.
  void reply.code(status).send(status >= 500 ? body('INTERNAL', 'internal server error; see the server log for the request id') : body('VALIDATION_FAILED', error.message));
}

export async function notFoundHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  // A page of the studio (a browser asking for HTML outside /api) is the SPA's index.html.
  if (await spaFallback(request, reply)) return;
  await reply.code(404).send(body('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
}
