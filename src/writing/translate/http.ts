import { VideogenError } from '../../errors.ts';
import { retryAfterMs } from '../../util/retry-after.ts';
import type { HttpOptions } from '../llm/http.ts';
import { BodyTooLarge, readTextCapped } from '../../util/read-capped.ts';

/**
 * Transport of the HTTP translation providers (DeepL, LibreTranslate): JSON in and out, a timeout per attempt, and
 * retries with exponential backoff after 429, 5xx and dropped connections, honouring Retry-After (capped, so a server
 * cannot park a render for an hour). Other statuses come back for the provider to explain.
 */
export interface Reply {
  status: number;
  data: unknown;
  text: string;
}

export interface RequestOptions extends HttpOptions {
  signal?: AbortSignal | undefined;
  /** Statuses never retried even though they look transient (DeepL's 456 quota is final). */
  noRetry?: readonly number[];
}

const MAX_RETRY_AFTER_MS = 30_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
  });
}

/** A translation reply is a few times its request (≤ 20,000 characters a batch); anything near this is not one. */
const MAX_REPLY_BYTES = 8 * 1024 * 1024;

export async function requestJson(provider: string, method: 'GET' | 'POST', url: string, headers: Record<string, string>, body: unknown, options: RequestOptions): Promise<Reply> {
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 3;
  const baseDelay = options.retryDelayMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await doFetch(url, { method, headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }), signal });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await readTextCapped(response, MAX_REPLY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) throw new VideogenError('TRANSLATION_FAILED', `${provider} answered with more than ${MAX_REPLY_BYTES / 1024 / 1024} MB; that is no translation reply`, { provider, url: new URL(url).origin });
      if (options.signal?.aborted) throw new VideogenError('CANCELLED', `${provider} request cancelled`, undefined, { cause: error });
      if (attempt < retries) {
        await sleep(baseDelay * 2 ** attempt, options.signal);
        continue;
      }
      const why = timeout.aborted ? `did not answer within ${Math.round(timeoutMs / 1000)} s` : `cannot be reached at ${new URL(url).origin} (${(error as Error).message})`;
      throw new VideogenError('TRANSLATION_FAILED', `${provider} ${why}; check the network or the server URL`, { provider, url: new URL(url).origin }, { cause: error });
    }
    const transient = (status === 429 || status >= 500) && !options.noRetry?.includes(status);
    if (transient && attempt < retries) {
      const wait = retryAfterMs(retryAfter);
      await sleep(wait === undefined ? baseDelay * 2 ** attempt : Math.min(wait, MAX_RETRY_AFTER_MS), options.signal);
      continue;
    }
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    return { status, data, text };
  }
}
