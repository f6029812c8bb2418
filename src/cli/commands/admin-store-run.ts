import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../../config.ts';
import { VideogenError } from '../../errors.ts';
import { writeFileAtomic } from '../../store/atomic-file.ts';
import { backupsDirFor, createBackup } from '../../store/backup.ts';
import { checkDataDir, repairDataDir, type DoctorReport } from '../../store/doctor.ts';
import { storeOptionsFrom } from '../../store/from-config.ts';
import { localServerFor } from '../../store/local-client.ts';
import { describeHolder, lockHolder } from '../../store/lock.ts';
import { damagedError } from '../../store/pglite-open.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The embedded data directory, or USAGE when DATABASE_URL points at PostgreSQL (which has its own tools). */
function embeddedDir(what: string): string {
  const options = storeOptionsFrom(loadConfig());
  if (!options.dataDir) throw new VideogenError('USAGE', `${what} works on the embedded database; with DATABASE_URL use PostgreSQL's own tools (pg_dump, pg_amcheck)`);
  return options.dataDir;
}

function printReport(report: DoctorReport): void {
  out(`database  ${report.dataDir}: ${report.state}${report.reason ? ` (${report.reason})` : ''}`);
  if (report.tables) out(`tables    ${Object.keys(report.tables).length} read in full, ${Object.values(report.tables).reduce((a, b) => a + b, 0)} rows; ${report.indexesChecked ?? 0} indexes verified`);
  const newest = report.backups.at(-1);
  out(`backups   ${report.backups.length} in ${backupsDirFor(report.dataDir)}${newest ? `, newest ${newest.createdAt.toISOString()} (${mb(newest.bytes)})` : ''}`);
}

/** `videogen admin backup` (registered in admin-store.ts). */
export async function runBackup(flags: { output?: string }): Promise<void> {
  const dataDir = embeddedDir('backup');
  const server = await localServerFor(dataDir);
  let made: { path: string; bytes: number };
  if (server) {
    made = await server.post<{ path: string; bytes: number }>('/api/local/admin/backup');
    if (flags.output) {
      await writeFileAtomic(resolve(flags.output), await readFile(made.path), 0o600);
      made = { ...made, path: resolve(flags.output) };
    }
  } else made = await createBackup(dataDir, flags.output ? { dest: flags.output } : {});
  out(`backup ${made.path} (${mb(made.bytes)})${server ? ` made by the server at ${server.url}` : ''}`);
}

/** `videogen admin doctor` (registered in admin-store.ts). */
export async function runDoctor(flags: { repair?: boolean; startEmpty?: boolean; json?: boolean }): Promise<void> {
  const dataDir = embeddedDir('doctor');
  const holder = await lockHolder(dataDir);
  if (holder) {
    if (flags.repair) throw new VideogenError('STORE_LOCKED', `${describeHolder(holder)} is using ${resolve(dataDir)}; stop it before repairing`);
    out(`database  ${resolve(dataDir)}: in use by ${describeHolder(holder)}, so it opened; stop it for a full check`);
    return;
  }
  const report = await checkDataDir(dataDir);
  if (flags.json && !(flags.repair && report.state === 'damaged')) out(JSON.stringify(report, null, 2));
  else if (!flags.json) printReport(report);
  if (report.state !== 'damaged') {
    if (flags.repair) out('nothing to repair');
    return;
  }
  if (!flags.repair) throw damagedError(report.dataDir, report.reason ?? 'see above');
  const repaired = await repairDataDir(dataDir, { startEmpty: Boolean(flags.startEmpty) });
  for (const failed of repaired.failed) out(`skipped   ${failed.path}: ${failed.reason}`);
  out(`moved     the damaged database to ${repaired.movedTo} (kept for inspection)`);
  out(repaired.restoredFrom ? `restored  ${repaired.restoredFrom}` : 'restored  nothing (--start-empty): the next start creates an empty database');
  const after = repaired.restoredFrom ? await checkDataDir(dataDir) : undefined;
  if (after && flags.json) out(JSON.stringify({ before: report, repaired, after }, null, 2));
  else if (after) printReport(after);
  if (after && after.state !== 'ok') throw damagedError(after.dataDir, after.reason ?? 'the restored backup does not check out');
}
