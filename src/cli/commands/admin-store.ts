import type { Command } from 'commander';

/** `admin backup` and `admin doctor`; their implementations (admin-store-run.ts) load when one runs. */
export function registerAdminStore(admin: Command): void {
  admin
    .command('backup')
    .description('Back up the embedded database (a tarball of its data directory). Through the running server when it holds the database.')
    .option('-o, --output <file>', `where to write it (default: a new file in <home>/backups, keeping the newest few)`)
    .action(async (flags: { output?: string }) => (await import('./admin-store-run.ts')).runBackup(flags));

  admin
    .command('doctor')
    .description('Check that the embedded database opens and reads back whole; --repair moves a damaged one aside and restores the newest backup.')
    .option('--repair', 'if damaged: restore the newest backup that opens, moving the damaged one to db.damaged-<time>')
    .option('--start-empty', 'with --repair and no usable backup: move the damaged one aside anyway; the next start creates an empty database')
    .option('--json', 'print the report as JSON')
    .action(async (flags: { repair?: boolean; startEmpty?: boolean; json?: boolean }) => (await import('./admin-store-run.ts')).runDoctor(flags));
}
