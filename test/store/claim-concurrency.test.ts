import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { dropSchema, freshSchema, PG_URL, postgresAvailable, warnSkipped } from './helpers.ts';

const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('concurrent claim test (two stores on one PostgreSQL)');

/** Claims until the store says nothing is runnable; several claimers per store, like a worker with concurrency. */
async function drain(store: Store, worker: string, parallel: number): Promise<string[]> {
  const claimed: string[] = [];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (;;) {
        const job = await store.jobs.claim(worker, 60_000);
        if (!job) return;
        claimed.push(job.id);
      }
    }),
  );
  return claimed;
}

describe.skipIf(!hasPostgres)('claim under contention (PostgreSQL, FOR UPDATE SKIP LOCKED)', () => {
  const schema = freshSchema();
  const stores: Store[] = [];
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await dropSchema(schema);
  });

  it('two stores claiming 50 jobs in parallel never claim the same job twice, and claim them all', async () => {
    const [a, b] = await Promise.all([openStore({ databaseUrl: PG_URL, schema, poolSize: 5 }), openStore({ databaseUrl: PG_URL, schema, poolSize: 5 })]);
    stores.push(a!, b!);
    const owner = await a!.users.create({ email: 'owner@example.com', passwordHash: 'x', role: 'editor' });
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add((await a!.jobs.create({ ownerId: owner.id, kind: 'render', input: { i } })).id);

    const [fromA, fromB] = await Promise.all([drain(a!, 'worker-a', 4), drain(b!, 'worker-b', 4)]);
    const all = [...fromA, ...fromB];
    expect(all.length).toBe(50);
    expect(new Set(all).size).toBe(50);
    expect(new Set(all)).toEqual(ids);
    // Both stores got work: the claims really ran concurrently.
    expect(fromA.length).toBeGreaterThan(0);
    expect(fromB.length).toBeGreaterThan(0);
    const running = await a!.jobs.list({ state: 'running', limit: 100 });
    expect(running.length).toBe(50);
    expect(running.every((j) => j.attempts === 1 && (j.leaseOwner === 'worker-a' || j.leaseOwner === 'worker-b'))).toBe(true);
  });
});

describe('claim under contention (PGlite, one process)', () => {
  it('eight concurrent claimers on one embedded store never share a job', async () => {
    const store = await openStore({ inMemory: true });
    try {
      const owner = await store.users.create({ email: 'owner@example.com', passwordHash: 'x', role: 'editor' });
      for (let i = 0; i < 30; i++) await store.jobs.create({ ownerId: owner.id, kind: 'render', input: { i } });
      const claimed = await drain(store, 'w', 8);
      expect(claimed.length).toBe(30);
      expect(new Set(claimed).size).toBe(30);
    } finally {
      await store.close();
    }
  });
});
