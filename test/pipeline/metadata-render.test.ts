import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { readJson, spec, tempDir, testConfig } from './helpers.ts';

/**
 * A rendered 9:16 video with a footage scene: thumbnail.png shows a frame of the clip (grabbed by ffmpeg) under the
 * title, metadata.json is within YouTube's limits, and credits.txt and the manifest list the clip.
 */
describe('outputs of a render with footage', () => {
  let out: string;
  beforeAll(async () => {
    const dir = tempDir('metadata-render');
    // A saturated red clip: easy to find in the thumbnail's upper part.
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0xe01010:s=720x1280:r=30:d=3', '-pix_fmt', 'yuv420p', join(dir, 'clip.mp4')]);
    out = join(dir, 'out');
    const video = spec({
      id: 'footage-outputs',
      title: 'Red Tides and Why They Happen',
      aspect: '9:16',
      voice: 'male',
      scenes: [
        { id: 'clip', kind: 'video', src: 'clip.mp4', narration: 'Red tides colour the sea for weeks.' },
        { id: 'bye', kind: 'outro', title: 'Follow for more', narration: 'Follow for more ocean facts.' },
      ],
    });
    await renderVideo(video, { outputDir: out, preset: 'draft', config: testConfig(), mediaScope: { kind: 'folder', root: dir } });
  }, 180_000);

  it('draws the thumbnail over a frame of the clip', async () => {
    const img = await loadImage(readFileSync(join(out, 'thumbnail.png')));
    expect([img.width, img.height]).toEqual([1280, 720]);
    const canvas = createCanvas(1280, 720);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const [r, g, b] = ctx.getImageData(1200, 40, 1, 1).data;
    expect(r, `${r},${g},${b}`).toBeGreaterThan(150);
    expect(g).toBeLessThan(60);
    expect(b).toBeLessThan(60);
  });

  it('writes metadata.json within YouTube limits, and credits for the clip', () => {
    const m = readJson<{ title: string; description: string; tags: string[]; short: boolean; containsSyntheticMedia: boolean }>(join(out, 'metadata.json'));
    expect(m.title).toBe('Red Tides and Why They Happen');
    expect(m.short).toBe(true);
    expect(m.containsSyntheticMedia).toBe(true);
    expect(m.description.startsWith('Red tides colour the sea for weeks.')).toBe(true);
    expect(m.description).toContain('#Shorts');
    const manifest = readJson<{ assets: { provider: string; license: string }[]; contentCheck: unknown[] }>(join(out, 'manifest.json'));
    expect(manifest.contentCheck).toEqual([]);
    expect(manifest.assets).toEqual([{ provider: 'file', title: 'clip.mp4', license: 'provided by the user' }]);
    expect(existsSync(join(out, 'credits.txt'))).toBe(true);
    expect(readFileSync(join(out, 'credits.txt'), 'utf8')).toBe('Footage: "clip.mp4" (provided by the user)\n');
    expect(m.description).toContain('Credits:\nFootage: "clip.mp4" (provided by the user)');
  });
});
