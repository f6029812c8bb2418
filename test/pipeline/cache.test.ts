import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { VideogenError } from '../../src/errors.ts';
import { spec, tempDir, testConfig } from './helpers.ts';

const twelve = (changed?: number) =>
  spec({
    id: 'cache-12',
    title: 'Twelve scenes',
    scenes: Array.from({ length: 12 }, (_, i) => ({ id: `s${i + 1}`, kind: 'list' as const, title: i === changed ? 'Edited title' : `Point ${i + 1}`, items: ['One', 'Two'], minDuration: 1.5, narration: `Point ${i + 1}.` })),
  });

describe('content-addressed render cache', () => {
  it('re-renders nothing for an unchanged spec and only the touched segments after an edit', async () => {
    const config = testConfig();
    const first = await renderVideo(twelve(), { outputDir: tempDir('c1'), preset: 'draft', config });
    expect(first.segmentsRendered).toBe(12);
    const again = await renderVideo(twelve(), { outputDir: tempDir('c2'), preset: 'draft', config });
    expect(again.segmentsRendered).toBe(0);
    // Timing ratios are measured by `npm run bench`; here only that nearly no work is repeated.
    const edited = await renderVideo(twelve(5), { outputDir: tempDir('c3'), preset: 'draft', config });
    // Scene 6 changed: its own segment and the next one (which blends out of it) are new — 2 of 12.
    expect(edited.segmentsRendered).toBe(2);
    expect(edited.segmentsRendered / 12).toBeLessThanOrEqual(0.25);
  }, 180_000);

  it('cancellation stops the render and leaves no finished-looking file', async () => {
    const controller = new AbortController();
    const out = tempDir('cancel');
    const running = renderVideo(twelve(), {
      outputDir: out,
      preset: 'draft',
      config: testConfig(),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'progress' && e.stage === 'render' && e.done > 20) controller.abort();
      },
    });
    await expect(running).rejects.toBeInstanceOf(VideogenError);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(existsSync(join(out, 'video.mp4'))).toBe(false);
    const leftovers = existsSync(out) ? readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.mp4')) : [];
    expect(leftovers).toEqual([]);
  }, 120_000);
});
