import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { writeFileAtomic } from '../util/files.ts';
import { fetchToFile } from './fetch-to-file.ts';

/**
 * Media by content: every asset is known by the sha256 of its bytes (the catalog ref and part of segment cache keys),
 * so the same picture named twice, renamed, or fetched from two URLs is decoded and cached once. Downloads land in
 * <cacheDir>/media/<sha256>.<ext>; local files are hashed where they are and never copied.
 */
export interface CachedMedia {
  path: string;
  hash: string;
}

/** sha256 of a file, streamed (a 500 MB clip is never read into memory at once). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Hashes per (path, size, mtime) in this process: a re-render or a preview does not re-read unchanged clips. */
const localHashes = new Map<string, string>();

export async function cacheLocalFile(path: string): Promise<CachedMedia> {
  const info = await stat(path);
  const key = `${path}\0${info.size}\0${info.mtimeMs}`;
  let hash = localHashes.get(key);
  if (!hash) {
    hash = await hashFile(path);
    localHashes.set(key, hash);
  }
  return { path, hash };
}

export interface UrlCacheOptions {
  maxBytes: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  allowPrivateForTests?: readonly string[];
}

/** How long a URL's download is trusted before it is fetched again (the stock providers' 24 h response cache too). */
const URL_TTL_MS = 24 * 3600 * 1000;

const extOf = (url: string) => {
  const ext = extname(new URL(url).pathname).toLowerCase().replace(/[^.a-z0-9]/g, '');
  return ext.length > 1 && ext.length <= 6 ? ext : '.bin';
};

/** Downloads `url` (SSRF-safe, bounded) into the content cache, or reuses a download of the last 24 hours. */
export async function cacheUrl(url: string, cacheDir: string, opts: UrlCacheOptions): Promise<CachedMedia> {
  const dir = join(cacheDir, 'media');
  await mkdir(dir, { recursive: true });
  const urlKey = createHash('sha256').update(url).digest('hex');
  const index = join(dir, `url-${urlKey}.json`);
  const known = await readFile(index, 'utf8').then((t) => JSON.parse(t) as { hash: string; path: string; at: number }, () => undefined);
  if (known && Date.now() - known.at < URL_TTL_MS && (await stat(known.path).then((s) => s.isFile(), () => false))) return { path: known.path, hash: known.hash };
  const ext = extOf(url);
  const download = join(dir, `download-${urlKey}${ext}`);
  const fetched = await fetchToFile(url, download, opts);
  const path = join(dir, `${fetched.sha256}${ext}`);
  await rename(download, path);
  await writeFileAtomic(index, JSON.stringify({ hash: fetched.sha256, path, at: Date.now() }));
  return { path, hash: fetched.sha256 };
}
