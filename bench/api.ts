/**
 * `npm run bench:api`: the API under load while a render runs in the same process. Starts the server on loopback with
 * PGlite and the in-process worker, creates a user, an API key and a render job, then drives GET /api/jobs/:id with
 * autocannon (10 s, 20 connections) and prints requests/s and p50/p95/p99 latency. Figures, not assertions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { createQueue, createWorker } from '../src/queue/index.ts';
import { buildServer } from '../src/server/app.ts';
import { hashPassword, openStore } from '../src/store/index.ts';

const DURATION_S = 10;
const CONNECTIONS = 20;

const home = await mkdtemp(join(tmpdir(), 'videogen-bench-api-'));
const base = loadConfig({ home }, { PATH: process.env.PATH, VIDEOGEN_EDGE: '0', VIDEOGEN_TTS: 'espeak' });
// The limiter would answer 429 after 600 reads a minute; the bench measures the handlers, not the limiter.
const config = { ...base, server: { ...base.server, rateLimits: { auth: 10, write: 60, read: 1e9 } } };
const store = await openStore({ inMemory: true });
const queue = createQueue({ store });
const worker = createWorker({ store, queue, config, pollMs: 500 });
await worker.start();
const app = await buildServer({ store, queue, config, logger: pino({ level: 'warn' }) });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

await store.users.create({ email: 'bench@example.com', passwordHash: await hashPassword('bench password 123'), role: 'editor' });
const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@example.com', password: 'bench password 123' }) });
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const { csrfToken } = (await login.json()) as { csrfToken: string };
const keyRes = await fetch(`${url}/api/keys`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'bench' }) });
const { key } = (await keyRes.json()) as { key: string };
const auth = { authorization: `Bearer ${key}` };

// Long enough to keep rendering through the whole run: 30 narrated scenes at 'standard'.
const spec = {
  id: 'bench-api',
  title: 'API bench',
  scenes: Array.from({ length: 30 }, (_, i) => ({ kind: 'list', title: `Section ${i + 1}`, items: ['First point of this section', 'Second point, a little longer', 'Third point'], narration: 'This section explains three points in a few calm sentences. Each point gets its own line on screen. Then we move on.' })),
};
const created = await fetch(`${url}/api/videos`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ spec, options: { preset: 'standard' } }) });
const jobId = ((await created.json()) as { jobs: { id: string }[] }).jobs[0]!.id;

const stateOf = async () => ((await (await fetch(`${url}/api/jobs/${jobId}`, { headers: auth })).json()) as { state: string; stage: string | null; progress: number });
for (let i = 0; i < 100 && (await stateOf()).state !== 'running'; i++) await new Promise((r) => setTimeout(r, 100));
const before = await stateOf();
console.log(`${cpus().length} cores; job ${jobId} is ${before.state} (stage ${before.stage}, ${(before.progress * 100).toFixed(0)} %)`);

const latencies: number[] = [];
const instance = autocannon({ url: `${url}/api/jobs/${jobId}`, connections: CONNECTIONS, duration: DURATION_S, headers: auth });
instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
const result = await instance;
const after = await stateOf();

latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
console.log(`GET /api/jobs/:id, ${CONNECTIONS} connections, ${DURATION_S} s, while rendering:`);
console.log(`  requests/s  ${result.requests.average.toFixed(0)} (total ${result.requests.total}, non-2xx ${result.non2xx}, errors ${result.errors})`);
console.log(`  latency ms  p50 ${pct(50).toFixed(1)}  p95 ${pct(95).toFixed(1)}  p99 ${pct(99).toFixed(1)}  max ${result.latency.max}`);
console.log(`  render      ${before.state} ${(before.progress * 100).toFixed(0)} % → ${after.state} ${(after.progress * 100).toFixed(0)} % (stage ${after.stage})`);

await fetch(`${url}/api/jobs/${jobId}/cancel`, { method: 'POST', headers: auth });
await app.close();
await worker.stop({ force: true });
await queue.close();
await store.close();
await rm(home, { recursive: true, force: true });
