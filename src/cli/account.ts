import { loadConfig, type VideogenConfig } from '../config.ts';
import { isVideogenError, VideogenError } from '../errors.ts';
import type { Store, User } from '../store/types.ts';

/**
 * Which account a publishing command acts for, and the store it acts in. Channels, publications and schedules belong
 * to accounts (the API shows each user only their own), so the CLI must name one: `--user <email>`, VIDEOGEN_USER, or
 * the only account there is.
 */
export interface AccountFlags {
  user?: string;
}

export const USER_OPTION = ['--user <email>', 'the account to act for (default: VIDEOGEN_USER, or the only account)'] as const;

export async function resolveAccount(store: Store, flags: AccountFlags, env: NodeJS.ProcessEnv = process.env): Promise<User> {
  const wanted = (flags.user ?? env.VIDEOGEN_USER)?.trim().toLowerCase();
  if (wanted) {
    const user = await store.users.byEmail(wanted);
    if (!user) throw new VideogenError('USAGE', `there is no account for ${wanted}; \`videogen admin create --email ${wanted}\` makes one`);
    return user;
  }
  const users = await store.users.list();
  if (users.length === 1) return users[0]!;
  if (users.length === 0) throw new VideogenError('USAGE', 'publishing belongs to an account and there is none yet: create one with `videogen admin create --email you@example.com`');
  const emails = users.map((u) => u.email).sort();
  throw new VideogenError('USAGE', `there are ${users.length} accounts (${emails.slice(0, 5).join(', ')}${emails.length > 5 ? ', …' : ''}): choose one with --user <email> or VIDEOGEN_USER=<email>`);
}

/**
 * Opens the configured store for one command. The embedded database belongs to one process at a time: while a server
 * holds it, these commands cannot open it, and they say what to do instead (PostgreSQL via DATABASE_URL is shared).
 */
export async function openCliStore(config: VideogenConfig = loadConfig()): Promise<Store> {
  // Imported here, not at the top: the commands that use this module are registered on every CLI start (--help too),
  // and the store brings the database drivers.
  const { openStore, storeOptionsFrom } = await import('../store/index.ts');
  try {
    return await openStore(storeOptionsFrom(config));
  } catch (error) {
    if (isVideogenError(error) && error.code === 'STORE_LOCKED')
      throw new VideogenError('STORE_LOCKED', `${error.message.replace(/;[^;]*$/, '')}; stop the server, or use its API (POST /api/channels, /api/publications, /api/schedules), or share a PostgreSQL with DATABASE_URL`, error.details, { cause: error });
    throw error;
  }
}

/** Opens the store, resolves the account, runs `fn`, closes the store whatever happens. */
export async function withAccount<T>(flags: AccountFlags, fn: (ctx: { store: Store; user: User; config: VideogenConfig }) => Promise<T>, access: 'read' | 'write' = 'write'): Promise<T> {
  const config = loadConfig();
  const store = await openCliStore(config);
  try {
    const user = await resolveAccount(store, flags);
    // The same roles as the API: a viewer reads channels, the calendar and the quota, but changes nothing.
    if (access === 'write' && user.role === 'viewer') throw new VideogenError('FORBIDDEN', `${user.email} is a viewer: connecting channels, publishing and scheduling need the editor role (an admin gives it with PATCH /api/users/:id)`);
    return await fn({ store, user, config });
  } finally {
    await store.close();
  }
}
