/**
 * The server under test for `npm run bench:api`, in its own process so the load generator does not share its event
 * loop. Wired like `videogen serve` without REDIS_URL: PGlite, the in-process queue and the in-process worker (whose
 * renders are what the bench measures the API against). Prints one JSON line `{ url, email, password }` when
 * listening; each "stats" line on stdin answers with the event-loop delay seen since the last one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { createQueue, createWorker, renderJobInProcess } from '../src/queue/index.ts';
import { buildServer } from '../src/server/app.ts';
import { hashPassword, openStore } from '../src/store/index.ts';

const home = await mkdtemp(join(tmpdir(), 'videogen-bench-api-'));
const base = loadConfig({ home }, { PATH: process.env.PATH, VIDEOGEN_EDGE: '0', VIDEOGEN_TTS: 'espeak' });
// The limiter would answer 429 after 600 reads a minute; the bench measures the handlers, not the limiter.
const config = { ...base, server: { ...base.server, rateLimits: { auth: 10, write: 60, read: 1e9 } } };
// BENCH_DATABASE_URL runs the same bench on PostgreSQL (a fresh schema, dropped at the end) instead of in-memory PGlite.
const databaseUrl = process.env.BENCH_DATABASE_URL;
const schema = `vg_bench_${process.pid}`;
const store = await openStore(databaseUrl ? { databaseUrl, schema } : { inMemory: true });
const queue = createQueue({ store });
// BENCH_RENDER=inprocess renders on this process's event loop, as before renders moved to a child: the comparison.
const worker = createWorker({ store, queue, config, pollMs: 500, ...(process.env.BENCH_RENDER === 'inprocess' ? { runJob: renderJobInProcess } : {}) });
await worker.start();
const app = await buildServer({ store, queue, config, logger: pino({ level: 'warn' }) });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const email = 'bench@example.com';
const password = 'bench password 123';
await store.users.create({ email, passwordHash: await hashPassword(password), role: 'editor' });

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
let cpuMark = process.cpuUsage();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stats') return;
  // CPU time this process used (all its threads), which other load on the machine does not inflate.
  const cpu = process.cpuUsage(cpuMark);
  cpuMark = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ eventLoopMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) }, cpuMs: Math.round((cpu.user + cpu.system) / 1000), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) })}\n`);
  delay.reset();
});

let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  await app.close();
  await worker.stop({ force: true });
  await queue.close();
  await store.close();
  if (databaseUrl) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  }
  await rm(home, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void close());
process.stdin.on('end', () => void close());
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, email, password })}\n`);
