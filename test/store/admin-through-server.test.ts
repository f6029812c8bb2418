import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../src/store/backup.ts';
import { CONTROL_HEADER } from '../../src/store/control-file.ts';
import { openStore } from '../../src/store/index.ts';
import { api, login } from '../server/helpers.ts';
import { runCli, startServe, type ServeChild } from './serve-child.ts';

const PASSWORD = 'a long enough secret';

/** `videogen admin …` while a real `videogen serve` holds the embedded database. */
describe('admin commands while the server holds the embedded database', () => {
  let home: string;
  let server: ServeChild;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'videogen-admin-serve-'));
    server = await startServe(home);
  }, 180_000);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await rm(home, { recursive: true, force: true });
  }, 60_000);

  it('creates the account through the server: "created" only when it exists, and it signs in', async () => {
    const made = runCli(home, ['admin', 'create', '--email', 'Ops@Example.com', '--role', 'editor', '--password-stdin'], `${PASSWORD}\n`);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(new RegExp(`^created editor ops@example.com \\(.+\\) through the server at ${server.url.replace(/[.]/g, '\\.')}`));
    // The account is real in the database the server uses: it signs in through the API.
    const client = await login(server.url, 'ops@example.com', PASSWORD);
    const me = await api(server.url, '/api/auth/me', { client });
    expect(me.status).toBe(200);
    expect(me.body.user?.email ?? me.body.email).toBe('ops@example.com');

    const again = runCli(home, ['admin', 'create', '--email', 'ops@example.com', '--password-stdin'], `${PASSWORD}\n`);
    expect(again.status).toBe(1);
    expect(again.stdout).not.toMatch(/created/);
    expect(again.stderr).toMatch(/CONFLICT.*exists already/);
  }, 120_000);

  it('writes its control token with mode 0600, and the local routes refuse a wrong or missing token', async () => {
    expect(statSync(join(home, 'db.control')).mode & 0o777).toBe(0o600);
    const body = { email: 'intruder@example.com', password: PASSWORD, role: 'admin' };
    for (const headers of [{}, { [CONTROL_HEADER]: 'guess' }] as Record<string, string>[]) {
      const res = await api(server.url, '/api/local/admin/users', { method: 'POST', body, headers });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
    // Right token, but the request says it was forwarded by a proxy: not from this machine.
    const { token } = JSON.parse(await readFile(join(home, 'db.control'), 'utf8')) as { token: string };
    const forwarded = await api(server.url, '/api/local/admin/users', { method: 'POST', body, headers: { [CONTROL_HEADER]: token, 'x-forwarded-for': '203.0.113.9' } });
    expect(forwarded.status).toBe(403);
  });

  it('doctor reports the server as the holder; a second server or a direct open is refused with its URL', async () => {
    const doctor = runCli(home, ['admin', 'doctor']);
    expect(doctor.status).toBe(0);
    expect(doctor.stdout).toContain(`in use by the server at ${server.url} (pid ${server.pid})`);
    const second = runCli(home, ['serve', '--port', '0']);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`error STORE_LOCKED: the server at ${server.url} (pid ${server.pid}) is using this data directory (${join(home, 'db')})`);
    await expect(openStore({ dataDir: join(home, 'db') })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
  }, 120_000);

  it('backs up through the server to -o, and the backup restores with the account in it', async () => {
    const out = join(home, 'manual.tar.gz');
    const res = runCli(home, ['admin', 'backup', '-o', out]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^backup .*manual\.tar\.gz \(\d+\.\d MB\) made by the server/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const restored = join(home, 'restored', 'db');
    await restoreBackup(out, restored);
    const store = await openStore({ dataDir: restored });
    try {
      expect((await store.users.byEmail('ops@example.com'))?.role).toBe('editor');
    } finally {
      await store.close();
    }
  }, 120_000);

  it('removes its lock and control file on SIGTERM', async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    expect(existsSync(join(home, 'db.lock'))).toBe(false);
    expect(existsSync(join(home, 'db.control'))).toBe(false);
    // With the server gone, the command opens the directory itself.
    const made = runCli(home, ['admin', 'create', '--email', 'later@example.com', '--password-stdin'], `${PASSWORD}\n`);
    expect(made.stdout).toMatch(/^created admin later@example.com \([^)]+\)\n$/);
  }, 120_000);
});
