import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A real `videogen serve` process on an embedded (PGlite) home, on a free loopback port. Its URL is read from the
 * lock file the server writes once it listens, which is also how `videogen admin` finds it.
 */
export interface ServeChild {
  child: ChildProcess;
  url: string;
  pid: number;
  /** Everything it printed on stderr (and stdout), for failure messages. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** The environment of a child on `home`: no PostgreSQL or Redis from the test's environment, no network TTS. */
export function childEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, VIDEOGEN_HOME: home, VIDEOGEN_EDGE: '0', VIDEOGEN_TTS: 'espeak' };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'VIDEOGEN_DB_SCHEMA', 'VIDEOGEN_PORT', 'PORT']) delete env[name];
  return env;
}

export async function startServe(home: string, args: string[] = ['--no-worker'], env: NodeJS.ProcessEnv = {}): Promise<ServeChild> {
  const child = spawn(process.execPath, ['bin/videogen.mjs', 'serve', '--port', '0', ...args], { env: { ...childEnv(home), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (gone) throw new Error(`videogen serve exited before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`videogen serve did not listen in 120 s:\n${output}`);
    }
    const lock = await readFile(join(home, 'db.lock'), 'utf8').then((t) => JSON.parse(t) as { pid: number; url?: string }, () => undefined);
    const url = lock && lock.pid === child.pid ? lock.url : undefined;
    if (url) {
      const health = await fetch(`${url}/api/health`).then((r) => r.status, () => 0);
      if (health === 200) return { child, url, pid: child.pid!, output: () => output, exited };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `videogen <args>` as a separate process on `home`, with `input` on stdin. */
export function runCli(home: string, args: string[], input = '') {
  return spawnSync(process.execPath, ['bin/videogen.mjs', ...args], { input, encoding: 'utf8', env: childEnv(home), timeout: 120_000 });
}
