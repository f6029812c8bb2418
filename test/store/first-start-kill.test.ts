import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../server/helpers.ts';
import { childEnv, startServe } from './serve-child.ts';

/**
 * The first start runs initdb (seconds). A kill -9 in the middle used to leave a half-made directory that aborted every
 * later start; now initdb runs in a temporary directory that is renamed into place only when complete.
 */
describe('a first start killed during initdb', () => {
  let home: string;
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('leaves nothing that stops the next start', async () => {
    home = await mkdtemp(join(tmpdir(), 'videogen-initkill-'));
    const child = spawn(process.execPath, ['bin/videogen.mjs', 'serve', '--port', '0', '--no-worker'], { env: childEnv(home), stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Kill as soon as initdb is under way (its temporary directory exists).
    const deadline = Date.now() + 120_000;
    while (!(existsSync(home) && readdirSync(home).some((n) => n.startsWith('.db.init-')))) {
      if (Date.now() > deadline) throw new Error('initdb never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(home, 'db', 'PG_VERSION'))).toBe(false);

    const server = await startServe(home);
    try {
      expect((await api(server.url, '/api/health')).status).toBe(200);
      expect(readdirSync(home).filter((n) => n.startsWith('.db.init-'))).toEqual([]);
      expect(existsSync(join(home, 'db', 'PG_VERSION'))).toBe(true);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 300_000);
});
