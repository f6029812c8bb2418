import { VideogenError, isVideogenError } from '../errors.ts';
import { DEFAULT_RETRY, cancelled, withRetry, withTimeout } from './async.ts';
import type { RetryPolicy } from './async.ts';

/** One HTTP request for audio with the retry, timeout and error wording the cloud providers share. */
export interface AudioRequest {
  /** Provider label for messages, e.g. "OpenAI". */
  service: string;
  /** The environment variable users set the key in, named in 401 messages. */
  keyEnv: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

const TRANSIENT_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);

export interface AudioResponse {
  bytes: Uint8Array;
  contentType: string;
}

export async function postForAudio(req: AudioRequest): Promise<AudioResponse> {
  return withRetry(() => attempt(req), (e) => isVideogenError(e) && e.details?.transient === true, req.retry ?? DEFAULT_RETRY, req.signal);
}

async function attempt(req: AudioRequest): Promise<AudioResponse> {
  const signal = withTimeout(req.timeoutMs ?? 60_000, req.signal);
  let res: Response;
  try {
    res = await fetch(req.url, { method: 'POST', headers: { 'content-type': 'application/json', ...req.headers }, body: JSON.stringify(req.body), signal });
  } catch (error) {
    throw networkError(req, error);
  }
  if (!res.ok) throw await statusError(req, res);
  try {
    return { bytes: new Uint8Array(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? '' };
  } catch (error) {
    throw networkError(req, error);
  }
}

function networkError(req: AudioRequest, error: unknown): VideogenError {
  if (req.signal?.aborted) return cancelled(req.signal);
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new VideogenError('TTS_FAILED', `${req.service} TTS did not answer within ${(req.timeoutMs ?? 60_000) / 1000} s`, { transient: true, provider: req.service }, { cause: error });
  }
  // fetch wraps the socket error: the useful part ("ECONNREFUSED", "bad port") is in `cause`.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  return new VideogenError('TTS_UNAVAILABLE', `cannot reach ${req.service} TTS at ${new URL(req.url).origin} (${code ?? cause?.message ?? String(error)}); check the network or the base URL`, { transient: true, errno: code, provider: req.service }, { cause: error });
}

async function statusError(req: AudioRequest, res: Response): Promise<VideogenError> {
  const text = await res.text().catch(() => '');
  const detail = serverMessage(text);
  const status = res.status;
  const base = { provider: req.service, status, transient: TRANSIENT_STATUS.has(status), ...(detail ? { serverMessage: detail } : {}) };
  const suffix = detail ? `: ${detail}` : '';
  if (status === 401 || status === 403) {
    return new VideogenError('TTS_UNAVAILABLE', `${req.service} rejected the API key (HTTP ${status})${suffix}; check ${req.keyEnv}`, base);
  }
  if (status === 429) {
    return new VideogenError('TTS_FAILED', `${req.service} rate limit or quota reached (HTTP 429)${suffix}; wait, lower concurrency, or check the plan's quota`, base);
  }
  if (status >= 500) return new VideogenError('TTS_FAILED', `${req.service} TTS failed on the server (HTTP ${status})${suffix}; try again later`, base);
  return new VideogenError('TTS_FAILED', `${req.service} refused the request (HTTP ${status})${suffix}; check the voice id and text`, base);
}

/** Pulls the human message out of the usual JSON error shapes (`{error:{message}}`, `{detail:{message}}`). */
function serverMessage(text: string): string | undefined {
  if (!text) return undefined;
  try {
    const json = JSON.parse(text) as { error?: { message?: string } | string; detail?: { message?: string } | string; message?: string };
    const pick = (v: unknown) => (typeof v === 'string' ? v : (v as { message?: string } | undefined)?.message);
    return pick(json.error) ?? pick(json.detail) ?? json.message ?? text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}
