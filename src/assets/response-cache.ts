import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/files.ts';

/**
 * Search responses kept on disk for 24 hours (Pixabay's terms require caching for 24 h; Pexels asks clients not to
 * repeat identical requests). Keyed by provider and request URL without the API key, so the key never lands in a
 * file name and rotating it does not empty the cache. Files: <cacheDir>/stock/<provider>/<sha256>.json.
 */
export const RESPONSE_TTL_MS = 24 * 60 * 60 * 1000;

interface CachedResponse {
  /** Epoch ms. */
  storedAt: number;
  url: string;
  body: unknown;
}

export class StockResponseCache {
  constructor(
    private readonly cacheDir: string,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = RESPONSE_TTL_MS,
  ) {}

  private file(provider: string, keylessUrl: string): string {
    const hash = createHash('sha256').update(`${provider}\n${keylessUrl}`).digest('hex');
    return join(this.cacheDir, 'stock', provider, `${hash}.json`);
  }

  async get(provider: string, keylessUrl: string): Promise<unknown> {
    try {
      const cached = JSON.parse(await readFile(this.file(provider, keylessUrl), 'utf8')) as CachedResponse;
      if (cached.url !== keylessUrl || this.now() - cached.storedAt > this.ttlMs) return undefined;
      return cached.body;
    } catch {
      // Missing or unreadable (a crash cannot leave a partial file, but a disk can be cleaned by hand): ask again.
      return undefined;
    }
  }

  async set(provider: string, keylessUrl: string, body: unknown): Promise<void> {
    const record: CachedResponse = { storedAt: this.now(), url: keylessUrl, body };
    await writeFileAtomic(this.file(provider, keylessUrl), JSON.stringify(record));
  }
}
