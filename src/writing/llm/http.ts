import { VideogenError } from '../../errors.ts';
import { BodyTooLarge, readTextCapped } from '../../util/read-capped.ts';

/** Transport shared by the LLM providers: JSON POST with a timeout, caller cancellation, and retries with backoff. */
export interface HttpOptions {
  fetch?: typeof fetch;
  /** Per attempt, milliseconds. */
  timeoutMs?: number;
  /** Extra attempts after a 429, a 5xx or a network error. */
  retries?: number;
  /** First backoff delay in milliseconds; doubles each retry. A `retry-after` header wins (capped at 30 s). */
  retryDelayMs?: number;
}

export interface JsonReply {
  status: number;
  ok: boolean;
  data: unknown;
  text: string;
}

const retryable = (status: number) => status === 429 || status >= 500;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
  });
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  return Number.isFinite(secs) ? Math.min(secs * 1000, 30_000) : undefined;
}

/** POSTs `body` as JSON; returns the final reply (2xx or a non-retryable status) for the caller to interpret. */
/** Model replies are JSON of at most a few hundred kilobytes; a body past this is a fault, not an answer. */
const MAX_REPLY_BYTES = 8 * 1024 * 1024;

export async function postJson(provider: string, url: string, headers: Record<string, string>, body: unknown, options: HttpOptions & { signal?: AbortSignal }): Promise<JsonReply> {
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 2;
  const baseDelay = options.retryDelayMs ?? 1000;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 120_000);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal });
    } catch (error) {
      if (options.signal?.aborted) throw new VideogenError('CANCELLED', `${provider} request cancelled`, undefined, { cause: error });
      const timedOut = timeout.aborted;
      if (attempt < retries) {
        await sleep(baseDelay * 2 ** attempt, options.signal);
        continue;
      }
      if (timedOut) throw new VideogenError('LLM_FAILED', `${provider} did not answer within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s`, { url, provider }, { cause: error });
      throw new VideogenError('LLM_UNAVAILABLE', `cannot reach ${provider} at ${new URL(url).origin}: ${(error as Error).message}; check the network or the base URL`, { url, provider }, { cause: error });
    }
    let text: string;
    try {
      text = await readTextCapped(response, MAX_REPLY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) throw new VideogenError('LLM_FAILED', `${provider} answered with more than ${MAX_REPLY_BYTES / 1024 / 1024} MB; that is no model reply`, { url, provider });
      if (options.signal?.aborted) throw new VideogenError('CANCELLED', `${provider} request cancelled`, undefined, { cause: error });
      // The connection dropped while the body arrived: as transient as a dropped connection before it.
      if (attempt < retries) {
        await sleep(baseDelay * 2 ** attempt, options.signal);
        continue;
      }
      throw new VideogenError('LLM_FAILED', `${provider} dropped the connection while answering: ${(error as Error).message}`, { url, provider }, { cause: error });
    }
    if (retryable(response.status) && attempt < retries) {
      await sleep(retryAfterMs(response.headers.get('retry-after')) ?? baseDelay * 2 ** attempt, options.signal);
      continue;
    }
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    return { status: response.status, ok: response.ok, data, text };
  }
}

/** The API's own error message, when the body carries one (`{error: {message}}` in both APIs). */
function apiMessage(reply: JsonReply): string {
  const message = (reply.data as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : reply.text.slice(0, 300);
}

/** A coded error for a failed reply; `keyName` is the setting a 401/403 points the user to. */
export function replyError(provider: string, reply: JsonReply, keyName: string, model: string): VideogenError {
  const detail = apiMessage(reply);
  const details = { status: reply.status, provider, model };
  if (reply.status === 401 || reply.status === 403) return new VideogenError('LLM_UNAVAILABLE', `${provider} rejected the API key (HTTP ${reply.status}); check ${keyName}`, details);
  if (reply.status === 404) return new VideogenError('LLM_FAILED', `${provider} does not know model "${model}" or the endpoint (HTTP 404): ${detail}`, details);
  if (reply.status === 429) return new VideogenError('LLM_FAILED', `${provider} is rate-limiting requests (HTTP 429); wait and try again`, details);
  return new VideogenError('LLM_FAILED', `${provider} failed with HTTP ${reply.status}: ${detail}`, details);
}

/** `https://host/v1/` and `https://host` both mean the same API root; endpoints append their own `/v1/...`. */
export function apiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}
