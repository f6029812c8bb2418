import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temporary name beside `path` (same directory, so a rename is atomic), unique to this process and call. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `data` to a new temporary file with `mode` and flushes it to disk; returns its path. */
export async function writeFlushed(path: string, data: string | Uint8Array, mode = 0o644): Promise<string> {
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx', mode);
  let written = false;
  try {
    await handle.writeFile(data);
    await handle.sync();
    written = true;
  } finally {
    await handle.close();
    if (!written) await rm(temp, { force: true });
  }
  return temp;
}

/** Flushes a directory entry change (a rename or link) so it survives a power loss, where the OS allows it. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` with `data` all at once: readers see the old content or the new, never a half-written file, even when
 * the process is killed in the middle (write a flushed temporary file, then rename it over the target).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const temp = await writeFlushed(path, data, mode);
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}
