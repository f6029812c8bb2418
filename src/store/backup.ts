import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { VideogenError } from '../errors.ts';
import { syncDirectory, writeFileAtomic } from './atomic-file.ts';
import { acquireDataDirLock, processAlive } from './lock.ts';
import { embeddedClient, openPGliteDir } from './pglite-open.ts';

/**
 * Backups of the embedded database: PGlite's `dumpDataDir()` tarball (gzip) of the whole data directory, written
 * atomically (temporary file + rename) with mode 0600, since it holds password hashes and session digests.
 * `<home>/backups/db-<UTC time>.tar.gz`, newest last by name; the server makes one at every start and keeps KEEP_BACKUPS.
 */
export const KEEP_BACKUPS = 5;
const NAME = /^db-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-[0-9a-f]+)?\.tar\.gz$/;

export const backupsDirFor = (dataDir: string) => join(dirname(resolve(dataDir)), 'backups');

export interface BackupFile {
  path: string;
  bytes: number;
  createdAt: Date;
}

/** The directory's backups, oldest first. */
export async function listBackups(dataDir: string): Promise<BackupFile[]> {
  const dir = backupsDirFor(dataDir);
  const names = existsSync(dir) ? (await readdir(dir)).filter((n) => NAME.test(n)).sort() : [];
  return Promise.all(
    names.map(async (name) => {
      const info = await stat(join(dir, name));
      return { path: join(dir, name), bytes: info.size, createdAt: info.mtime };
    }),
  );
}

/** Dumps a PGlite instance's data directory; a checkpoint first, so the tarball needs little WAL replay to open. */
async function dump(client: PGlite): Promise<Uint8Array> {
  await client.exec('checkpoint');
  const blob = await client.dumpDataDir('gzip');
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Writes a backup of the embedded database to `dest` (default: a new file in the backups directory, then the oldest
 * beyond `keep` are removed). A database this process has open is dumped through its own PGlite instance; otherwise
 * the directory is locked and opened for the dump (STORE_LOCKED when another process holds it).
 */
export async function createBackup(dataDir: string, opts: { dest?: string; keep?: number } = {}): Promise<BackupFile> {
  const dir = resolve(dataDir);
  let bytes: Uint8Array;
  const live = embeddedClient(dir);
  if (live) bytes = await dump(live);
  else {
    const lock = await acquireDataDirLock(dir, { kind: 'cli', command: 'admin backup' });
    try {
      const client = await openPGliteDir(dir);
      try {
        bytes = await dump(client);
      } finally {
        await client.close();
      }
    } finally {
      await lock.release();
    }
  }
  const createdAt = new Date();
  const path = opts.dest ? resolve(opts.dest) : join(backupsDirFor(dir), `db-${createdAt.toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}.tar.gz`);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, bytes, 0o600);
  if (!opts.dest) await pruneBackups(dir, opts.keep ?? KEEP_BACKUPS);
  return { path, bytes: bytes.byteLength, createdAt };
}

export async function pruneBackups(dataDir: string, keep: number): Promise<void> {
  const all = await listBackups(dataDir);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) await rm(old.path, { force: true });
  await removeAbandonedTemps(backupsDirFor(dataDir));
}

/** Temporaries of backups whose writer was killed mid-write (`.<name>.<pid>.<random>.tmp`, see atomic-file.ts). */
async function removeAbandonedTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const pid = Number(/^\.db-.*\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !processAlive(pid)) await rm(join(dir, name), { force: true });
  }
}

/**
 * Restores a backup tarball into `dataDir`, which must not exist (move a damaged one aside first). The tarball is
 * unpacked and started in a temporary directory beside it and renamed into place only when it opened and answered a
 * query, so a bad backup never replaces anything.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<void> {
  const dir = resolve(dataDir);
  if (existsSync(dir)) throw new VideogenError('CONFLICT', `${dir} exists; move it aside before restoring a backup into it`);
  const temp = `${dir}.restore-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(dirname(dir), { recursive: true });
    const client = new PGlite(temp, { loadDataDir: new Blob([await readFile(file)]) });
    try {
      await client.waitReady;
      await client.query('select count(*) from pg_class');
    } finally {
      await client.close().catch(() => undefined);
    }
    await rename(temp, dir);
    await syncDirectory(dirname(dir));
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof VideogenError) throw error;
    throw new VideogenError('STORE_DAMAGED', `the backup ${file} cannot be restored: ${(error as Error).message}`, { file }, { cause: error });
  }
}
