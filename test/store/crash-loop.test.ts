import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataDir } from '../../src/store/doctor.ts';
import { hashPassword, openStore } from '../../src/store/index.ts';
import { api, login, type Client } from '../server/helpers.ts';
import { startServe } from './serve-child.ts';

const ROUNDS = 20;
const EMAIL = 'crash@example.com';
const PASSWORD = 'a long enough secret';

/** Creates API keys in a loop until the server dies; returns the ids it acknowledged (201), i.e. committed. */
async function writeUntilKilled(url: string, client: Client, acked: string[], label: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      const res = await api(url, '/api/keys', { method: 'POST', body: { name: `${label}-${i}` }, client });
      if (res.status !== 201) throw new Error(`key creation answered ${res.status}: ${JSON.stringify(res.body)}`);
      acked.push(res.body.id as string);
    } catch (error) {
      if (error instanceof TypeError) return; // fetch failed: the server is gone
      throw error;
    }
  }
}

/**
 * Runs a real `videogen serve` on an embedded database, writes to it through HTTP (sign-ins, API key creation, their
 * audit rows) from several concurrent clients, and kill -9s it mid-write, ROUNDS times. Every restart must open the
 * database, and every write the server acknowledged before a kill must still be there.
 */
describe('embedded database survives kill -9 mid-write', () => {
  let home: string;
  afterAll(() => rm(home, { recursive: true, force: true }));

  it(`opens after every one of ${ROUNDS} kills, keeping every acknowledged write`, async () => {
    home = await mkdtemp(join(tmpdir(), 'videogen-crash-'));
    const seed = await openStore({ dataDir: join(home, 'db') });
    await seed.users.create({ email: EMAIL, passwordHash: await hashPassword(PASSWORD), role: 'editor' });
    await seed.close();

    const acked: string[] = [];
    let opened = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const server = await startServe(home);
      opened++;
      const client = await login(server.url, EMAIL, PASSWORD);
      const listed = await api(server.url, '/api/keys', { client });
      expect(listed.status).toBe(200);
      const present = new Set((listed.body.keys as { id: string }[]).map((k) => k.id));
      expect(acked.filter((id) => !present.has(id)), `round ${round}: acknowledged keys missing after the restart`).toEqual([]);

      // Three clients write at once; the kill lands after a few more acknowledged writes, while requests are in flight.
      const before = acked.length;
      const writers = [1, 2, 3].map((w) => writeUntilKilled(server.url, client, acked, `r${round}w${w}`));
      const killAfter = before + 2 + (round % 5) * 2;
      while (acked.length < killAfter) await new Promise((r) => setTimeout(r, 5));
      server.child.kill('SIGKILL');
      await server.exited;
      await Promise.all(writers);
      console.log(`crash loop round ${round}: opened, killed after ${acked.length - before} acknowledged writes this round`);
    }
    expect(opened).toBe(ROUNDS);

    // After the last kill: the doctor reads every table and verifies every index, and nothing acknowledged is lost.
    const report = await checkDataDir(join(home, 'db'));
    expect(report.state, report.reason).toBe('ok');
    const store = await openStore({ dataDir: join(home, 'db') });
    try {
      const user = await store.users.byEmail(EMAIL);
      const ids = new Set((await store.apiKeys.list(user!.id)).map((k) => k.id));
      expect(acked.filter((id) => !ids.has(id))).toEqual([]);
      expect(acked.length).toBeGreaterThanOrEqual(ROUNDS * 2);
    } finally {
      await store.close();
    }
    console.log(`crash loop: ${opened}/${ROUNDS} restarts opened the database; ${acked.length} acknowledged API keys all present`);
  }, 1_800_000);
});
