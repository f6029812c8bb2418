import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rm, rmdir, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { VideogenError } from '../errors.ts';
import { syncDirectory, writeFileAtomic, writeFlushed } from './atomic-file.ts';

/**
 * One process at a time may open an embedded PGlite directory: two PGlite instances on one directory each keep their
 * own WAL position and buffers, so the second one's writes are lost and, after a crash, the WAL they both wrote no
 * longer matches pg_control ("could not locate a valid checkpoint record" → `RuntimeError: Aborted()` on every start).
 *
 * The lock is a file beside the directory (`<dataDir>.lock`), created atomically with link(2) from a complete
 * temporary file, so it exists whole or not at all. It names its holder (pid, host, boot id, the kernel's start time
 * of that pid, what the process is, and a server's URL). A lock whose holder is gone is taken over:
 * - on this host: the pid is not alive, or it is alive but started at another time (the pid was reused), or the
 *   machine rebooted since (boot id);
 * - from another host (a shared home, a container with a new hostname): its holder stopped refreshing the file's
 *   mtime (every HEARTBEAT_MS) more than FOREIGN_STALE_MS ago.
 * Takeovers happen one at a time under a short-lived `<lock>.takeover` directory, so two starters that both find the
 * same stale lock cannot both win.
 */

export type LockKind = 'server' | 'worker' | 'cli';

export interface LockHolder {
  pid: number;
  hostname: string;
  /** Linux boot id; a lock from before a reboot is stale whatever its pid says. */
  bootId?: string;
  /** The pid's start time in clock ticks since boot (Linux /proc), to tell a reused pid from the holder. */
  procStart?: string;
  startedAt: string;
  kind: LockKind;
  /** The command that holds it, for the message another process prints (`admin create`, `serve`). */
  command: string;
  /** A server's base URL, once it listens. */
  url?: string;
  /** Unique per acquisition: tells this lock from a later one by the same pid. */
  nonce: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly dataDir: string;
  holder(): LockHolder;
  /** Rewrites the lock (atomically) with more about the holder, e.g. the server's URL after listen. */
  update(patch: Partial<Pick<LockHolder, 'kind' | 'command' | 'url'>>): Promise<void>;
  release(): Promise<void>;
}

export interface LockOwner {
  kind?: LockKind;
  command?: string;
}

const HEARTBEAT_MS = 10_000;
const FOREIGN_STALE_MS = 60_000;
/** A takeover takes milliseconds; a `.takeover` directory older than this was left by a killed process. */
const TAKEOVER_STALE_MS = 10_000;
const TAKEOVER_WAIT_MS = 5_000;

/** Locks this process holds, by lock path: a second open of the same directory in one process is refused too. */
const held = new Map<string, { holder: LockHolder; timer: NodeJS.Timeout; lock?: DataDirLock }>();

export const lockPathFor = (dataDir: string) => `${resolve(dataDir)}.lock`;

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

const bootId = () => readProc('/proc/sys/kernel/random/boot_id');

/** Field 22 of /proc/<pid>/stat (start time after boot, in clock ticks); the name before it may contain spaces. */
function procStartOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** True while a process with this pid exists (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.nonce === 'string' ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** Why the holder no longer holds the lock, or undefined while it does. */
function staleBecause(holder: LockHolder | undefined, mtimeMs: number): string | undefined {
  if (!holder) return 'the lock file is unreadable';
  if (holder.hostname !== hostname()) return Date.now() - mtimeMs > FOREIGN_STALE_MS ? `host ${holder.hostname} stopped refreshing it` : undefined;
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return 'the machine restarted since';
  if (holder.pid === process.pid) return [...held.values()].some((h) => h.holder.nonce === holder.nonce) ? undefined : 'an earlier process with this pid made it';
  if (!processAlive(holder.pid)) return `process ${holder.pid} is gone`;
  const start = procStartOf(holder.pid);
  if (holder.procStart && start && start !== holder.procStart) return `pid ${holder.pid} now belongs to another process`;
  return undefined;
}

async function readLock(path: string): Promise<{ holder: LockHolder | undefined; mtimeMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { holder: parseHolder(text), mtimeMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The live holder of a data directory's lock, if any (a stale lock counts as free). */
export async function lockHolder(dataDir: string): Promise<LockHolder | undefined> {
  const found = await readLock(lockPathFor(dataDir));
  if (!found || staleBecause(found.holder, found.mtimeMs)) return undefined;
  return found.holder;
}

/** The lock this process holds on a directory, if it holds one. */
export function heldLock(dataDir: string): LockHolder | undefined {
  return held.get(lockPathFor(dataDir))?.holder;
}

export function describeHolder(holder: LockHolder): string {
  const where = holder.hostname === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.hostname}`;
  if (holder.kind === 'server') return holder.url ? `the server at ${holder.url} (${where})` : `a starting server (${where})`;
  return `\`videogen ${holder.command}\` (${where}, since ${holder.startedAt})`;
}

export function lockedError(dataDir: string, holder: LockHolder): VideogenError {
  const advice =
    holder.kind !== 'server'
      ? 'wait for it to finish, or stop it'
      : holder.url
        ? 'stop it first, or use a command that goes through it (`videogen admin create` does)'
        : 'it is starting: try again in a moment, or stop it';
  return new VideogenError('STORE_LOCKED', `${describeHolder(holder)} is using this data directory (${resolve(dataDir)}); ${advice}`, {
    pid: holder.pid,
    hostname: holder.hostname,
    kind: holder.kind,
    ...(holder.url ? { url: holder.url } : {}),
    lockFile: lockPathFor(dataDir),
  });
}

/** Exclusive short section for taking over a stale lock (mkdir is atomic); a leftover from a kill is cleared. */
async function withTakeoverMutex<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const mutex = `${lockPath}.takeover`;
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    try {
      await mkdir(mutex);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = await stat(mutex).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > TAKEOVER_STALE_MS) await rmdir(mutex).catch(() => undefined);
      else if (Date.now() > deadline) throw new VideogenError('STORE_LOCKED', `another process is taking over the lock ${lockPath}; try again`);
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(mutex).catch(() => undefined);
  }
}

/** Creates the lock file from a complete temporary file; false when a lock file exists already. */
async function tryCreate(lockPath: string, holder: LockHolder): Promise<boolean> {
  const temp = await writeFlushed(lockPath, `${JSON.stringify(holder, null, 2)}\n`, 0o644);
  try {
    await link(temp, lockPath);
    await syncDirectory(resolve(lockPath, '..'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

let exitHookInstalled = false;

/** On any exit (including an uncaught error) the locks this process still holds are removed; a kill -9 is detected instead. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [path, { holder }] of held) {
      if (parseHolder(readProc(path) ?? '')?.nonce === holder.nonce) {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }
    }
  });
}

/**
 * Takes the exclusive lock on a PGlite data directory for the life of this process (or until release()).
 * Throws STORE_LOCKED naming the live holder.
 */
export async function acquireDataDirLock(dataDir: string, owner: LockOwner = {}): Promise<DataDirLock> {
  const path = lockPathFor(dataDir);
  await mkdir(resolve(path, '..'), { recursive: true });
  const boot = bootId();
  const procStart = procStartOf(process.pid);
  let holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    ...(boot ? { bootId: boot } : {}),
    ...(procStart ? { procStart } : {}),
    startedAt: new Date().toISOString(),
    kind: owner.kind ?? 'cli',
    command: owner.command ?? (process.argv.slice(2, 4).join(' ') || 'node'),
    nonce: randomBytes(12).toString('hex'),
  };
  // A racer may create or release the lock between our steps; a few rounds settle it one way or the other.
  for (let round = 0; !(await tryCreate(path, holder)); round++) {
    const live = await withTakeoverMutex(path, async () => {
      const found = await readLock(path);
      if (found && !staleBecause(found.holder, found.mtimeMs)) return found.holder!;
      await rm(path, { force: true });
      return undefined;
    });
    if (live) throw lockedError(dataDir, live);
    if (round >= 3) throw new VideogenError('STORE_LOCKED', `the lock ${path} keeps changing hands; try again`);
  }
  const timer = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  timer.unref();
  held.set(path, { holder, timer });
  installExitHook();

  const lock: DataDirLock = {
    path,
    dataDir: resolve(dataDir),
    holder: () => holder,
    async update(patch) {
      holder = { ...holder, ...patch };
      const entry = held.get(path);
      if (entry) entry.holder = holder;
      await writeFileAtomic(path, `${JSON.stringify(holder, null, 2)}\n`, 0o644);
    },
    async release() {
      const entry = held.get(path);
      if (!entry || entry.holder.nonce !== holder.nonce) return;
      clearInterval(entry.timer);
      held.delete(path);
      const found = await readLock(path);
      if (found?.holder?.nonce === holder.nonce) await rm(path, { force: true });
    },
  };
  held.get(path)!.lock = lock;
  return lock;
}

/** Adds to what the lock this process holds says about it (a server's URL, once it listens). */
export async function updateHeldLock(dataDir: string, patch: Partial<Pick<LockHolder, 'kind' | 'command' | 'url'>>): Promise<void> {
  const entry = held.get(lockPathFor(dataDir));
  if (!entry?.lock) throw new Error(`this process does not hold the lock on ${dataDir}`);
  await entry.lock.update(patch);
}
