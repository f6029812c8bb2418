import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { VideogenError } from '../errors.ts';
import { syncDirectory } from './atomic-file.ts';

/** PGlite instances this process has open, by directory: a backup of a live database dumps through its owner. */
const openClients = new Map<string, PGlite>();

export const embeddedClient = (dataDir: string) => openClients.get(resolve(dataDir));
export const rememberClient = (dataDir: string, client: PGlite) => openClients.set(resolve(dataDir), client);
export const forgetClient = (dataDir: string) => openClients.delete(resolve(dataDir));

/** The last lines PGlite's postgres printed while starting; a PANIC there says why a directory does not open. */
class StartupLog {
  readonly lines: string[] = [];
  readonly push = (text: string): boolean => {
    this.lines.push(text);
    if (this.lines.length > 40) this.lines.shift();
    return true;
  };
  reason(): string | undefined {
    return [...this.lines].reverse().find((l) => /\b(PANIC|FATAL):/.test(l))?.replace(/^.*?\b(PANIC|FATAL):\s*/, '');
  }
}

export function damagedError(dataDir: string, reason: string, cause?: unknown): VideogenError {
  return new VideogenError(
    'STORE_DAMAGED',
    `the embedded database in ${dataDir} cannot be opened (${reason}); run \`videogen admin doctor\` to check it and \`videogen admin doctor --repair\` to restore the newest backup`,
    { dataDir, reason },
    cause === undefined ? undefined : { cause },
  );
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * A first start creates the database in a temporary directory and renames it into place when initdb is complete, so a
 * start killed during its (8 s) initdb leaves no half-made directory that would abort every later start.
 * Temporaries left by such a kill are removed (the caller holds the lock, so nobody else is using them).
 */
async function initialiseAtomically(dataDir: string): Promise<void> {
  const parent = dirname(dataDir);
  const prefix = `.${basename(dataDir)}.init-`;
  for (const name of await readdir(parent)) if (name.startsWith(prefix)) await rm(join(parent, name), { recursive: true, force: true });
  if (!(await isEmptyDir(dataDir))) return;
  const temp = join(parent, `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
  const client = new PGlite(temp);
  await client.waitReady;
  await client.close();
  if (existsSync(dataDir)) await rmdir(dataDir);
  await rename(temp, dataDir);
  await syncDirectory(parent);
}

/**
 * Opens a PGlite data directory the caller has locked. A directory that does not start raises STORE_DAMAGED with
 * postgres's own reason ("could not locate a valid checkpoint record"), not the bare `RuntimeError: Aborted()`.
 */
export async function openPGliteDir(dataDir: string, extensions?: PGliteOptions['extensions']): Promise<PGlite> {
  const dir = resolve(dataDir);
  await initialiseAtomically(dir);
  if (!existsSync(join(dir, 'PG_VERSION'))) throw damagedError(dir, 'it has files but no PG_VERSION: not a complete PostgreSQL data directory');
  const log = new StartupLog();
  const client = new PGlite(dir, { onStderr: log.push, onStdout: log.push, ...(extensions ? { extensions } : {}) });
  try {
    await client.waitReady;
  } catch (error) {
    throw damagedError(dir, log.reason() ?? (error as Error).message, error);
  }
  return client;
}

/** PostgreSQL's "data corrupted" class (XX001 page, XX002 index) met while migrating or querying. */
export const isCorruptionError = (error: unknown) => /^XX00[12]$/.test(String((error as { code?: unknown }).code ?? ''));
