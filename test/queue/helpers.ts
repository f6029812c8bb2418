import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type VideogenConfig } from '../../src/config.ts';
import type { JobEvent, Store } from '../../src/store/index.ts';
import type { VideoSpecInput } from '../../src/spec/index.ts';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `videogen-${prefix}-`));
}

/** Every worker of a test shares one home: same cache (resume after takeover) and same artifact store. */
export function sharedConfig(home = tempDir('queue-home')): VideogenConfig {
  return loadConfig({ home, cacheDir: join(home, 'cache'), artifactsDir: join(home, 'artifacts') }, { PATH: process.env.PATH });
}

/** A tiny two-scene video: renders in a few seconds at the draft preset. */
export function tinySpec(title = 'Queue test', extra: Partial<VideoSpecInput> = {}): VideoSpecInput {
  return {
    id: 'queue-test',
    title,
    scenes: [
      { id: 'intro', kind: 'title', title, subtitle: 'From the job queue', narration: 'A job from the queue.' },
      { id: 'bye', kind: 'outro', title: 'Done', narration: 'Finished.' },
    ],
    ...extra,
  } as VideoSpecInput;
}

/** A longer video (many list scenes), so a test can act while it is rendering. */
export function longSpec(title: string, scenes = 8): VideoSpecInput {
  return {
    id: 'queue-long',
    title,
    scenes: Array.from({ length: scenes }, (_, i) => ({ id: `s${i + 1}`, kind: 'list', title: `${title} ${i + 1}`, items: ['One', 'Two', 'Three'], minDuration: 2, narration: `Point ${i + 1}.` })),
  } as VideoSpecInput;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function waitForState(store: Store, jobId: string, states: string[], timeoutMs = 90_000) {
  return waitFor(`job ${jobId} to reach ${states.join('/')}`, async () => {
    const job = await store.jobs.get(jobId);
    return job && states.includes(job.state) ? job : undefined;
  }, timeoutMs, 150);
}

export const stateSequence = (events: JobEvent[]) => events.filter((e) => e.type === 'state').map((e) => String(e.data.state));
