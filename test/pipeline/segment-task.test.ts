import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { renderSegmentTask } from '../../src/pipeline/segment-task.ts';
import type { SegmentDistributor, SegmentTask } from '../../src/pipeline/segment-distributor.ts';
import { findFfmpeg } from '../../src/media/index.ts';
import { spec, tempDir, testConfig } from './helpers.ts';

const video = spec({
  id: 'seam',
  title: 'Segments apart',
  captions: { burnIn: true },
  scenes: [
    { id: 'a', kind: 'title', title: 'Rendered apart', narration: 'Each segment can be drawn by another worker.', transition: 'fade' },
    { id: 'b', kind: 'list', title: 'Same pixels', items: ['Layout travels as data', 'Keys are checked'], narration: 'The layout travels as data. The keys are checked.', transition: 'slide' },
    { id: 'c', kind: 'code', title: 'Code', language: 'ts', code: 'const x = 1;\nconsole.log(x);', narration: 'A line of code.' },
  ],
});

/** Per-frame hashes of the decoded video and audio, as ffmpeg's framemd5 muxer prints them. */
async function frameHashes(file: string, stream: 'v' | 'a'): Promise<string[]> {
  const { ffmpeg } = await findFfmpeg();
  const out = execFileSync(ffmpeg, ['-v', 'error', '-i', file, '-map', `0:${stream}:0`, '-f', 'framemd5', '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.split('\n').filter((l) => l && !l.startsWith('#'));
}

/** Runs every task in this process through renderSegmentTask, as a remote worker would, one after another. */
function inProcessDistributor(config: ReturnType<typeof testConfig>, seen: SegmentTask[]): SegmentDistributor {
  return {
    async render(tasks, opts) {
      const stats = [];
      for (const task of tasks) {
        seen.push(task);
        stats.push(await renderSegmentTask(task, { config, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onFrames ? { onFrames: opts.onFrames } : {}) }));
      }
      return stats;
    },
  };
}

describe('segments rendered from a saved context (the fan-out seam)', () => {
  it('gives the same frames and sound as a render that draws its segments itself', async () => {
    const local = await renderVideo(video, { outputDir: tempDir('seam-local'), preset: 'draft', config: testConfig() });
    const seen: SegmentTask[] = [];
    const config = testConfig();
    const apart = await renderVideo(video, { outputDir: tempDir('seam-apart'), preset: 'draft', config, distribute: inProcessDistributor(config, seen) });
    expect(seen.map((t) => t.index)).toEqual([0, 1, 2]);
    expect(apart.totalFrames).toBe(local.totalFrames);
    const [lv, av] = [await frameHashes(local.files.video!, 'v'), await frameHashes(apart.files.video!, 'v')];
    expect(lv.length).toBe(local.totalFrames);
    expect(av).toEqual(lv);
    expect(await frameHashes(apart.files.video!, 'a')).toEqual(await frameHashes(local.files.video!, 'a'));

    // A second pass finds every segment in the store: nothing is sent out again.
    const again: SegmentTask[] = [];
    await renderVideo(video, { outputDir: tempDir('seam-again'), preset: 'draft', config, distribute: inProcessDistributor(config, again) });
    expect(again).toEqual([]);
  }, 240_000);

  it('refuses a segment whose key this worker computes differently, and a context it cannot find', async () => {
    const config = testConfig();
    const seen: SegmentTask[] = [];
    await renderVideo(video, { outputDir: tempDir('seam-keys'), preset: 'draft', config, distribute: inProcessDistributor(config, seen) });
    const task = seen[1]!;
    await expect(renderSegmentTask({ ...task, key: 'f'.repeat(64) }, { config })).rejects.toMatchObject({ code: 'RENDERER_MISMATCH' });
    await expect(renderSegmentTask({ ...task, contextKey: '0'.repeat(64) }, { config })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Already in the store: another worker's attempt finds it done.
    await expect(renderSegmentTask(task, { config })).resolves.toMatchObject({ cached: true, frames: task.frames });
  }, 240_000);
});
