import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { PG_URL, REDIS_URL } from '../store/helpers.ts';

const run = promisify(execFile);

export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

export interface FanoutEnv {
  schema: string;
  prefix: string;
  /** Shared by every worker: the cache directory (artifact store) and the job outputs. */
  home: string;
  extraEnv?: Record<string, string>;
}

/**
 * A real `videogen worker` process through test/queue/fixtures/fanout-worker.ts (the command's own registration, run
 * by tsx, plus the test-only fault switch). Its JSON log lines are collected.
 */
export function spawnFanoutWorker(id: string, env: FanoutEnv, args: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/queue/fixtures/fanout-worker.ts', 'worker', '--id', id, '--lease-ms', '5000', '--heartbeat-ms', '500', '--poll-ms', '500', '--retry-base-ms', '500', ...args], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: PG_URL,
      VIDEOGEN_DB_SCHEMA: env.schema,
      REDIS_URL,
      VIDEOGEN_QUEUE_PREFIX: env.prefix,
      VIDEOGEN_HOME: env.home,
      VIDEOGEN_CACHE: join(env.home, 'cache'),
      VIDEOGEN_ARTIFACTS: join(env.home, 'artifacts'),
      ...env.extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a kill takes its ffmpeg children too.
    detached: true,
  });
  const logs: Record<string, unknown>[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (stderr.trim()) console.warn(`worker ${id} stderr:\n${stderr.slice(-4000)}`);
      resolve(code);
    }),
  );
  return { id, child, logs, exited };
}

export function killWorker(worker: WorkerProcess): void {
  if (worker.child.exitCode === null && worker.child.signalCode === null) {
    try {
      process.kill(-worker.child.pid!, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/** One MD5 per decoded frame of a stream (`v` or `a`): equal lists mean equal pictures or equal PCM. */
export async function frameMd5(file: string, stream: 'v' | 'a'): Promise<string[]> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-map', `0:${stream}:0`, '-f', 'framemd5', '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').map((f) => f.trim()))
    .map((f) => `${f[1]} ${f[2]} ${f[5]}`);
}

export const segmentLogs = (worker: WorkerProcess, msg: string) => worker.logs.filter((l) => l.msg === msg);
