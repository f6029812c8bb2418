import { copyFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes a file via a temp file and rename, so a crash never leaves a half-written file under the final name. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}

/** Copies a finished file into place under a temp name first, so readers never see a partial copy. */
export async function copyFileAtomic(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const temp = `${to}.${process.pid}.${Date.now()}.tmp`;
  await copyFile(from, temp);
  await rename(temp, to);
}
