import type { AccessTokens } from '../types.ts';
import { backoffMs, sleep } from './backoff.ts';
import { failed, isQuotaExceeded, isTransient, readGoogleError, reauth, rejected } from './errors.ts';

export interface RetryPolicy {
  baseMs: number;
  maxAttempts: number;
}

export interface CallContext {
  signal: AbortSignal;
  quotaExhausted(): Promise<never>;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  /** Made again for each attempt (a body stream can be sent once). */
  body?: () => Promise<BodyInit> | BodyInit;
  /** Statuses the caller handles itself (the resumable upload's 308, 404/410) instead of treating them as errors. */
  accept?: number[];
}

/** A request to a timeout-less socket must still end: a stalled connection counts as a dropped one. */
const REQUEST_TIMEOUT_MS = 120_000;

export function signalWithTimeout(signal: AbortSignal, ms = REQUEST_TIMEOUT_MS): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(ms)]);
}

/**
 * One YouTube API call with Google's error handling: Bearer from `tokens`; 401 → invalidate and retry once, then
 * CHANNEL_REAUTH; 5xx/429/dropped connection → backoff (Retry-After honoured) up to `maxAttempts`, then PUBLISH_FAILED;
 * 403 quotaExceeded → ctx.quotaExhausted(); any other 4xx → PUBLISH_REJECTED with Google's reason.
 */
export async function apiCall(tokens: AccessTokens, retry: RetryPolicy, what: string, req: ApiRequest, ctx: CallContext): Promise<Response> {
  let refreshedAfter401 = false;
  for (let attempt = 0; ; attempt++) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const access = await tokens.get();
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.method,
        headers: { ...req.headers, authorization: `Bearer ${access}` },
        ...(req.body ? { body: await req.body() } : {}),
        signal: signalWithTimeout(ctx.signal),
      });
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (attempt + 1 >= retry.maxAttempts) throw failed(what, `${(error as Error).message} (after ${attempt + 1} attempts)`, undefined, error);
      await sleep(backoffMs(attempt, retry.baseMs), ctx.signal);
      continue;
    }
    if (res.ok || req.accept?.includes(res.status)) return res;
    const e = await readGoogleError(res);
    if (res.status === 401) {
      if (refreshedAfter401) throw reauth(what);
      refreshedAfter401 = true;
      tokens.invalidate();
      attempt--;
      continue;
    }
    if (isQuotaExceeded(e)) return ctx.quotaExhausted();
    if (isTransient(e)) {
      if (attempt + 1 >= retry.maxAttempts) throw failed(what, `HTTP ${e.status} ${e.reason} (after ${attempt + 1} attempts)`, { status: e.status, reason: e.reason });
      await sleep(backoffMs(attempt, retry.baseMs, res.headers.get('retry-after')), ctx.signal);
      continue;
    }
    throw rejected(what, e);
  }
}

export async function apiJson<T>(tokens: AccessTokens, retry: RetryPolicy, what: string, req: ApiRequest, ctx: CallContext): Promise<T> {
  const res = await apiCall(tokens, retry, what, req, ctx);
  return (await res.json()) as T;
}
