import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAccount } from '../../src/cli/account.ts';
import { loadConfig } from '../../src/config.ts';
import { openStore, storeOptionsFrom } from '../../src/store/index.ts';

/** The publishing commands act for an account and keep the API's roles: a viewer reads, an editor changes. */
const saved = { home: process.env.VIDEOGEN_HOME, db: process.env.DATABASE_URL, user: process.env.VIDEOGEN_USER };
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'videogen-cli-account-'));
  process.env.VIDEOGEN_HOME = home;
  delete process.env.DATABASE_URL;
  delete process.env.VIDEOGEN_USER;
  const store = await openStore(storeOptionsFrom(loadConfig()));
  await store.users.create({ email: 'viewer@example.com', passwordHash: 'h', role: 'viewer' });
  await store.users.create({ email: 'editor@example.com', passwordHash: 'h', role: 'editor' });
  await store.close();
}, 60_000);
afterAll(async () => {
  for (const [name, value] of [['VIDEOGEN_HOME', saved.home], ['DATABASE_URL', saved.db], ['VIDEOGEN_USER', saved.user]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(home, { recursive: true, force: true });
});

describe('withAccount', () => {
  it('refuses a viewer any change, lets a viewer read, and an editor change', async () => {
    await expect(withAccount({ user: 'viewer@example.com' }, async () => 'changed')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('editor role') });
    expect(await withAccount({ user: 'viewer@example.com' }, async ({ user }) => user.role, 'read')).toBe('viewer');
    expect(await withAccount({ user: 'editor@example.com' }, async ({ user }) => user.role)).toBe('editor');
  });

  it('with several accounts and none chosen, says how to choose', async () => {
    await expect(withAccount({}, async () => 'x', 'read')).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('--user') });
  });
});
