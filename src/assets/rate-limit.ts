/**
 * Token buckets for the stock APIs' published limits (Pexels 200 requests/hour, Pixabay 100/minute). A bucket holds
 * at most `capacity` tokens and refills continuously, so a burst may use the whole allowance and then one request
 * per interval/capacity. When it is empty a caller waits only briefly: a render skips to the next provider rather
 * than blocking for most of an hour.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    /** Time in which a full bucket refills, ms. */
    readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.updatedAt) * this.capacity) / this.intervalMs);
    this.updatedAt = t;
  }

  /** Ms until one token is available (0 when one is there now). */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * this.intervalMs) / this.capacity);
  }

  /**
   * Lowers the count to what the server says is left (X-RateLimit-Remaining), so other processes using the same key
   * are accounted for; never raises it.
   */
  capAt(remaining: number): void {
    this.refill();
    if (Number.isFinite(remaining) && remaining >= 0) this.tokens = Math.min(this.tokens, remaining);
  }

  /** Takes a token if one is available now; false when the bucket is empty. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export const PUBLISHED_LIMITS = {
  pexels: { capacity: 200, intervalMs: 60 * 60 * 1000 },
  pixabay: { capacity: 100, intervalMs: 60 * 1000 },
} as const;

// One bucket per provider and key for the whole process: the limit belongs to the API key, not to one render, and a
// server runs many renders with the same key.
const shared = new Map<string, TokenBucket>();

export function sharedBucket(key: string, capacity: number, intervalMs: number): TokenBucket {
  let bucket = shared.get(key);
  if (!bucket) shared.set(key, (bucket = new TokenBucket(capacity, intervalMs)));
  return bucket;
}
