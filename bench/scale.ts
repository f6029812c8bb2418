/**
 * `npm run bench:scale`: one long video (bench/deck12.ts `longSpec`, 10 minutes by default) rendered through BullMQ
 * with 1 and with 2 `videogen worker` processes on this machine (real PostgreSQL and Redis, compiled CLI), each run
 * cold (its own cache). Prints the wall times, the stages, the per-segment times (min/median/max and the list), and
 * the makespan the same segments would have on 4, 8 and 16 workers, computed as the critical path
 *   prepare + max(soundtrack, longest segment, LPT schedule of the segment times on N workers) + mux
 * from the 1-worker run, whose segments each had the machine to themselves (a worker per 2-core machine). So the claim
 * is measured where it can be (1 and 2 workers here) and computed where it cannot.
 *
 * Flags: --minutes N (10), --preset draft|standard|final (draft: standard 1080p takes over 5 min per run on this
 * 2-core machine, see docs/scale.md), --workers 1,2. Needs BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test
 * and BENCH_REDIS_URL or redis://127.0.0.1:6379.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import { buildLib } from '../bin/build-lib.mjs';
import { openStore, type Store } from '../src/store/index.ts';
import { BullMqQueue, submitJob } from '../src/queue/index.ts';
import { longSpec } from './deck12.ts';
import { RENDER_PROCESS_ENV } from '../src/pipeline/render-env.ts';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, preset: { type: 'string', default: 'draft' }, workers: { type: 'string', default: '1,2' } } });
const minutes = Number(values.minutes);
const preset = values.preset!;
const counts = values.workers!.split(',').map(Number);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BIN = fileURLToPath(new URL('../bin/videogen.mjs', import.meta.url));

/**
 * Longest-processing-time-first list scheduling on n identical workers: each segment, longest first, goes to the
 * worker that frees up first (what BullMQ does with tasks added longest first). Within 4/3 of the optimum.
 */
function lptMakespan(times: readonly number[], n: number): number {
  const free = Array.from({ length: n }, () => 0);
  for (const t of [...times].sort((a, b) => b - a)) {
    const i = free.indexOf(Math.min(...free));
    free[i] = free[i]! + t;
  }
  return Math.max(0, ...free);
}

function summarise(times: readonly number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: sorted.length, min: sorted[0] ?? 0, median, max: sorted.at(-1) ?? 0, sum: sorted.reduce((a, b) => a + b, 0) };
}

interface SegmentTime {
  segment: number;
  seconds: number;
  worker: string;
}

interface RunResult {
  workers: number;
  wall: number;
  videoSeconds: number;
  stagesMs: Record<string, number>;
  segments: SegmentTime[];
  /** The same job again with every segment in the cache but not the soundtrack: the coordinator's own work alone. */
  coordinatorAlone?: { wall: number; stagesMs: Record<string, number> };
}

function spawnWorker(id: string, env: NodeJS.ProcessEnv): { child: ChildProcess; logs: Record<string, unknown>[]; started: Promise<void> } {
  const child = spawn(process.execPath, [BIN, 'worker', '--id', id], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const logs: Record<string, unknown>[] = [];
  let buffer = '';
  let ready: () => void;
  const started = new Promise<void>((r) => (ready = r));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'worker started') ready();
      } catch {
        // Not a log line.
      }
    }
  });
  return { child, logs, started };
}

async function renderJob(store: Store, queue: BullMqQueue, ownerId: string): Promise<{ wall: number; outputDir: string; manifest: Manifest }> {
  const started = performance.now();
  const job = await submitJob(store, queue, { ownerId, kind: 'render', input: { spec: longSpec(minutes) }, options: { preset } });
  let done = job;
  while (!['succeeded', 'failed', 'cancelled'].includes(done.state)) {
    await new Promise((r) => setTimeout(r, 250));
    done = (await store.jobs.get(job.id))!;
  }
  const wall = (performance.now() - started) / 1000;
  if (done.state !== 'succeeded') throw new Error(`the render ${done.state}: ${done.errorCode} ${done.errorMessage}`);
  return { wall, outputDir: done.outputDir!, manifest: JSON.parse(readFileSync(join(done.outputDir!, 'manifest.json'), 'utf8')) as Manifest };
}

interface Manifest {
  timingsMs: Record<string, number>;
  video: { seconds: number };
}

async function runOnce(workerCount: number, opts: { coordinatorAlone?: boolean } = {}): Promise<RunResult> {
  const home = mkdtempSync(join(tmpdir(), 'videogen-scale-'));
  const schema = `vg_scale_${randomBytes(4).toString('hex')}`;
  const prefix = `vgscale-${randomBytes(4).toString('hex')}`;
  // The allocator settings a service manager gives workers (bin/videogen.mjs gives them to one-shot renders).
  const env = { ...process.env, ...RENDER_PROCESS_ENV, DATABASE_URL: PG_URL, VIDEOGEN_DB_SCHEMA: schema, REDIS_URL, VIDEOGEN_QUEUE_PREFIX: prefix, VIDEOGEN_HOME: home, VIDEOGEN_NO_REBUILD: '1' };
  const store = await openStore({ databaseUrl: PG_URL, schema, poolSize: 2 });
  const queue = new BullMqQueue({ redisUrl: REDIS_URL, store, prefix });
  const workers = Array.from({ length: workerCount }, (_, i) => spawnWorker(`w${i + 1}`, env));
  try {
    await Promise.all(workers.map((w) => w.started));
    const owner = await store.users.create({ email: 'bench@example.com', passwordHash: 'x', role: 'editor' });
    const { wall, manifest } = await renderJob(store, queue, owner.id);
    const segments = workers.flatMap((w, i) => w.logs.filter((l) => l.msg === 'segment rendered' && l.cached === false).map((l) => ({ segment: Number(l.segment), seconds: Number(l.seconds), worker: `w${i + 1}` })));
    const result: RunResult = { workers: workerCount, wall, videoSeconds: manifest.video.seconds, stagesMs: manifest.timingsMs, segments: segments.sort((a, b) => a.segment - b.segment) };
    if (opts.coordinatorAlone) {
      // Soundtrack and final file forgotten, segments kept: what is left is the coordinator's critical path with
      // infinitely many workers (minus the longest segment), measured without segments competing for the CPU.
      for (const kind of ['audio', 'final']) rmSync(join(home, 'cache', kind), { recursive: true, force: true });
      const again = await renderJob(store, queue, owner.id);
      result.coordinatorAlone = { wall: again.wall, stagesMs: again.manifest.timingsMs };
    }
    return result;
  } finally {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.child.exitCode !== null ? r(null) : w.child.once('exit', r)))));
    await queue.close();
    await store.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    rmSync(home, { recursive: true, force: true });
  }
}

const s = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(1);

buildLib({ fast: true });
console.log(`bench:scale — ${minutes}-minute video (longSpec(${minutes})), preset ${preset}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const results: RunResult[] = [];
for (const n of counts) {
  const result = await runOnce(n, { coordinatorAlone: n === 1 });
  results.push(result);
  const st = result.stagesMs;
  const prepare = (st.media ?? 0) + (st.layout ?? 0) + (st.voice ?? 0) + (st.timeline ?? 0);
  const seg = summarise(result.segments.map((x) => x.seconds));
  const perWorker = [...new Set(result.segments.map((x) => x.worker))].sort().map((w) => `${w}: ${result.segments.filter((x) => x.worker === w).length}`);
  console.log(`\n${n} worker${n > 1 ? 's' : ''}: wall ${result.wall.toFixed(1)} s = ${(result.videoSeconds / result.wall).toFixed(2)} × realtime`);
  console.log(`  stages: prepare ${s(prepare)} s (media ${s(st.media)}, layout ${s(st.layout)}, voice ${s(st.voice)}, timeline ${s(st.timeline)}), render ${s(st.render)} s, audio ${s(st.audio)} s (alongside), mux ${s(st.mux)} s, outputs ${s(st.outputs)} s`);
  console.log(`  segments: ${seg.count} rendered (${perWorker.join(', ')}); min ${seg.min.toFixed(2)} s, median ${seg.median.toFixed(2)} s, max ${seg.max.toFixed(2)} s, sum ${seg.sum.toFixed(1)} s`);
  console.log(`  per segment (s): ${result.segments.map((x) => x.seconds.toFixed(2)).join(' ')}`);
  const alone = result.coordinatorAlone;
  if (alone) console.log(`  again with every segment cached (the coordinator alone): wall ${alone.wall.toFixed(1)} s, audio ${s(alone.stagesMs.audio)} s, mux ${s(alone.stagesMs.mux)} s`);
}

const base = results.find((r) => r.workers === 1) ?? results[0]!;
const st = base.stagesMs;
const prepare = ((st.media ?? 0) + (st.layout ?? 0) + (st.voice ?? 0) + (st.timeline ?? 0)) / 1000;
const mux = ((st.mux ?? 0) + (st.outputs ?? 0)) / 1000;
// The soundtrack as built with nothing else running (the cached-segments run); alongside the segments it took longer
// only because they shared the cores, which on N machines they do not.
const audio = (base.coordinatorAlone?.stagesMs.audio ?? st.audio ?? 0) / 1000;
const times = base.segments.map((x) => x.seconds);
console.log(`\ncritical path from the ${base.workers}-worker run's segment times (a worker per 2-core machine): prepare ${prepare.toFixed(1)} s + max(audio ${audio.toFixed(1)} s, LPT of ${times.length} segments on N) + mux ${mux.toFixed(1)} s`);
for (const n of [1, 2, 4, 8, 16]) {
  const lpt = lptMakespan(times, n);
  const total = prepare + Math.max(audio, Math.max(...times), lpt) + mux;
  const measured = results.find((r) => r.workers === n);
  console.log(`  ${String(n).padStart(2)} workers: ${total.toFixed(1)} s = ${(base.videoSeconds / total).toFixed(1)} × realtime (segments ${lpt.toFixed(1)} s)${measured ? `; measured here ${measured.wall.toFixed(1)} s${n > 1 ? ` (${n} workers sharing this machine's ${cpus().length} cores)` : ''}` : ''}`);
}
process.exit(0);
