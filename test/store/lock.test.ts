import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, lockHolder, lockPathFor, type LockHolder } from '../../src/store/lock.ts';

const FIXTURE = 'test/store/fixtures/hold-lock.mjs';
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDataDir(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'videogen-lock-'));
  dirs.push(home);
  return join(home, 'db');
}

/** A process that tries to take the lock; resolves with its first output line (held or refused). */
function holder(dataDir: string, kind = 'cli'): Promise<{ child: ChildProcess; result: { held: boolean; pid?: number; code?: string; message?: string } }> {
  const child = spawn(process.execPath, [FIXTURE, dataDir, kind], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, result: JSON.parse(line) }));
  });
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** /proc/<pid>/stat field 22, as the lock records it. */
const procStart = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
};

async function plantLock(dataDir: string, patch: Partial<LockHolder>): Promise<void> {
  const base: LockHolder = { pid: 999_999, hostname: hostname(), startedAt: new Date().toISOString(), kind: 'server', command: 'serve', url: 'http://127.0.0.1:1', nonce: 'planted' };
  await writeFile(lockPathFor(dataDir), JSON.stringify({ ...base, ...patch }));
}

describe('data directory lock', () => {
  it('refuses a second holder in the same process and frees the directory on release', async () => {
    const dataDir = await tempDataDir();
    const first = await acquireDataDirLock(dataDir, { kind: 'server', command: 'serve' });
    await first.update({ url: 'http://127.0.0.1:8080' });
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({
      code: 'STORE_LOCKED',
      message: expect.stringContaining(`the server at http://127.0.0.1:8080 (pid ${process.pid}) is using this data directory (${dataDir})`),
    });
    await first.release();
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
    const second = await acquireDataDirLock(dataDir);
    await second.release();
  });

  it('refuses while another process holds it, and takes over once that process is killed with SIGKILL', async () => {
    const dataDir = await tempDataDir();
    const { child, result } = await holder(dataDir, 'server');
    expect(result.held).toBe(true);
    expect((await lockHolder(dataDir))?.pid).toBe(child.pid);
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining(`pid ${child.pid}`) });
    child.kill('SIGKILL');
    await killed(child);
    // The killed holder could not remove its file: it is still there, and stale.
    expect(JSON.parse(await readFile(lockPathFor(dataDir), 'utf8')).pid).toBe(child.pid);
    expect(await lockHolder(dataDir)).toBeUndefined();
    const lock = await acquireDataDirLock(dataDir);
    expect(lock.holder().pid).toBe(process.pid);
    await lock.release();
  });

  it('removes its lock when the holding process exits normally', async () => {
    const dataDir = await tempDataDir();
    const { child, result } = await holder(dataDir);
    expect(result.held).toBe(true);
    child.stdin!.end();
    await killed(child);
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
  });

  it('tells a reused pid from the holder by its start time', async () => {
    const dataDir = await tempDataDir();
    // A live process that is not a videogen holder: its pid is alive, but it started at another time than recorded.
    const sleeper = spawn('sleep', ['30']);
    children.push(sleeper);
    await plantLock(dataDir, { pid: sleeper.pid!, procStart: '1' });
    const lock = await acquireDataDirLock(dataDir);
    await lock.release();
    // The same pid with its real start time is a live holder.
    await plantLock(dataDir, { pid: sleeper.pid!, procStart: procStart(sleeper.pid!) });
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({ code: 'STORE_LOCKED' });
  });

  it('takes over locks of dead pids, older boots, unreadable files, and other hosts that stopped refreshing', async () => {
    const dataDir = await tempDataDir();
    for (const planted of [{ pid: 999_999 }, { pid: process.ppid, bootId: 'an-earlier-boot' }]) {
      await plantLock(dataDir, planted);
      await (await acquireDataDirLock(dataDir)).release();
    }
    await writeFile(lockPathFor(dataDir), '{"pid": 12');
    await (await acquireDataDirLock(dataDir)).release();

    await plantLock(dataDir, { hostname: 'another-host', pid: 1 });
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining('on another-host') });
    const old = new Date(Date.now() - 120_000);
    await utimes(lockPathFor(dataDir), old, old);
    await (await acquireDataDirLock(dataDir)).release();
  });

  it('lets exactly one of several racing processes take over a stale lock', async () => {
    const dataDir = await tempDataDir();
    await plantLock(dataDir, { pid: 999_999 });
    const racers = await Promise.all([1, 2, 3, 4].map(() => holder(dataDir)));
    const winners = racers.filter((r) => r.result.held);
    expect(winners).toHaveLength(1);
    for (const loser of racers.filter((r) => !r.result.held)) expect(loser.result.code).toBe('STORE_LOCKED');
    expect((await lockHolder(dataDir))?.pid).toBe(winners[0]!.child.pid);
    // Nothing is left behind but the one lock.
    expect(readdirSync(join(dataDir, '..')).sort()).toEqual(['db.lock']);
  }, 60_000);
});
