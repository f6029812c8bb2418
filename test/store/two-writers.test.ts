import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';

/** A process writing to `dataDir` in a loop; resolves once it has committed its first writes. */
async function writer(dataDir: string, mode: 'raw' | 'store') {
  const child = spawn(process.execPath, ['test/store/fixtures/pglite-writer.mjs', dataDir, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const batches: (() => void)[] = [];
  let written = 0;
  createInterface({ input: child.stdout! }).on('line', () => {
    written++;
    batches.splice(0).forEach((wake) => wake());
  });
  /** Waits until `count` more batches of 200 writes are committed. */
  const more = async (count: number) => {
    const target = written + count;
    while (written < target) await Promise.race([new Promise<void>((resolve) => batches.push(resolve)), exited.then(() => Promise.reject(new Error('the writer exited')))]);
  };
  await more(1);
  return {
    more,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Why the embedded database was lost (issue 10): a second PGlite instance on a directory another process is writing
 * to (`videogen admin create` beside the server) starts with its own crash recovery, writes and checkpoints at its own
 * WAL position. The first process goes on appending WAL at its position, over those records; when it is then killed,
 * pg_control points at a checkpoint record that is no longer there, and every later start PANICs ("invalid resource
 * manager ID", "could not locate a valid checkpoint record") → `RuntimeError: Aborted()`. A kill -9 of a single
 * writer does not do this (crash-loop.test.ts).
 */
describe('two processes on one PGlite directory', () => {
  const homes: string[] = [];
  const home = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'videogen-two-writers-'));
    homes.push(dir);
    const dataDir = join(dir, 'db');
    await (await openStore({ dataDir })).close();
    return dataDir;
  };
  afterAll(async () => {
    for (const dir of homes) await rm(dir, { recursive: true, force: true });
  });

  it('without the lock: a second open during writes, then kill -9, damages the directory, which answers STORE_DAMAGED', async () => {
    const dataDir = await home();
    const first = await writer(dataDir, 'raw');
    await first.more(10);
    const second = new PGlite(dataDir);
    await second.query(`insert into writer_rows (v) values ('from the second process')`);
    expect((await second.query<{ n: number }>('select count(*)::int as n from writer_rows')).rows[0]!.n).toBeGreaterThan(2000);
    await second.close();
    // The first process goes on writing at its own WAL position, over what the second one recorded.
    await first.more(40);
    await first.kill9();
    const opened = await openStore({ dataDir }).then(
      async (store) => {
        await store.close();
        return undefined;
      },
      (e: unknown) => e as { code?: string; message: string },
    );
    // Whether the damage happens depends on how much WAL the first process wrote after the second one's checkpoint
    // (it did in every run here). What videogen guarantees is the answer when it does: STORE_DAMAGED with
    // PostgreSQL's own reason, never a bare `RuntimeError: Aborted()`.
    if (opened === undefined) console.warn('two-writers: this run left the directory readable; damage did not reproduce');
    else {
      expect(opened.code).toBe('STORE_DAMAGED');
      expect(opened.message).toMatch(/checkpoint record|invalid|record/);
      expect(opened.message).not.toMatch(/Aborted/);
    }
  }, 180_000);

  it('with the lock: the second open is refused, and after kill -9 the directory opens with the writes', async () => {
    const dataDir = await home();
    const first = await writer(dataDir, 'store');
    await expect(openStore({ dataDir })).rejects.toMatchObject({ code: 'STORE_LOCKED', message: expect.stringContaining('`videogen pglite-writer`') });
    await first.kill9();
    const store = await openStore({ dataDir });
    try {
      expect((await store.audit.list({ limit: 1000 })).length).toBeGreaterThan(200);
    } finally {
      await store.close();
    }
  }, 180_000);
});
