import { password as promptPassword } from '@inquirer/prompts';
import { loadConfig } from '../../config.ts';
import { VideogenError } from '../../errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, openStore, storeOptionsFrom, type Role } from '../../store/index.ts';
import { localServerFor } from '../../store/local-client.ts';
import { ROLES, type CreateFlags } from './admin.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The whole of stdin, minus one trailing newline (`echo pw | …`). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new VideogenError('USAGE', 'no terminal to ask for the password: pipe it with --password-stdin');
  const first = await promptPassword({ message: 'Password', mask: '*' });
  const again = await promptPassword({ message: 'Repeat password', mask: '*' });
  if (first !== again) throw new VideogenError('USAGE', 'the passwords differ');
  return first;
}

/** `videogen admin create` (registered in admin.ts). */
export async function runAdminCreate(flags: CreateFlags): Promise<void> {
  if (!EMAIL.test(flags.email.trim())) throw new VideogenError('USAGE', `"${flags.email}" is not an email address`);
  if (!ROLES.includes(flags.role as Role)) throw new VideogenError('USAGE', `--role must be one of ${ROLES.join(', ')}`);
  const password = await readPassword(Boolean(flags.passwordStdin));
  if (password.length < MIN_PASSWORD_LENGTH) throw new VideogenError('USAGE', `the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  const email = flags.email.trim().toLowerCase();
  const role = flags.role as Role;
  const options = storeOptionsFrom(loadConfig());
  // PGlite allows one process: while a server holds the directory, the account is made by that server, and
  // "created" is printed only after it answered 201 (the row is committed in the database everyone uses).
  const server = options.dataDir ? await localServerFor(options.dataDir) : undefined;
  if (server) {
    const user = await server.post<{ id: string; email: string; role: string }>('/api/local/admin/users', { email, password, role });
    process.stdout.write(`created ${user.role} ${user.email} (${user.id}) through the server at ${server.url}\n`);
    return;
  }
  const store = await openStore(options);
  try {
    if (await store.users.byEmail(email)) throw new VideogenError('CONFLICT', `an account for ${email} exists already`);
    const user = await store.users.create({ email, passwordHash: await hashPassword(password), role });
    await store.audit.record({ actorId: null, action: 'user.create', target: user.id, details: { email: user.email, role: user.role, via: 'cli' }, ip: null });
    process.stdout.write(`created ${user.role} ${user.email} (${user.id})\n`);
  } finally {
    await store.close();
  }
}
