import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** Files up to this size are hashed whole; beyond it, three slices (music is small, footage can be gigabytes). */
const WHOLE_FILE_BYTES = 8 * 1024 * 1024;
const SLICE_BYTES = 1024 * 1024;

const memo = new Map<string, string>();

/**
 * A content hash of a media file for cache keys, cheap enough to call synchronously while planning a render: small
 * files whole; large ones by size plus their first, middle and last MiB (a re-encoded or edited clip changes its size
 * or those bytes; same-size edits confined to unsampled bytes are the accepted blind spot). Memoised per path, size and
 * mtime, so each file is read once per process however many renders use it.
 */
export function fileContentHash(path: string): string {
  const info = statSync(path);
  const memoKey = `${path}\0${info.size}\0${info.mtimeMs}`;
  const known = memo.get(memoKey);
  if (known) return known;
  const hash = createHash('sha256').update(`size:${info.size}\0`);
  const fd = openSync(path, 'r');
  try {
    const ranges: [number, number][] = info.size <= WHOLE_FILE_BYTES
      ? [[0, info.size]]
      : [[0, SLICE_BYTES], [Math.floor(info.size / 2) - SLICE_BYTES / 2, SLICE_BYTES], [info.size - SLICE_BYTES, SLICE_BYTES]];
    const buffer = Buffer.alloc(Math.min(info.size, WHOLE_FILE_BYTES));
    for (const [start, length] of ranges) {
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buffer, done, length - done, start + done);
        if (n === 0) break;
        done += n;
      }
      hash.update(buffer.subarray(0, done));
    }
  } finally {
    closeSync(fd);
  }
  const digest = hash.digest('hex');
  memo.set(memoKey, digest);
  return digest;
}
