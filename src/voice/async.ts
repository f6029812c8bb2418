import { VideogenError } from '../errors.ts';

/** Concurrency, retry and cancellation helpers shared by the network providers. */

export function cancelled(signal?: AbortSignal): VideogenError {
  return new VideogenError('CANCELLED', 'speech synthesis was cancelled', undefined, { cause: signal?.reason });
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled(signal);
}

/** Resolves after `ms`, or rejects with CANCELLED as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled(signal));
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(cancelled(signal)); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order. Services throttle or ban
 * clients that open many parallel connections, so each network provider owns one.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('concurrency limit must be at least 1');
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled(signal));
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => { signal?.removeEventListener('abort', onAbort); this.active++; resolve(); };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(cancelled(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

export interface RetryPolicy {
  /** Attempts in total, including the first. */
  attempts: number;
  /** Delay before the second attempt, in ms; doubles each time (plus up to 25 % jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Runs `attempt` until it succeeds, fails with a non-transient error, or the attempts run out. Jitter spreads the
 * retries of parallel jobs so they do not hit a recovering service in lockstep.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  isTransient: (error: unknown) => boolean,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let n = 1; ; n++) {
    throwIfAborted(signal);
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= policy.attempts || !isTransient(error) || signal?.aborted) throw error;
      const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      await sleep(delay * (1 + Math.random() * 0.25), signal);
    }
  }
}

/** A signal that aborts when the caller's signal aborts or after `ms`, whichever comes first. */
export function withTimeout(ms: number, signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
