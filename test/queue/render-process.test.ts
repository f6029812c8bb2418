import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideogenConfig } from '../../src/config.ts';
import { VideogenError } from '../../src/errors.ts';
import { liveRenderProcesses, renderVideoInChild } from '../../src/pipeline/render-in-child.ts';
import { validateSpec } from '../../src/spec/index.ts';
import { openStore, type Store, type User } from '../../src/store/index.ts';
import { createQueue, createWorker, submitJob, type JobQueue, type JobRunner } from '../../src/queue/index.ts';
import { longSpec, sharedConfig, stateSequence, tempDir, tinySpec, waitFor, waitForState } from './helpers.ts';

/** /proc/<pid>/status fields; undefined once the process is gone (or only a zombie is left). */
function processStatus(pid: number): { ppid: number; state: string } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const state = /^State:\s+(\S)/m.exec(status)?.[1] ?? '?';
    if (state === 'Z' || state === 'X') return undefined;
    return { ppid: Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]), state };
  } catch {
    return undefined;
  }
}

/** Processes whose parent is `pid` (and their command names). */
function childrenOf(pid: number): { pid: number; comm: string }[] {
  const out: { pid: number; comm: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const status = processStatus(Number(name));
    if (status?.ppid !== pid) continue;
    try {
      out.push({ pid: Number(name), comm: readFileSync(`/proc/${name}/comm`, 'utf8').trim() });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/**
 * Processes under `pid`: its children and theirs. A render process starts ffmpeg through its spawn helper
 * (src/media/spawn-host.ts), so its encoders are its grandchildren.
 */
function descendantsOf(pid: number): { pid: number; comm: string }[] {
  const children = childrenOf(pid);
  return [...children, ...children.flatMap((c) => childrenOf(c.pid))];
}

const isLinux = process.platform === 'linux';

describe.skipIf(!isLinux)('in-process jobs render in a child process, off the worker\'s event loop', () => {
  let store: Store;
  let queue: JobQueue;
  let config: VideogenConfig;
  let owner: User;
  const workers: JobRunner[] = [];
  const start = async (opts: Partial<Parameters<typeof createWorker>[0]> = {}) => {
    const worker = createWorker({ store, queue, config, pollMs: 250, heartbeatMs: 200, leaseMs: 2_000, retryBaseMs: 300, ...opts });
    workers.push(worker);
    await worker.start();
    return worker;
  };
  const stopAll = async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop({ force: true })));
  };

  beforeAll(async () => {
    store = await openStore({ inMemory: true });
    queue = createQueue({ store });
    config = sharedConfig();
    owner = await store.users.create({ email: 'render-process@example.com', passwordHash: 'x', role: 'editor' });
  });
  afterAll(async () => {
    await stopAll();
    await queue?.close();
    await store?.close();
  });

  it('renders in a child of this process whose ffmpeg runs under it, while this event loop keeps answering', async () => {
    await start();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    // A ping every 20 ms that must get through the loop (setImmediate after the timer): counts how often it answered.
    let pings = 0;
    let pinging = true;
    const ping = () => {
      if (!pinging) return;
      setImmediate(() => {
        pings++;
        setTimeout(ping, 20);
      });
    };
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: longSpec('Off the loop', 6) }, options: { preset: 'draft' } });
    await waitFor('render stage', async () => (await store.jobs.get(job.id))?.stage === 'render', 90_000, 50);
    ping();
    const pingsAtRenderStart = pings;
    const [renderPid] = await waitFor('a render process', () => (liveRenderProcesses().length ? liveRenderProcesses() : undefined), 10_000, 20);
    expect(renderPid).not.toBe(process.pid);
    expect(processStatus(renderPid!)?.ppid).toBe(process.pid);
    // The encoders run under the render process (started by its spawn helper), not under us.
    const encoders = await waitFor('ffmpeg under the render process', () => descendantsOf(renderPid!).filter((c) => c.comm === 'ffmpeg').length > 0 || (liveRenderProcesses().length === 0 ? 'gone' : undefined), 60_000, 20);
    expect(encoders).toBe(true);
    expect(childrenOf(process.pid).some((c) => c.comm === 'ffmpeg')).toBe(false);

    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled']);
    pinging = false;
    delay.disable();
    expect(done.errorMessage).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(existsSync(join(done.outputDir!, 'video.mp4'))).toBe(true);
    // Progress and warnings still flow back from the child into the store (a 12 s video has too few chapters).
    const events = await store.events.list({ jobId: job.id });
    expect(events.filter((e) => e.type === 'progress' && e.data.stage === 'render').length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'warning' && /chapter/.test(String(e.data.message)))).toBe(true);
    // A functional bound, not a timing: the loop answered throughout the render (≈ 50 a second when free).
    expect(pings - pingsAtRenderStart).toBeGreaterThanOrEqual(10);
    console.info(`main loop during the render: ${pings - pingsAtRenderStart} pings answered, event-loop delay max ${(delay.max / 1e6).toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`);
    // The render process is gone once the job is settled: its memory went back with it.
    expect(liveRenderProcesses()).toEqual([]);
    expect(processStatus(renderPid!)).toBeUndefined();
    await stopAll();
  }, 180_000);

  /** Starts the worker and a long draft render, and waits until its render process and ffmpeg are running. */
  async function renderingJob(title: string, scenes: number) {
    await start();
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: longSpec(title, scenes) }, options: { preset: 'draft' } });
    await waitFor('render stage', async () => (await store.jobs.get(job.id))?.stage === 'render', 90_000, 50);
    const [renderPid] = await waitFor('a render process', () => (liveRenderProcesses().length ? liveRenderProcesses() : undefined), 10_000, 20);
    const encoders = await waitFor('ffmpeg running', () => {
      const found = descendantsOf(renderPid!).filter((c) => c.comm === 'ffmpeg');
      return found.length ? found : undefined;
    }, 60_000, 10);
    return { job, renderPid: renderPid!, encoders };
  }

  it('cancel mid-render stops the render process and its ffmpeg, and leaves no output', async () => {
    const { job, renderPid, encoders } = await renderingJob('Cancel the child', 10);
    await queue.cancel(job.id);
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled']);
    expect(done.state).toBe('cancelled');
    // Settled only after the child has gone: nothing of it is left running.
    expect(processStatus(renderPid!)).toBeUndefined();
    for (const encoder of encoders) expect(processStatus(encoder.pid), `ffmpeg ${encoder.pid}`).toBeUndefined();
    expect(liveRenderProcesses()).toEqual([]);
    expect(done.outputDir).toBeNull();
    expect(readdirSync(config.artifactsDir).filter((n) => n.startsWith(job.id))).toEqual([]);
    expect(stateSequence(await store.events.list({ jobId: job.id }))).toEqual(['queued', 'running', 'cancelled']);
    await stopAll();
  }, 180_000);

  it('a render process that crashes is a RENDER_FAILED attempt, retried; its ffmpeg does not outlive it', async () => {
    const { job, renderPid, encoders } = await renderingJob('Crash the child', 4);
    // As a segfault or the OOM killer would: only the render process dies, nothing tells it to clean up.
    process.kill(renderPid!, 'SIGKILL');
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled'], 150_000);
    for (const encoder of encoders) expect(processStatus(encoder.pid), `ffmpeg ${encoder.pid}`).toBeUndefined();
    expect(done).toMatchObject({ state: 'succeeded', attempts: 2, errorCode: null });
    const events = await store.events.list({ jobId: job.id });
    const retry = events.find((e) => e.data.retry);
    expect(retry?.data).toMatchObject({ state: 'queued', errorCode: 'RENDER_FAILED' });
    expect(String(retry?.data.errorMessage)).toMatch(/render process was killed by SIGKILL/);
    expect(stateSequence(events)).toEqual(['queued', 'running', 'queued', 'running', 'succeeded']);
    await stopAll();
  }, 240_000);

  it('an error thrown in the render process keeps its code, so the worker does not retry it', async () => {
    const broken = { ...sharedConfig(), ffmpegPath: '/nonexistent/ffmpeg' };
    await start({ config: broken });
    const job = await submitJob(store, queue, { ownerId: owner.id, kind: 'render', input: { spec: tinySpec('No ffmpeg') }, options: { preset: 'draft' } });
    const done = await waitForState(store, job.id, ['succeeded', 'failed', 'cancelled'], 60_000);
    expect(done).toMatchObject({ state: 'failed', errorCode: 'FFMPEG_MISSING', attempts: 1 });
    expect(done.errorMessage).toContain('/nonexistent/ffmpeg');
    await stopAll();
  }, 60_000);
});

describe('renderVideoInChild: results, events and errors cross the process boundary', () => {
  const parsed = validateSpec(tinySpec('Boundary'));
  if (!parsed.ok) throw new Error('fixture spec is invalid');
  const spec = parsed.value;

  it('rethrows a VideogenError with its code, message and details', async () => {
    const home = tempDir('child-error');
    const config = { ...sharedConfig(home), ffmpegPath: '/nonexistent/ffmpeg' };
    const error = await renderVideoInChild(spec, { outputDir: join(home, 'out'), preset: 'draft', config }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideogenError);
    expect(error).toMatchObject({ code: 'FFMPEG_MISSING', details: { tool: 'ffmpeg', path: '/nonexistent/ffmpeg' } });
    expect((error as Error).message).toContain('/nonexistent/ffmpeg');
    // The stack is the child's: it names where the render failed, not the IPC handler.
    expect((error as Error).stack).toContain('ffmpeg-path.ts');
  }, 60_000);

  it('an abort mid-render rejects with CANCELLED once the child is gone, leaving no work files', async () => {
    const home = tempDir('child-cancel');
    const controller = new AbortController();
    const outputDir = join(home, 'out');
    let pid: number | undefined;
    const error = await renderVideoInChild(spec, {
      outputDir,
      preset: 'draft',
      config: sharedConfig(home),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'stage' && event.stage === 'render' && event.status === 'start') {
          pid = liveRenderProcesses()[0];
          controller.abort();
        }
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect(pid).toBeDefined();
    expect(processStatus(pid!)).toBeUndefined();
    expect(existsSync(join(outputDir, 'video.mp4'))).toBe(false);
    expect(existsSync(join(outputDir, '.work'))).toBe(false);
  }, 60_000);

  it('does not start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const home = tempDir('child-aborted');
    await expect(renderVideoInChild(spec, { outputDir: join(home, 'out'), preset: 'draft', config: sharedConfig(home), signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(liveRenderProcesses()).toEqual([]);
  });
});
