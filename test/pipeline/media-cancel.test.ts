import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { findFfmpeg } from '../../src/media/index.ts';
import { spec, tempDir, testConfig } from './helpers.ts';
import { colourClip } from '../media/media-fixtures.ts';

/** Command lines of running processes that mention `needle` (Linux /proc). */
function processesNaming(needle: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(needle)) found.push(cmd);
    } catch {
      // Gone while being read.
    }
  }
  return found;
}

describe('cancelling a footage render', () => {
  it('stops with CANCELLED and leaves no ffmpeg decoder running', async () => {
    const dir = tempDir('media-cancel');
    mkdirSync(join(dir, 'media'));
    const clip = await colourClip(await findFfmpeg(), join(dir, 'media/cancel-me.mp4'), [[200, 0, 0], [0, 200, 0], [0, 0, 200]]);
    const controller = new AbortController();
    const input = spec({ id: 'c', title: 'C', scenes: [{ id: 'v', kind: 'video', src: 'media/cancel-me.mp4', narration: 'Footage.', minDuration: 8 }] });
    const running = renderVideo(input, {
      outputDir: tempDir('media-cancel-out'),
      preset: 'draft',
      config: testConfig(),
      mediaScope: { kind: 'folder', root: dir },
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'progress' && e.stage === 'render' && e.done > 10) controller.abort();
      },
    });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(processesNaming(clip)).toEqual([]);
  }, 120_000);
});
