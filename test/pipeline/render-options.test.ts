import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { findFfmpeg, probe, PRESETS, shortSideFor } from '../../src/media/index.ts';
import { renderVideo, type RenderResult } from '../../src/pipeline/render-video.ts';
import { readJson, spec, tempDir } from './helpers.ts';

const small = spec({
  id: 'options-test',
  title: 'Spec options',
  resolution: '720p',
  captions: { file: false },
  scenes: [
    { id: 'intro', kind: 'title', title: 'Spec options', narration: 'Sized by the spec.' },
    { id: 'bye', kind: 'outro', title: 'Done', narration: 'No caption files.' },
  ],
});

describe('render honours the spec: resolution, captions.file, FFPROBE_PATH', () => {
  let out: string;
  let result: RenderResult;
  let trace: string;
  let wrapper: string;
  beforeAll(async () => {
    const home = tempDir('render-options');
    out = join(home, 'out');
    // FFPROBE_PATH points at a wrapper around the real ffprobe that leaves a trace of every call.
    const real = (await findFfmpeg()).ffprobe;
    wrapper = join(home, 'traced-ffprobe');
    trace = join(home, 'ffprobe.log');
    writeFileSync(wrapper, `#!/bin/sh\necho "$@" >> '${trace}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const config = loadConfig({ home, cacheDir: join(home, 'cache') }, { PATH: process.env.PATH, FFPROBE_PATH: wrapper });
    // 'standard' is a 1080p preset: the 720p frame can only come from the spec.
    result = await renderVideo(small, { outputDir: out, preset: 'standard', config });
  }, 120_000);

  it('renders at the spec resolution (720p → 1280×720) under a 1080p preset', async () => {
    const info = await probe(join(out, 'video.mp4'));
    const video = info.streams.find((s) => s.type === 'video')!;
    expect([video.width, video.height]).toEqual([1280, 720]);
    expect(readJson<{ video: { width: number; height: number } }>(join(out, 'manifest.json')).video).toMatchObject({ width: 1280, height: 720 });
  });

  it('captions.file: false writes no .srt/.vtt and muxes no soft subtitle track (the schema: file covers both)', async () => {
    expect(existsSync(join(out, 'captions.en.srt'))).toBe(false);
    expect(existsSync(join(out, 'captions.en.vtt'))).toBe(false);
    expect(result.files.srt).toBeUndefined();
    expect(result.files.vtt).toBeUndefined();
    const info = await probe(join(out, 'video.mp4'));
    expect(info.streams.map((s) => s.type).sort()).toEqual(['audio', 'video']);
    for (const name of ['video.mp4', 'thumbnail.png', 'chapters.txt', 'manifest.json']) expect(existsSync(join(out, name)), name).toBe(true);
  });

  it('ran the configured ffprobe (FFPROBE_PATH) and records it in the manifest', () => {
    expect(readJson<{ tools: { ffprobe: string } }>(join(out, 'manifest.json')).tools.ffprobe).toBe(wrapper);
    expect(readFileSync(trace, 'utf8')).toMatch(/-show_streams/);
  });
});

describe('frame size rule: explicit option > spec resolution > the preset cap', () => {
  it('takes the spec resolution under standard and final', () => {
    for (const preset of ['standard', 'final'] as const) {
      expect(shortSideFor(preset, 720)).toBe(720);
      expect(shortSideFor(preset, 1440)).toBe(1440);
      expect(shortSideFor(preset, 2160)).toBe(2160);
    }
  });

  it('keeps draft quick: at most 720p unless a resolution is asked for explicitly', () => {
    expect(PRESETS.draft.maxShortSide).toBe(720);
    expect(shortSideFor('draft', 1080)).toBe(720);
    expect(shortSideFor('draft', 720)).toBe(720);
    expect(shortSideFor('draft', 1080, 1080)).toBe(1080);
    expect(shortSideFor('standard', 1080, 720)).toBe(720);
  });
});
