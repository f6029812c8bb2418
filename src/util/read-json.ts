import { readFile } from 'node:fs/promises';
import { VideogenError } from '../errors.ts';

/**
 * A JSON file that may be absent: undefined when it (or its folder) does not exist, the parsed value otherwise;
 * USAGE naming the file and `fix` when it is not JSON. Other read errors (permissions, EISDIR) are thrown as they are.
 */
export async function readJsonIfPresent(path: string, fix: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new VideogenError('USAGE', `${path} is not JSON (${(error as Error).message}); ${fix}`, { path }, { cause: error });
  }
}
