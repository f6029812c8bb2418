import { resolve } from 'node:path';
import type { VideogenConfig } from '../config.ts';
import { LocalLibraryProvider } from './local-library.ts';
import { PexelsProvider } from './pexels.ts';
import { PixabayProvider } from './pixabay.ts';
import { PUBLISHED_LIMITS, TokenBucket, sharedBucket } from './rate-limit.ts';
import { StockResponseCache } from './response-cache.ts';
import type { StockHttpOptions } from './stock-http.ts';
import type { MediaProvider } from './types.ts';

export interface MediaRegistryOptions {
  /** Where search responses are cached; default config.cacheDir. */
  cacheDir?: string;
  /** Clock for the cache and the rate limits (tests). */
  now?: () => number;
  /** Rate limits instead of the published ones (tests); each gets its own bucket, not the process-wide one. */
  limits?: Partial<Record<'pexels' | 'pixabay', { capacity: number; intervalMs: number }>>;
  http?: Omit<StockHttpOptions, 'headers' | 'signal'>;
  maxTokenWaitMs?: number;
  /** Private addresses downloads may reach besides the configured API hosts (tests). */
  allowPrivate?: readonly string[];
}

/**
 * The stock providers in the order they are asked: Pexels, Pixabay, then the local library; only those that can be
 * used (an API key, a library directory). `mediaDir` (`--media`) wins over config.media.dir.
 */
export function createMediaRegistry(config: VideogenConfig, mediaDir?: string, options: MediaRegistryOptions = {}): MediaProvider[] {
  const cacheDir = options.cacheDir ?? config.cacheDir;
  const cache = new StockResponseCache(cacheDir, options.now);
  const bucket = (id: 'pexels' | 'pixabay', key: string | undefined) => {
    const custom = options.limits?.[id];
    if (custom) return new TokenBucket(custom.capacity, custom.intervalMs, options.now);
    return sharedBucket(`${id}:${key ?? ''}`, PUBLISHED_LIMITS[id].capacity, PUBLISHED_LIMITS[id].intervalMs);
  };
  const common = {
    cacheDir,
    cache,
    ...(options.http ? { http: options.http } : {}),
    ...(options.maxTokenWaitMs !== undefined ? { maxTokenWaitMs: options.maxTokenWaitMs } : {}),
    ...(options.allowPrivate ? { allowPrivate: options.allowPrivate } : {}),
  };
  const { pexels, pixabay } = config.media;
  const libraryDir = mediaDir ?? config.media.dir;
  const providers: MediaProvider[] = [
    new PexelsProvider(pexels.apiKey, pexels.baseUrl, { ...common, bucket: bucket('pexels', pexels.apiKey) }),
    new PixabayProvider(pixabay.apiKey, pixabay.baseUrl, { ...common, bucket: bucket('pixabay', pixabay.apiKey) }),
    new LocalLibraryProvider(libraryDir ? resolve(libraryDir) : undefined, config.media.musicDir ? [resolve(config.media.musicDir)] : []),
  ];
  return providers.filter((p) => p.available());
}
