/**
 * One "server" for test/publish/scheduler-two-processes.test.ts: opens the shared PostgreSQL schema and runs
 * createScheduler exactly as `videogen serve` does (src/cli/commands/serve.ts), but on a compressed clock that only
 * this test script knows about (nothing in production reads these variables):
 *
 *   now = min(CLOCK_START + max(0, Date.now() - real0) × CLOCK_SPEED, CLOCK_STOP)
 *
 * real0 arrives on stdin once both processes said `ready`, so both clocks start together. After the clock reached
 * CLOCK_STOP (plus a few ticks for the last due slot) the process stops its scheduler and prints a JSON summary.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config.ts';
import { createScheduler } from '../../src/publish/scheduler.ts';
import { createQueue } from '../../src/queue/create-queue.ts';
import { openStore } from '../../src/store/index.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const name = env('SCHED_CHILD_NAME');
const start = Number(env('SCHED_CLOCK_START'));
const speed = Number(env('SCHED_CLOCK_SPEED'));
const stopAt = Number(env('SCHED_CLOCK_STOP'));
const tickMs = Number(env('SCHED_TICK_MS'));
// Default: every slot is "on time" however busy the machine is (the exactly-once test is not about catch-up).
const lateGraceMs = Number(process.env.SCHED_GRACE_MS ?? 24 * 3_600_000);

const store = await openStore({ databaseUrl: env('SCHED_DATABASE_URL'), schema: env('SCHED_SCHEMA'), poolSize: 4 });
const config = loadConfig({ home: env('SCHED_HOME') }, { PATH: process.env.PATH });
const queue = createQueue({ store });
let real0 = Number.POSITIVE_INFINITY;
const now = () => new Date(Math.min(start + Math.max(0, Date.now() - real0) * speed, stopAt));
const fires: string[] = [];
const scheduler = createScheduler({
  store,
  config,
  queue,
  id: name,
  tickMs,
  now,
  lateGraceMs,
  logger: {
    info: (obj: object, msg?: string) => {
      if (msg?.startsWith('schedule fired')) fires.push((obj as { slot: string }).slot);
    },
    warn: (obj: object, msg?: string) => process.stderr.write(`${name} warn: ${msg} ${JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? v.message : v))}\n`),
  },
});

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
real0 = Number(await new Promise<string>((resolve) => lines.once('line', resolve)));
lines.close();
scheduler.start();

// Run until the compressed clock reached the stop instant, then a few more ticks so the last due slot is seen.
while (now().getTime() < stopAt) await new Promise((r) => setTimeout(r, tickMs));
await new Promise((r) => setTimeout(r, tickMs * 10));
await scheduler.stop();
await queue.close();
await store.close();
process.stdout.write(`${JSON.stringify({ name, fired: fires.length, slots: fires })}\n`);
