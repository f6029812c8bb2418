import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { previewSheet } from '../../../src/pipeline/preview.ts';
import { renderVideo } from '../../../src/pipeline/render-video.ts';
import { loadYamlSource } from '../../../src/sources/yaml.ts';
import type { VideoSpec } from '../../../src/spec/index.ts';

const dir = join(import.meta.dirname, '../../fixtures/sources/video-gen');
const SAMPLES = ['example_simple.yaml', '03_scene_types.yaml', 'example_advanced.yaml', 'example_four_voices.yaml', 'tutorial-from-template.yaml', 'sets/tutorial_series_example/set_config.yaml'];

async function specsOf(file: string): Promise<VideoSpec[]> {
  const r = await loadYamlSource(join(dir, file));
  return r.kind === 'video' ? [r.spec] : r.specs;
}

describe('imported video_gen samples render', () => {
  it.each(SAMPLES)('%s draws a contact sheet of every scene', async (file) => {
    for (const spec of await specsOf(file)) {
      const sheet = await previewSheet(spec);
      expect(sheet.png.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('example_simple.yaml renders to a narrated MP4 at the draft preset', async () => {
    const [spec] = await specsOf('example_simple.yaml');
    const home = mkdtempSync(join(tmpdir(), 'videogen-vg-render-'));
    // Offline: espeak only (no Edge), cache in a temp home.
    const config = loadConfig({ home }, { PATH: process.env.PATH, VIDEOGEN_EDGE: '0' });
    const result = await renderVideo(spec!, { outputDir: join(home, 'out'), preset: 'draft', config });
    expect(statSync(result.files.video!).size).toBeGreaterThan(50_000);
    expect(result.totalFrames).toBeGreaterThan(spec!.scenes.length * 60);
  }, 60_000);
});
