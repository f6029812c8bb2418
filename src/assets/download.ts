import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fetchToFile } from '../media/fetch-to-file.ts';

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Loopback/private addresses the download may reach (the operator's own API host in tests). */
  allowPrivate?: readonly string[];
  maxBytes?: number;
}

/** Stock clips are short; 200 MB covers a 4K minute and stops a runaway response. */
const MAX_MEDIA_BYTES = 200 * 1024 * 1024;

/**
 * Fetches a provider's file with the SSRF rules of src/sources/url-fetch.ts (the links come from a third party's
 * response, so they are as untrusted as a URL in a spec), streamed to disk so a clip is never held in memory, and
 * written atomically so a cancelled run never leaves half a clip in the cache.
 */
export async function downloadMedia(url: string, dest: string, options: DownloadOptions = {}): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  await fetchToFile(url, dest, {
    maxBytes: options.maxBytes ?? MAX_MEDIA_BYTES,
    timeoutMs: 120_000,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.allowPrivate ? { allowPrivateForTests: options.allowPrivate } : {}),
  });
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}

/** The file extension to store a download under: from the URL's path, else by kind. */
export function extensionFor(url: string, kind: 'image' | 'video'): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const match = /\.([a-z0-9]{2,4})$/i.exec(path);
  const ext = match?.[1]?.toLowerCase();
  const known = kind === 'video' ? ['mp4', 'mov', 'webm', 'm4v', 'mkv'] : ['jpg', 'jpeg', 'png', 'webp'];
  if (ext && known.includes(ext)) return ext === 'jpeg' ? 'jpg' : ext;
  return kind === 'video' ? 'mp4' : 'jpg';
}
