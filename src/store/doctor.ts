import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import type { PGlite } from '@electric-sql/pglite';
import { isVideogenError, VideogenError } from '../errors.ts';
import { syncDirectory } from './atomic-file.ts';
import { backupsDirFor, listBackups, restoreBackup, type BackupFile } from './backup.ts';
import { acquireDataDirLock } from './lock.ts';
import { openPGliteDir } from './pglite-open.ts';

/** What `videogen admin doctor` found in an embedded data directory. */
export interface DoctorReport {
  dataDir: string;
  state: 'ok' | 'damaged' | 'missing';
  reason?: string;
  /** Rows per table (a full read of every table: each page's checksum is verified as it is read). */
  tables?: Record<string, number>;
  /** B-tree indexes verified with amcheck (`bt_index_check`, including that every heap row is indexed). */
  indexesChecked?: number;
  backups: BackupFile[];
}

const USER_TABLES = `select c.oid::int as oid, n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') order by 2, 3`;
const USER_BTREES = `select i.indexrelid::int as oid from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
  join pg_namespace n on n.oid = c.relnamespace where a.amname = 'btree' and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')`;

/** Reads every user table and verifies every b-tree index and heap with amcheck, inside a transaction rolled back. */
async function integrityCheck(client: PGlite): Promise<{ tables: Record<string, number>; indexesChecked: number; problems: string[] }> {
  const tables: Record<string, number> = {};
  const problems: string[] = [];
  const rels = (await client.query<{ oid: number; schema: string; name: string }>(USER_TABLES)).rows;
  for (const rel of rels) {
    const qualified = `"${rel.schema.replace(/"/g, '""')}"."${rel.name.replace(/"/g, '""')}"`;
    tables[`${rel.schema}.${rel.name}`] = (await client.query<{ n: number }>(`select count(*)::int as n from ${qualified}`)).rows[0]!.n;
  }
  // CREATE EXTENSION is transactional: the check leaves the database as it found it.
  await client.exec('begin; create extension if not exists amcheck;');
  let indexesChecked = 0;
  try {
    for (const { oid } of (await client.query<{ oid: number }>(USER_BTREES)).rows) {
      await client.query('select bt_index_check($1::oid, true)', [oid]);
      indexesChecked++;
    }
    for (const rel of rels) {
      const found = await client.query<{ msg: string }>('select msg from verify_heapam($1::oid) limit 3', [rel.oid]);
      for (const row of found.rows) problems.push(`${rel.schema}.${rel.name}: ${row.msg}`);
    }
  } finally {
    await client.exec('rollback');
  }
  return { tables, indexesChecked, problems };
}

/** Opens the directory (taking its lock; STORE_LOCKED when a server holds it) and checks it. */
export async function checkDataDir(dataDir: string): Promise<DoctorReport> {
  const dir = resolve(dataDir);
  const backups = await listBackups(dir);
  if (!existsSync(dir)) return { dataDir: dir, state: 'missing', reason: 'no database yet; it is created at the first start', backups };
  const lock = await acquireDataDirLock(dir, { kind: 'cli', command: 'admin doctor' });
  try {
    let client: PGlite;
    try {
      client = await openPGliteDir(dir, { amcheck });
    } catch (error) {
      if (isVideogenError(error) && error.code === 'STORE_DAMAGED') return { dataDir: dir, state: 'damaged', reason: String(error.details?.reason ?? error.message), backups };
      throw error;
    }
    try {
      const { tables, indexesChecked, problems } = await integrityCheck(client);
      return problems.length ? { dataDir: dir, state: 'damaged', reason: problems.join('; '), tables, indexesChecked, backups } : { dataDir: dir, state: 'ok', tables, indexesChecked, backups };
    } catch (error) {
      return { dataDir: dir, state: 'damaged', reason: (error as Error).message, backups };
    } finally {
      await client.close().catch(() => undefined);
    }
  } finally {
    await lock.release();
  }
}

export interface RepairResult {
  movedTo: string;
  /** The backup now in place; absent when none restored (the next start creates an empty database). */
  restoredFrom?: string;
  /** Backups that were tried and did not restore, newest first. */
  failed: { path: string; reason: string }[];
}

/**
 * Restores the newest backup that opens into a temporary directory first; only then moves the damaged directory aside
 * to `<dir>.damaged-<time>` (kept for inspection, never deleted) and renames the restored one into place. With no
 * usable backup nothing is moved unless `startEmpty` (then the next start creates an empty database). Holds the
 * directory's lock throughout so no server starts on it halfway.
 */
export async function repairDataDir(dataDir: string, opts: { startEmpty?: boolean } = {}): Promise<RepairResult> {
  const dir = resolve(dataDir);
  const lock = await acquireDataDirLock(dir, { kind: 'cli', command: 'admin doctor --repair' });
  try {
    const failed: RepairResult['failed'] = [];
    let restored: { candidate: string; from: string } | undefined;
    for (const backup of (await listBackups(dir)).reverse()) {
      // Named like an interrupted initdb, so a kill during the restore leaves nothing the next open does not clear.
      const candidate = join(dirname(dir), `.${basename(dir)}.init-restore-${process.pid}-${randomBytes(4).toString('hex')}`);
      try {
        await restoreBackup(backup.path, candidate);
        restored = { candidate, from: backup.path };
        break;
      } catch (error) {
        failed.push({ path: backup.path, reason: (error as Error).message });
      }
    }
    if (!restored && !opts.startEmpty)
      throw new VideogenError('STORE_DAMAGED', `${failed.length ? `none of the ${failed.length} backups opens` : `there is no backup in ${backupsDirFor(dir)}`}; the damaged database stays where it is. \`--repair --start-empty\` moves it aside and lets the next start create an empty database`, { failed });
    const movedTo = `${dir}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(dir, movedTo);
    if (restored) await rename(restored.candidate, dir);
    await syncDirectory(dirname(dir));
    return { movedTo, ...(restored ? { restoredFrom: restored.from } : {}), failed };
  } finally {
    await lock.release();
  }
}
