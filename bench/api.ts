/**
 * `npm run bench:api`: job-status latency while a render runs in the server. Starts the server (bench/api-server.ts:
 * PGlite, in-process queue and worker, as `videogen serve` without REDIS_URL) in its own process, submits a long
 * render, and once it is rendering frames drives GET /api/jobs/:id with autocannon at 20 and at 100 connections
 * (10 s each). Prints requests/s, p50/p95/p99 latency, errors and timeouts, the server's event-loop delay, and the
 * run conditions (cores, load average) and an idle baseline, since other work on the machine moves these figures.
 * Figures, not assertions. BENCH_SECONDS (10) and BENCH_CONNECTIONS ("20,100") change the runs; BENCH_RENDER=inprocess
 * renders on the server's event loop as before, for a comparison under the same conditions; BENCH_DATABASE_URL runs the
 * server on PostgreSQL instead of in-memory PGlite.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '20,100').split(',').map(Number);
const TARGET_P99_MS = 50;

// BENCH_NODE_ARGS passes flags to the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const server = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(new URL('./api-server.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: server.stdout! })[Symbol.asyncIterator]();
const nextLine = async <T>(): Promise<T> => {
  const { value, done } = await lines.next();
  if (done) throw new Error('the bench server exited early');
  return JSON.parse(value as string) as T;
};
const serverStats = async () => {
  server.stdin!.write('stats\n');
  return nextLine<{ eventLoopMs: { p50: number; p99: number; max: number }; cpuMs: number; rssMb: number }>();
};

async function measure(target: string, connections: number, seconds: number, headers: Record<string, string>) {
  const latencies: number[] = [];
  const instance = autocannon({ url: target, connections, duration: seconds, headers });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN).toFixed(1));
  return { result, rps: Number(result.requests.average.toFixed(0)), p50: pct(50), p95: pct(95), p99: pct(99) };
}

try {
  const { url, email, password } = await nextLine<{ url: string; email: string; password: string }>();
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const keyRes = await fetch(`${url}/api/keys`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'bench' }) });
  const { key } = (await keyRes.json()) as { key: string };
  const auth = { authorization: `Bearer ${key}` };

  // The same requests with nothing rendering: what the machine gives the API at all right now (others may be busy).
  const idleJob = await fetch(`${url}/api/videos`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ spec: { id: 'bench-idle', title: 'Idle', scenes: [{ kind: 'title', title: 'Idle', narration: 'Idle.' }] }, options: { preset: 'draft' } }) });
  if (!idleJob.ok) throw new Error(`POST /api/videos answered ${idleJob.status}: ${await idleJob.text()}`);
  const idleId = ((await idleJob.json()) as { jobs: { id: string }[] }).jobs[0]!.id;
  await fetch(`${url}/api/jobs/${idleId}/cancel`, { method: 'POST', headers: auth });
  await new Promise((r) => setTimeout(r, 3_000));
  await serverStats();
  const idle = await measure(`${url}/api/jobs/${idleId}`, 20, Math.min(5, DURATION_S), auth);
  const idleStats = await serverStats();
  console.log(`baseline, nothing rendering (20 connections, ${Math.min(5, DURATION_S)} s): ${idle.rps} req/s, p50 ${idle.p50} ms, p99 ${idle.p99} ms; server CPU ${(idleStats.cpuMs / idle.result.requests.total).toFixed(2)} ms a request; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  // Long enough to keep rendering through every run: 40 narrated scenes at 'standard' (1080p).
  const spec = {
    id: 'bench-api',
    title: 'API bench',
    scenes: Array.from({ length: 40 }, (_, i) => ({ kind: 'list', title: `Section ${i + 1}`, items: ['First point of this section', 'Second point, a little longer', 'Third point'], narration: 'This section explains three points in a few calm sentences. Each point gets its own line on screen. Then we move on.' })),
  };
  const created = await fetch(`${url}/api/videos`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ spec, options: { preset: 'standard' } }) });
  if (!created.ok) throw new Error(`POST /api/videos answered ${created.status}: ${await created.text()}`);
  const jobId = ((await created.json()) as { jobs: { id: string }[] }).jobs[0]!.id;

  const stateOf = async () => (await (await fetch(`${url}/api/jobs/${jobId}`, { headers: auth })).json()) as { state: string; stage: string | null; progress: number };
  // Measure while frames are drawn and encoded (the heaviest stage), not during voice synthesis.
  for (let i = 0; i < 600; i++) {
    const s = await stateOf();
    if (s.stage === 'render' || ['succeeded', 'failed', 'cancelled'].includes(s.state)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const load = loadavg();
  console.log(`renders: ${process.env.BENCH_RENDER === 'inprocess' ? 'on the server\'s event loop (BENCH_RENDER=inprocess, the old way)' : 'in a child process of the server (default)'}`);
  console.log(`conditions: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${load.map((l) => l.toFixed(2)).join(' ')} at start`);
  const begin = await stateOf();
  console.log(`job ${jobId}: ${begin.state}, stage ${begin.stage}, ${(begin.progress * 100).toFixed(0)} %`);
  await serverStats();

  for (const connections of CONNECTIONS) {
    const before = await stateOf();
    const { result, rps, p50, p95, p99 } = await measure(`${url}/api/jobs/${jobId}`, connections, DURATION_S, auth);
    const stats = await serverStats();
    const after = await stateOf();
    console.log(`\nGET /api/jobs/:id, ${connections} connections, ${DURATION_S} s, while rendering:`);
    console.log(`  requests/s   ${rps} (total ${result.requests.total}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
    console.log(`  latency ms   p50 ${p50}  p95 ${p95}  p99 ${p99}  max ${result.latency.max}${connections === 20 ? `  (target p99 ≤ ${TARGET_P99_MS}: ${p99 <= TARGET_P99_MS ? 'met' : 'NOT met'})` : ''}`);
    console.log(`  server       event-loop delay p50 ${stats.eventLoopMs.p50} ms, p99 ${stats.eventLoopMs.p99} ms, max ${stats.eventLoopMs.max} ms; CPU ${(stats.cpuMs / Math.max(1, result.requests.total)).toFixed(2)} ms a request; RSS ${stats.rssMb} MB`);
    console.log(`  render       ${before.state} ${(before.progress * 100).toFixed(0)} % → ${after.state} ${(after.progress * 100).toFixed(0)} % (stage ${after.stage})${after.state === 'running' ? '' : '  — the render was not running throughout: figures are not under load'}`);
  }
  console.log(`\nload average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at end`);
  await fetch(`${url}/api/jobs/${jobId}/cancel`, { method: 'POST', headers: auth });
} finally {
  server.stdin!.end();
  await new Promise((resolve) => server.once('exit', resolve));
}
