import { VideogenError } from '../errors.ts';
import { retryAfterMs } from '../util/retry-after.ts';

/**
 * JSON GETs against a stock API (Pexels, Pixabay) with the failure handling every provider needs: retries with
 * backoff on 429 (honouring Retry-After up to a cap) and 5xx, one retry of a dropped connection, and a verdict the
 * caller can act on instead of an exception. The hosts are the operator's configured API base URLs, not spec input,
 * so plain fetch is used here; downloads of the files those APIs point at go through the SSRF-safe fetcher.
 */

/** An honest User-Agent: the APIs' terms ask clients to identify themselves. */
export const STOCK_USER_AGENT = 'videogen/0.1 (stock footage search; +https://github.com/videogen/videogen)';

export type StockFailureReason = 'auth' | 'rate-limited' | 'server' | 'network' | 'bad-response';

export type StockHttpResult =
  | { ok: true; body: unknown; /** X-RateLimit-Remaining, when the API sends it (both Pexels and Pixabay do). */ remaining?: number }
  | { ok: false; reason: StockFailureReason; status?: number; message: string };

export interface StockHttpOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Per-attempt timeout, ms. */
  timeoutMs?: number;
  /** Attempts for 429 and 5xx in total (first try included). */
  attempts?: number;
  /** First backoff, ms; doubles per attempt. */
  backoffMs?: number;
  /** Longest Retry-After we wait for; beyond it the provider is skipped for now instead of blocking the render. */
  maxRetryWaitMs?: number;
}

export const STOCK_HTTP_DEFAULTS = { timeoutMs: 15_000, attempts: 3, backoffMs: 500, maxRetryWaitMs: 10_000 } as const;

export { retryAfterMs };

export async function getStockJson(url: string, options: StockHttpOptions = {}): Promise<StockHttpResult> {
  const { timeoutMs, attempts, backoffMs, maxRetryWaitMs } = { ...STOCK_HTTP_DEFAULTS, ...options };
  const headers = { 'user-agent': STOCK_USER_AGENT, accept: 'application/json', ...options.headers };
  let droppedOnce = false;
  let last: StockHttpResult = { ok: false, reason: 'network', message: 'no attempt made' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (options.signal?.aborted) throw stockCancelled(options.signal);
    let res: Response;
    try {
      const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
      res = await fetch(url, { headers, signal: AbortSignal.any(signals), redirect: 'follow' });
    } catch (error) {
      if (options.signal?.aborted) throw stockCancelled(options.signal);
      const message = describeNetworkError(error);
      last = { ok: false, reason: 'network', message };
      // A dropped connection is often a one-off (a proxy recycling sockets): one more try, then the next provider.
      if (droppedOnce) return last;
      droppedOnce = true;
      continue;
    }
    if (res.ok) {
      try {
        const remaining = Number(res.headers.get('x-ratelimit-remaining') ?? Number.NaN);
        return { ok: true, body: await res.json(), ...(Number.isFinite(remaining) ? { remaining } : {}) };
      } catch (error) {
        return { ok: false, reason: 'bad-response', status: res.status, message: `HTTP ${res.status} with a body that is not JSON (${(error as Error).message})` };
      }
    }
    const text = await res.text().catch(() => '');
    if (res.status === 401 || res.status === 403) return { ok: false, reason: 'auth', status: res.status, message: `HTTP ${res.status}` };
    if (res.status === 429) {
      const wait = retryAfterMs(res.headers.get('retry-after')) ?? backoffMs * 2 ** (attempt - 1);
      last = { ok: false, reason: 'rate-limited', status: 429, message: 'HTTP 429 (too many requests)' };
      if (wait > maxRetryWaitMs || attempt === attempts) return last;
      await sleep(wait, options.signal);
      continue;
    }
    if (res.status >= 500) {
      last = { ok: false, reason: 'server', status: res.status, message: `HTTP ${res.status}` };
      if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1), options.signal);
      continue;
    }
    return { ok: false, reason: 'bad-response', status: res.status, message: `HTTP ${res.status}${text ? `: ${text.slice(0, 160)}` : ''}` };
  }
  return last;
}

function describeNetworkError(error: unknown): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'timed out';
  const cause = err.cause;
  return cause?.code ? `connection failed (${cause.code})` : `connection failed (${cause?.message ?? err.message})`;
}

/** Resolves after `ms`; rejects with CANCELLED as soon as the signal aborts (a cancelled job stops waiting out a 429). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(stockCancelled(signal));
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(stockCancelled(signal)); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function stockCancelled(signal?: AbortSignal): VideogenError {
  return new VideogenError('CANCELLED', 'the footage search was cancelled', undefined, { cause: signal?.reason });
}
