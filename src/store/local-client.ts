import { hostname } from 'node:os';
import { ERROR_CODES, VideogenError, type ErrorCode } from '../errors.ts';
import { CONTROL_HEADER, readControl } from './control-file.ts';
import { describeHolder, lockedError, lockHolder, type LockHolder } from './lock.ts';

/**
 * A CLI command's way to the process that holds an embedded data directory: none (the directory is free, open it), or
 * the running server's loopback control routes. Anything else holding it (another command, a server that has not
 * published its URL yet) is refused with STORE_LOCKED.
 */
export interface LocalServer {
  holder: LockHolder;
  url: string;
  post<T>(path: string, body?: unknown): Promise<T>;
}

export async function localServerFor(dataDir: string): Promise<LocalServer | undefined> {
  const holder = await lockHolder(dataDir);
  if (!holder) return undefined;
  // A server on another host (a shared home) is not reachable on this machine's loopback.
  if (holder.kind !== 'server' || !holder.url || holder.hostname !== hostname()) throw lockedError(dataDir, holder);
  const control = await readControl(dataDir);
  // The file must be this very server's (same pid and lock), or it is a leftover of a killed one.
  if (!control || control.pid !== holder.pid || control.lockNonce !== holder.nonce)
    throw new VideogenError('STORE_LOCKED', `${describeHolder(holder)} is using this data directory, but its control file is missing or unreadable by this user; run the command as the server's user, or stop the server first`, { pid: holder.pid });
  const url = control.url;
  return {
    holder,
    url,
    async post<T>(path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { [CONTROL_HEADER]: control.token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(60_000),
        });
      } catch (error) {
        throw new VideogenError('STORE_LOCKED', `${describeHolder(holder)} holds this data directory but does not answer at ${url} (${(error as Error).message}); nothing was changed`, { url }, { cause: error });
      }
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (res.ok) return parsed as T;
      const problem = (parsed as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
      const code = problem?.code && problem.code in ERROR_CODES ? (problem.code as ErrorCode) : 'INTERNAL';
      throw new VideogenError(code, `the server at ${url} refused: ${problem?.message ?? `HTTP ${res.status}`}`, problem?.details);
    },
  };
}
