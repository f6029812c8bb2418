import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from './atomic-file.ts';
import { heldLock, updateHeldLock } from './lock.ts';

/**
 * How a CLI command reaches the server that holds the embedded database: the server writes `<dataDir>.control`
 * (mode 0600, so only its own user can read it) with its URL and a random token made fresh at every start. The token
 * authenticates the loopback-only /api/local/admin routes; a command that can read the file is the server's user on
 * the server's machine, who could open the database directly if the server were stopped.
 */
export interface ControlInfo {
  pid: number;
  url: string;
  token: string;
  /** The lock this server held when it wrote the file, so a file left by a killed server is not trusted. */
  lockNonce: string;
}

export const CONTROL_HEADER = 'x-videogen-control';
export const controlPathFor = (dataDir: string) => `${resolve(dataDir)}.control`;

let published: ControlInfo | undefined;

/** Writes this server's control file (needs the directory's lock, which records the URL too). */
export async function publishControl(dataDir: string, url: string): Promise<ControlInfo> {
  const lock = heldLock(dataDir);
  if (!lock) throw new Error(`this process does not hold the lock on ${dataDir}`);
  const info: ControlInfo = { pid: process.pid, url, token: randomBytes(32).toString('base64url'), lockNonce: lock.nonce };
  await writeFileAtomic(controlPathFor(dataDir), `${JSON.stringify(info)}\n`, 0o600);
  published = info;
  // The lock names the server and its URL last: a command that sees them finds the control file already in place.
  await updateHeldLock(dataDir, { kind: 'server', command: 'serve', url });
  return info;
}

/** Removes the control file if it is this process's; the token stops working at once. */
export async function withdrawControl(dataDir: string): Promise<void> {
  const mine = published;
  published = undefined;
  if (mine && (await readControl(dataDir))?.token === mine.token) await rm(controlPathFor(dataDir), { force: true });
}

export async function readControl(dataDir: string): Promise<ControlInfo | undefined> {
  try {
    const value = JSON.parse(await readFile(controlPathFor(dataDir), 'utf8')) as Partial<ControlInfo>;
    return typeof value.url === 'string' && typeof value.token === 'string' && typeof value.pid === 'number' && typeof value.lockNonce === 'string' ? (value as ControlInfo) : undefined;
  } catch {
    return undefined;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when `given` is this process's published token (constant time: both sides are hashed to equal length first). */
export function isControlToken(given: string | undefined): boolean {
  if (!published || typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(published.token));
}

export const controlPublished = () => published !== undefined;
