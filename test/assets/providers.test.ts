import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PexelsProvider } from '../../src/assets/pexels.ts';
import { PixabayProvider } from '../../src/assets/pixabay.ts';
import { TokenBucket } from '../../src/assets/rate-limit.ts';
import { createMediaRegistry } from '../../src/assets/registry.ts';
import { StockResponseCache } from '../../src/assets/response-cache.ts';
import { STOCK_USER_AGENT, retryAfterMs } from '../../src/assets/stock-http.ts';
import type { MediaQuery } from '../../src/assets/types.ts';
import { startFakePexels } from './fake-pexels.ts';
import { startFakePixabay } from './fake-pixabay.ts';
import { FAST_HTTP, fakeFiles, stockConfig, tempDir } from './helpers.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const landscape: MediaQuery = { terms: 'fishing boats', kind: 'video', orientation: 'landscape', width: 1920, height: 1080 };
const portrait: MediaQuery = { ...landscape, orientation: 'portrait', width: 1080, height: 1920 };

async function pexels(opts: { key?: string; limits?: { capacity: number; intervalMs: number }; now?: () => number } = {}) {
  const server = await startFakePexels({
    apiKey: 'pexels-key',
    files: fakeFiles(),
    videos: [
      { id: 11, slug: 'fishing-boats-in-the-harbour', orientation: 'landscape', duration: 12 },
      { id: 12, slug: 'fishing-boats-at-dawn', orientation: 'portrait', duration: 8 },
    ],
    photos: [{ id: 31, slug: 'lighthouse-on-the-coast', width: 6000, height: 4000, alt: 'Lighthouse on a rocky coast' }],
  });
  closers.push(server.close);
  const home = tempDir('pexels');
  const provider = new PexelsProvider(opts.key ?? 'pexels-key', server.baseUrl, {
    cacheDir: join(home, 'cache'),
    cache: new StockResponseCache(join(home, 'cache'), opts.now),
    bucket: opts.limits ? new TokenBucket(opts.limits.capacity, opts.limits.intervalMs, opts.now) : new TokenBucket(200, 3_600_000),
    http: FAST_HTTP,
  });
  return { server, provider, home };
}

async function pixabay(key = 'pixabay-key') {
  const server = await startFakePixabay({
    apiKey: 'pixabay-key',
    files: fakeFiles(),
    videos: [
      { id: 21, tags: ['fishing boats', 'harbour', 'sea'], orientation: 'portrait', duration: 15 },
      { id: 22, tags: ['fishing boats', 'sunrise'], orientation: 'landscape', duration: 9 },
    ],
    images: [{ id: 41, tags: ['lighthouse', 'coast'], width: 5000, height: 3000 }],
  });
  closers.push(server.close);
  const home = tempDir('pixabay');
  const provider = new PixabayProvider(key, server.baseUrl, { cacheDir: join(home, 'cache'), cache: new StockResponseCache(join(home, 'cache')), bucket: new TokenBucket(100, 60_000), http: FAST_HTTP });
  return { server, provider, home };
}

describe('Pexels provider against a server that speaks its API', () => {
  it('sends the key, the User-Agent and the documented parameters, and picks the smallest file that covers 1920×1080', async () => {
    const { server, provider } = await pexels();
    const found = await provider.search(landscape);
    expect(found.map((c) => c.id)).toEqual(['11']);
    const [c] = found;
    expect(c).toMatchObject({ provider: 'pexels', kind: 'video', width: 1920, height: 1080, duration: 12 });
    expect(c!.url).toMatch(/pexels-11-1920x1080\.mp4$/);
    expect(c!.credit).toEqual({
      provider: 'pexels', kind: 'video', title: 'Fishing boats in the harbour', author: 'Ana Videographer', authorUrl: 'https://www.pexels.com/@ana-11',
      sourceUrl: 'https://www.pexels.com/video/fishing-boats-in-the-harbour-11/', license: 'Pexels License', licenseUrl: 'https://www.pexels.com/license/',
    });
    const [req] = server.api;
    expect(req!.path).toBe('/videos/search');
    expect(req!.headers.authorization).toBe('pexels-key');
    expect(req!.headers['user-agent']).toBe(STOCK_USER_AGENT);
    expect(Object.fromEntries(req!.query)).toMatchObject({ query: 'fishing boats', orientation: 'landscape', size: 'medium', per_page: '15', page: '1' });
  });

  it('asks for portrait clips for 9:16 and picks the 1080×1920 file', async () => {
    const { server, provider } = await pexels();
    const [c] = await provider.search(portrait);
    expect(c).toMatchObject({ id: '12', width: 1080, height: 1920 });
    expect(c!.url).toMatch(/pexels-12-1080x1920\.mp4$/);
    expect(server.api[0]!.query.get('orientation')).toBe('portrait');
  });

  it('asks the image CDN for just enough pixels for a photo', async () => {
    const { server, provider } = await pexels();
    const [c] = await provider.search({ ...landscape, terms: 'lighthouse', kind: 'image' });
    expect(server.api[0]!.path).toBe('/v1/search');
    expect(c).toMatchObject({ kind: 'image', id: 'photo-31', width: 1920, height: 1280 });
    expect(new URL(c!.url).searchParams.get('w')).toBe('1920');
    expect(c!.credit.title).toBe('Lighthouse on a rocky coast');
  });

  it('waits out a 429 for its Retry-After and then succeeds', async () => {
    const { server, provider } = await pexels();
    server.script({ status: 429, headers: { 'retry-after': '1' } });
    const found = await provider.search(landscape);
    expect(found).toHaveLength(1);
    expect(server.api).toHaveLength(2);
  });

  it('gives up on a Retry-After beyond the cap instead of blocking the render', async () => {
    const { server, provider } = await pexels();
    server.script({ status: 429, headers: { 'retry-after': '3600' } });
    await expect(provider.search(landscape)).rejects.toMatchObject({ reason: 'rate-limited', summary: 'Pexels 429' });
    expect(server.api).toHaveLength(1);
  });

  it('retries a 5xx with backoff, and reports the status when it persists', async () => {
    const { server, provider } = await pexels();
    server.script({ status: 502 });
    expect(await provider.search(landscape)).toHaveLength(1);
    server.script({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(provider.search({ ...landscape, terms: 'fishing' })).rejects.toMatchObject({ reason: 'server', summary: 'Pexels 503' });
  });

  it('tries a dropped connection once more, then reports it', async () => {
    const { server, provider } = await pexels();
    server.script('drop');
    expect(await provider.search(landscape)).toHaveLength(1);
    server.script('drop', 'drop');
    await expect(provider.search({ ...landscape, terms: 'boats' })).rejects.toMatchObject({ reason: 'network' });
    expect(server.api).toHaveLength(4);
  });

  it('switches itself off after a 401, naming PEXELS_API_KEY', async () => {
    const { server, provider } = await pexels({ key: 'wrong' });
    expect(provider.available()).toBe(true);
    const error = await provider.search(landscape).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'auth' });
    expect((error as Error).message).toMatch(/PEXELS_API_KEY/);
    expect(provider.available()).toBe(false);
    await expect(provider.search(landscape)).rejects.toMatchObject({ reason: 'auth' });
    expect(server.api).toHaveLength(1);
  });

  it('answers a repeated search from the 24 h disk cache, without the key in the file, and asks again after a day', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const { server, provider, home } = await pexels({ now: () => now });
    await provider.search(landscape);
    await provider.search(landscape);
    expect(server.api).toHaveLength(1);
    const files = readdirSync(join(home, 'cache', 'stock', 'pexels'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    now += 25 * 3600 * 1000;
    await provider.search(landscape);
    expect(server.api).toHaveLength(2);
  });

  it('stops at its rate limit and says so, instead of waiting for the bucket to refill', async () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    const { server, provider } = await pexels({ limits: { capacity: 2, intervalMs: 3_600_000 }, now: () => now });
    await provider.search({ ...landscape, terms: 'fishing' });
    await provider.search({ ...landscape, terms: 'boats' });
    await expect(provider.search({ ...landscape, terms: 'harbour' })).rejects.toMatchObject({ reason: 'rate-limited', summary: 'Pexels rate limit' });
    expect(server.api).toHaveLength(2);
    // A cached answer costs no token.
    expect(await provider.search({ ...landscape, terms: 'fishing' })).toHaveLength(1);
  });

  it('believes the server about how many requests are left (X-Ratelimit-Remaining)', async () => {
    const { server, provider } = await pexels();
    server.script({ status: 200, headers: { 'x-ratelimit-remaining': '0' }, body: JSON.stringify({ page: 1, per_page: 15, videos: [] }) });
    expect(await provider.search({ ...landscape, terms: 'dawn' })).toEqual([]);
    await expect(provider.search(landscape)).rejects.toMatchObject({ reason: 'rate-limited' });
    expect(server.api).toHaveLength(1);
  });

  it('searches in the narration language with the documented locale', async () => {
    const { server, provider } = await pexels();
    await provider.search({ ...landscape, terms: 'bateaux de pêche', language: 'fr' });
    await provider.search({ ...landscape, terms: 'boats', language: 'en-GB' });
    expect(server.api.map((r) => r.query.get('locale'))).toEqual(['fr-FR', null]);
  });

  it('downloads the chosen file through the SSRF-safe fetcher (the configured loopback host is allowed)', async () => {
    const { provider, home } = await pexels();
    const [c] = await provider.search(landscape);
    const dest = join(home, 'clip.mp4');
    await provider.download(c!, dest);
    expect(existsSync(dest)).toBe(true);
  });
});

describe('Pixabay provider against a server that speaks its API', () => {
  it('sends key and q, and picks the rendition that covers the frame, portrait first for 9:16', async () => {
    const { server, provider } = await pixabay();
    const land = await provider.search(landscape);
    expect(land[0]).toMatchObject({ id: '22', width: 1920, height: 1080, duration: 9 });
    expect(land[0]!.url).toMatch(/pixabay-22-small\.mp4$/);
    const port = await provider.search(portrait);
    expect(port[0]).toMatchObject({ id: '21', width: 1080, height: 1920 });
    expect(port[0]!.credit).toMatchObject({ provider: 'pixabay', author: 'coastal_films', authorUrl: 'https://pixabay.com/users/coastal_films-4242/', sourceUrl: 'https://pixabay.com/videos/id-21/', license: 'Pixabay Content License', licenseUrl: 'https://pixabay.com/service/license-summary/', title: 'Fishing boats' });
    const req = server.api[0]!;
    expect(req.path).toBe('/api/videos/');
    expect(Object.fromEntries(req.query)).toMatchObject({ key: 'pixabay-key', q: 'fishing boats', safesearch: 'true' });
    expect(req.headers['user-agent']).toBe(STOCK_USER_AGENT);
  });

  it('finds pictures with image_type=photo and the orientation, choosing the 1280 px file for a 720p frame', async () => {
    const { server, provider } = await pixabay();
    const [c] = await provider.search({ terms: 'lighthouse', kind: 'image', orientation: 'landscape', width: 1280, height: 720 });
    expect(c).toMatchObject({ kind: 'image', id: 'photo-41', width: 1280, height: 768 });
    expect(c!.url).toMatch(/_1280\.jpg$/);
    expect(Object.fromEntries(server.api[0]!.query)).toMatchObject({ image_type: 'photo', orientation: 'horizontal' });
  });

  it('sends lang for languages Pixabay searches in', async () => {
    const { server, provider } = await pixabay();
    await provider.search({ ...landscape, terms: 'Fischerboote', language: 'de-AT' });
    await provider.search({ ...landscape, terms: 'boats', language: 'en' });
    expect(server.api.map((r) => r.query.get('lang'))).toEqual(['de', null]);
  });

  it('treats "[ERROR 400] Invalid or missing API key" as a rejected key, naming PIXABAY_API_KEY', async () => {
    const { provider } = await pixabay('nope');
    const error = await provider.search(landscape).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/PIXABAY_API_KEY/);
    expect(provider.available()).toBe(false);
  });
});

describe('token bucket', () => {
  it('spends a burst, then refills at capacity per interval', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 60_000, () => now);
    for (let i = 0; i < 100; i++) expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.waitMs()).toBe(600);
    now += 600;
    expect(bucket.tryTake()).toBe(true);
    now += 3_600_000;
    expect(bucket.waitMs()).toBe(0);
    bucket.capAt(2);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
  });
});

describe('registry', () => {
  it('lists Pexels, Pixabay and the local library in that order, only those configured', () => {
    const home = tempDir('registry');
    expect(createMediaRegistry(stockConfig(home)).map((p) => p.id)).toEqual([]);
    expect(createMediaRegistry(stockConfig(home, { PIXABAY_API_KEY: 'k' }), home).map((p) => p.id)).toEqual(['pixabay', 'local']);
    expect(createMediaRegistry(stockConfig(home, { PEXELS_API_KEY: 'a', PIXABAY_API_KEY: 'b', VIDEOGEN_MEDIA_DIR: home })).map((p) => p.id)).toEqual(['pexels', 'pixabay', 'local']);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:05 GMT', Date.parse('2026-12-01T10:00:00Z'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
