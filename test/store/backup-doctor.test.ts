import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsDirFor, createBackup, KEEP_BACKUPS, listBackups, restoreBackup } from '../../src/store/backup.ts';
import { checkDataDir } from '../../src/store/doctor.ts';
import { openStore } from '../../src/store/index.ts';
import { runCli } from './serve-child.ts';

/** Real backups, real damage (bytes overwritten in a data directory of a temporary home), real recovery. */
describe('embedded database backups and doctor', () => {
  let home: string;
  let dataDir: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'videogen-doctor-'));
    dataDir = join(home, 'db');
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('backs up an open store through its own PGlite and a closed one under the lock; keeps the newest few, mode 0600', async () => {
    const store = await openStore({ dataDir });
    await store.users.create({ email: 'kept@example.com', passwordHash: 'x', role: 'viewer' });
    const live = await createBackup(dataDir);
    await store.close();
    expect(statSync(live.path).mode & 0o777).toBe(0o600);
    for (let i = 0; i < KEEP_BACKUPS; i++) await createBackup(dataDir);
    const kept = await listBackups(dataDir);
    expect(kept).toHaveLength(KEEP_BACKUPS);
    expect(kept.map((b) => b.path)).not.toContain(live.path);
    // Atomic writes leave no temporaries behind, and the lock is gone after each backup.
    expect(readdirSync(backupsDirFor(dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 180_000);

  it('doctor reads every table and verifies every index of a healthy database', async () => {
    const report = await checkDataDir(dataDir);
    expect(report.state).toBe('ok');
    expect(report.tables?.['public.users']).toBe(1);
    expect(report.indexesChecked).toBeGreaterThan(5);
    const cli = runCli(home, ['admin', 'doctor']);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/: ok\n/);
    expect(cli.stdout).toMatch(new RegExp(`backups   ${KEEP_BACKUPS} in `));
  }, 120_000);

  it('a destroyed pg_control gives STORE_DAMAGED (not Aborted()), and doctor --repair restores the newest backup', async () => {
    // A write after the last backup: restoring goes back to the backup, and the damaged files are kept aside.
    const store = await openStore({ dataDir });
    await store.users.create({ email: 'after-backup@example.com', passwordHash: 'x', role: 'viewer' });
    await store.close();
    await writeFile(join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));

    const error = await openStore({ dataDir }).then(() => undefined, (e: unknown) => e as { code?: string; message: string });
    expect(error?.code).toBe('STORE_DAMAGED');
    expect(error?.message).toContain('videogen admin doctor --repair');
    expect(error?.message).not.toMatch(/Aborted/);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const check = runCli(home, ['admin', 'doctor']);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/: damaged \(/);
    expect(check.stderr).toMatch(/^error STORE_DAMAGED: /);

    const repair = runCli(home, ['admin', 'doctor', '--repair']);
    expect(repair.stderr).toBe('');
    expect(repair.status).toBe(0);
    expect(repair.stdout).toMatch(/moved {5}the damaged database to .*db\.damaged-/);
    expect(repair.stdout).toMatch(/restored {2}.*\.tar\.gz/);
    expect(readdirSync(home).filter((n) => n.startsWith('db.damaged-'))).toHaveLength(1);

    const restored = await openStore({ dataDir });
    try {
      expect((await restored.users.byEmail('kept@example.com'))?.role).toBe('viewer');
      expect(await restored.users.byEmail('after-backup@example.com')).toBeUndefined();
    } finally {
      await restored.close();
    }
  }, 240_000);

  it('finds a damaged table page by its checksum', async () => {
    const client = new PGlite(dataDir);
    const path = (await client.query<{ p: string }>(`select pg_relation_filepath('users') as p`)).rows[0]!.p;
    await client.close();
    const file = await open(join(dataDir, path), 'r+');
    await file.write(Buffer.alloc(512, 0xff), 0, 512, 1024);
    await file.close();
    const report = await checkDataDir(dataDir);
    expect(report.state).toBe('damaged');
    expect(report.reason).toMatch(/invalid page|checksum/);
  }, 120_000);

  it('without a usable backup, --repair leaves the damaged directory in place unless --start-empty', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'videogen-doctor-nobackup-'));
    try {
      await (await openStore({ dataDir: join(bare, 'db') })).close();
      await writeFile(join(bare, 'db', 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
      const refused = runCli(bare, ['admin', 'doctor', '--repair']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/STORE_DAMAGED: there is no backup in .*the damaged database stays where it is/);
      expect(existsSync(join(bare, 'db', 'PG_VERSION'))).toBe(true);
      const emptied = runCli(bare, ['admin', 'doctor', '--repair', '--start-empty']);
      expect(emptied.status).toBe(0);
      expect(emptied.stdout).toMatch(/restored {2}nothing \(--start-empty\)/);
      expect(existsSync(join(bare, 'db'))).toBe(false);
      expect(readdirSync(bare).filter((n) => n.startsWith('db.damaged-'))).toHaveLength(1);
      const fresh = await openStore({ dataDir: join(bare, 'db') });
      expect(await fresh.users.count()).toBe(0);
      await fresh.close();
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  }, 240_000);

  it('restores a backup only into a directory that does not exist, and refuses a tarball that is not one', async () => {
    const [newest] = (await listBackups(dataDir)).reverse();
    await expect(restoreBackup(newest!.path, dataDir)).rejects.toMatchObject({ code: 'CONFLICT' });
    const junk = join(home, 'junk.tar.gz');
    await writeFile(junk, 'not a tarball');
    await expect(restoreBackup(junk, join(home, 'from-junk'))).rejects.toMatchObject({ code: 'STORE_DAMAGED' });
    expect(readdirSync(home).filter((n) => n.startsWith('from-junk'))).toEqual([]);
    // A restored copy is a complete database.
    const copy = join(home, 'copy', 'db');
    await restoreBackup(newest!.path, copy);
    const store = await openStore({ dataDir: copy });
    try {
      expect((await store.users.byEmail('kept@example.com'))?.email).toBe('kept@example.com');
    } finally {
      await store.close();
    }
  }, 120_000);
});
