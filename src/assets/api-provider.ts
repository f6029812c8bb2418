import { isIP } from 'node:net';
import { VideogenError } from '../errors.ts';
import { downloadMedia } from './download.ts';
import type { TokenBucket } from './rate-limit.ts';
import type { StockResponseCache } from './response-cache.ts';
import { getStockJson, sleep } from './stock-http.ts';
import type { StockFailureReason, StockHttpOptions } from './stock-http.ts';
import type { MediaCandidate, MediaProvider, MediaQuery } from './types.ts';

/** Why a provider gave no results for one search; `summary` is the short form used in warnings ("Pexels 503"). */
export class StockSearchError extends VideogenError {
  constructor(
    readonly provider: string,
    readonly reason: StockFailureReason,
    readonly summary: string,
    message: string,
  ) {
    super('SOURCE_UNREADABLE', message, { provider, reason });
  }
}

export interface ApiProviderOptions {
  cacheDir: string;
  cache: StockResponseCache;
  bucket: TokenBucket;
  http?: Omit<StockHttpOptions, 'headers' | 'signal'>;
  /** Longest wait for a rate-limit token before skipping to the next provider, ms. */
  maxTokenWaitMs?: number;
  /** Extra private addresses downloads may reach (tests); the configured API host is always allowed. */
  allowPrivate?: readonly string[];
}

/**
 * What Pexels and Pixabay share: an API key, a configured base URL, the response cache, the rate limit, retries, and
 * being switched off for the run when the key is rejected (one warning naming the environment variable to fix).
 */
export abstract class ApiMediaProvider implements MediaProvider {
  abstract readonly id: string;
  /** Name for people: "Pexels". */
  abstract readonly label: string;
  /** The environment variable holding the key, named in the warning when the key is rejected. */
  abstract readonly keyVariable: string;
  private disabledBecause: string | undefined;

  constructor(
    protected readonly apiKey: string | undefined,
    protected readonly baseUrl: string,
    protected readonly options: ApiProviderOptions,
  ) {}

  available(): boolean {
    return Boolean(this.apiKey) && !this.disabledBecause;
  }

  abstract search(query: MediaQuery): Promise<MediaCandidate[]>;

  async download(candidate: MediaCandidate, dest: string, signal?: AbortSignal): Promise<void> {
    await downloadMedia(candidate.url, dest, { ...(signal ? { signal } : {}), allowPrivate: this.allowedPrivateHosts() });
  }

  /**
   * A base URL the operator points at a loopback or LAN address (a test server, a caching proxy) is trusted for the
   * files it links to on that same address; every other address still goes through the SSRF checks.
   */
  private allowedPrivateHosts(): string[] {
    const host = new URL(this.baseUrl).hostname.replace(/^\[|\]$/g, '');
    return [...(isIP(host) ? [host] : []), ...(this.options.allowPrivate ?? [])];
  }

  protected endpoint(path: string, params: Record<string, string | number | undefined>): URL {
    const url = new URL(path.replace(/^\//, ''), this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    return url;
  }

  /** Cache, then rate limit, then the network; failures become StockSearchError. */
  protected async getJson(url: URL, auth: { headers?: Record<string, string>; keyParam?: string }, signal?: AbortSignal): Promise<unknown> {
    if (!this.available()) throw new StockSearchError(this.id, 'auth', `${this.label} off`, `${this.label} is not available: ${this.disabledBecause ?? `no ${this.keyVariable}`}`);
    const keyless = new URL(url);
    if (auth.keyParam) keyless.searchParams.delete(auth.keyParam);
    const cached = await this.options.cache.get(this.id, keyless.href);
    if (cached !== undefined) return cached;

    if (!(await this.takeToken(signal))) {
      const { capacity, intervalMs } = this.options.bucket;
      throw new StockSearchError(this.id, 'rate-limited', `${this.label} rate limit`, `${this.label}'s request allowance (${capacity} per ${describeInterval(intervalMs)}) is used up for now`);
    }
    const result = await getStockJson(url.href, { ...this.options.http, ...(auth.headers ? { headers: auth.headers } : {}), ...(signal ? { signal } : {}) });
    if (result.ok) {
      if (result.remaining !== undefined) this.options.bucket.capAt(result.remaining);
      await this.options.cache.set(this.id, keyless.href, result.body);
      return result.body;
    }
    if (result.reason === 'auth' || this.isKeyRejection(result.status, result.message)) {
      this.disabledBecause = `${this.label} rejected the API key (HTTP ${result.status}); set ${this.keyVariable} to a valid key`;
      throw new StockSearchError(this.id, 'auth', `${this.label} ${result.status}`, `${this.disabledBecause}. ${this.label} is off for the rest of this run.`);
    }
    const summary = result.status ? `${this.label} ${result.status}` : `${this.label} ${result.message}`;
    throw new StockSearchError(this.id, result.reason, summary, `${this.label} search failed: ${result.message}`);
  }

  private async takeToken(signal?: AbortSignal): Promise<boolean> {
    const wait = this.options.bucket.waitMs();
    if (wait > (this.options.maxTokenWaitMs ?? 1000)) return false;
    if (wait > 0) await sleep(wait, signal);
    return this.options.bucket.tryTake();
  }

  /** Providers whose API reports a bad key with another status (Pixabay answers 400) override this. */
  protected isKeyRejection(_status: number | undefined, _message: string): boolean {
    return false;
  }

  protected badResponse(what: string): StockSearchError {
    return new StockSearchError(this.id, 'bad-response', `${this.label} bad response`, `${this.label} answered without ${what}`);
  }
}

function describeInterval(ms: number): string {
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`;
  if (ms % 60_000 === 0) return ms === 60_000 ? 'minute' : `${ms / 60_000} minutes`;
  return `${ms / 1000} s`;
}
