import { isAbsolute, resolve, sep } from 'node:path';

/**
 * True when `path` is strictly inside `dir`. Paths read from database rows are checked before the server deletes or
 * measures them: a bad row must never make the server touch anything else.
 */
export function insideDir(dir: string, path: string): boolean {
  return isAbsolute(path) && resolve(path).startsWith(resolve(dir) + sep);
}
