import type { Command } from 'commander';
import type { Role } from '../../store/types.ts';
import { registerAdminStore } from './admin-store.ts';

export const ROLES: Role[] = ['admin', 'editor', 'viewer'];

export interface CreateFlags {
  email: string;
  role: string;
  passwordStdin?: boolean;
}

/** `videogen admin …`; the implementations (admin-run.ts, admin-store-run.ts) load when a subcommand runs. */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('Manage server accounts in the configured database (DATABASE_URL, or the embedded one).');
  admin
    .command('create')
    .description('Create an account. The password is asked for, or read from stdin with --password-stdin; there is no default.')
    .requiredOption('--email <email>', 'login email')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'admin')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (flags: CreateFlags) => (await import('./admin-run.ts')).runAdminCreate(flags));
  registerAdminStore(admin);
}
