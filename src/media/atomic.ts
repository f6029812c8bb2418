import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';

/**
 * Where a file is written before it is complete. The `.partial-…` suffix means a crash (even SIGKILL of Node) never
 * leaves a file that looks finished; the same directory makes the final rename atomic. Writers pass ffmpeg an explicit
 * `-f`, because this suffix hides the real extension.
 */
export function partialPath(output: string): string {
  return `${output}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Publishes a finished temp file under its final name in one step. */
export async function commitFile(partial: string, output: string): Promise<void> {
  await rename(partial, output);
}

/** Removes a temp file after a failure or cancellation; a missing file is fine. */
export async function discardFile(partial: string): Promise<void> {
  await rm(partial, { force: true });
}

/** Runs `write(partial)` and publishes the result only if it succeeds; otherwise nothing is left behind. */
export async function writeAtomically<T>(output: string, write: (partial: string) => Promise<T>): Promise<T> {
  const partial = partialPath(output);
  try {
    const result = await write(partial);
    await commitFile(partial, output);
    return result;
  } catch (err) {
    await discardFile(partial);
    throw err;
  }
}
