import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, verifyPassword } from '../../src/store/index.ts';
import { dropSchema, freshSchema, PG_URL, postgresAvailable, warnSkipped } from './helpers.ts';

const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('`videogen admin create` CLI test');

import { buildProgram } from '../../src/cli/main.ts';

/** bin/videogen.mjs once the lead registers `admin` in main.ts; until then the same command via a tiny entry. */
const ENTRY = buildProgram().commands.some((c) => c.name() === 'admin') ? ['bin/videogen.mjs'] : ['test/store/fixtures/admin-cli.mjs'];

describe.skipIf(!hasPostgres)('videogen admin create', () => {
  const schema = freshSchema();
  afterAll(() => dropSchema(schema));
  const run = (args: string[], stdin: string) =>
    spawnSync(process.execPath, [...ENTRY, ...args], { input: stdin, encoding: 'utf8', env: { ...process.env, DATABASE_URL: PG_URL, VIDEOGEN_DB_SCHEMA: schema }, timeout: 60_000 });

  it('creates an argon2id account from --password-stdin, refuses duplicates and short passwords', async () => {
    const ok = run(['admin', 'create', '--email', 'Root@Example.com', '--password-stdin'], 'a long enough secret\n');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^created admin root@example.com/);
    const again = run(['admin', 'create', '--email', 'root@example.com', '--password-stdin'], 'a long enough secret\n');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/CONFLICT/);
    const short = run(['admin', 'create', '--email', 'x@example.com', '--role', 'viewer', '--password-stdin'], 'short\n');
    expect(short.stderr).toMatch(/at least 12/);
    const store = await openStore({ databaseUrl: PG_URL, schema });
    try {
      const user = await store.users.byEmail('root@example.com');
      expect(user?.role).toBe('admin');
      expect(user!.passwordHash.startsWith('$argon2id$')).toBe(true);
      expect(await verifyPassword(user!.passwordHash, 'a long enough secret')).toBe(true);
      expect(await store.users.byEmail('x@example.com')).toBeUndefined();
      expect((await store.audit.list()).map((e) => e.action)).toEqual(['user.create']);
    } finally {
      await store.close();
    }
  }, 90_000);
});
