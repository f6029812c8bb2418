import { retryAfterMs } from '../../util/retry-after.ts';

/** Exponential backoff with jitter (Google's advice for 5xx/429), or the server's Retry-After when it gives one. */
export function backoffMs(attempt: number, baseMs: number, retryAfter?: string | null): number {
  const asked = retryAfterMs(retryAfter);
  if (asked !== undefined) return Math.min(asked, 10 * 60_000);
  const cap = Math.min(baseMs * 2 ** attempt, 64_000);
  // Full jitter on the upper half: workers that failed together do not retry together.
  return cap / 2 + Math.random() * (cap / 2);
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
