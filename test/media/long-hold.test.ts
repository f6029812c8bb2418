import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderVideo, type RenderResult } from '../../src/pipeline/render-video.ts';
import { findFfmpeg } from '../../src/media/index.ts';
import { runTool } from '../../src/media/process.ts';
import { minHoldFrames } from '../../src/pipeline/segments.ts';
import { gopFrames } from '../../src/media/presets.ts';
import type { VideoSpecInput } from '../../src/spec/index.ts';
import { loadConfig } from '../../src/config.ts';
import { spec, tempDir } from '../pipeline/helpers.ts';
import { npmFfmpegPath } from './helpers.ts';

/**
 * Issue 16's long-hold check, through the whole pipeline: scenes that settle early and hold for seconds are rendered
 * as synthesised holds (one encoded IDR and skip frames, hold.ts), and the result must still be an ordinary video:
 * exact frame count, constant frame rate, a keyframe at least every 2 s, and the held frames show the held picture.
 */

const FPS = 30;
const tools = await findFfmpeg();
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Probed {
  streams?: Record<string, string | number>[];
  packets?: { pts: number; flags: string }[];
}

async function ffprobeJson(file: string, entries: string): Promise<Probed> {
  const { stdout } = await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', 'v:0', ...entries.split(' '), '-of', 'json', file]);
  return JSON.parse(stdout.toString('utf8')) as Probed;
}

/** One MD5 per decoded video frame, in display order. */
async function frameHashes(file: string): Promise<string[]> {
  const { stdout } = await runTool(tools.ffmpeg, ['-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'framemd5', '-']);
  return stdout.toString('utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').at(-1)!.trim());
}

/** Frames [from, from + count) of a file as RGB24, converted with the BT.709 matrix the encoder tags. */
async function decodeFrames(file: string, from: number, count: number, width: number, height: number): Promise<Buffer[]> {
  const { stdout } = await runTool(tools.ffmpeg, [
    '-v', 'error', '-i', file, '-map', '0:v:0',
    '-vf', `select=between(n\\,${from}\\,${from + count - 1}),scale=in_color_matrix=bt709:in_range=tv,format=rgb24`,
    '-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-',
  ]);
  const size = width * height * 3;
  expect(stdout.length).toBe(size * count);
  return Array.from({ length: count }, (_, i) => stdout.subarray(i * size, (i + 1) * size));
}

/**
 * How far two decodes of the same picture are apart: the mean absolute difference per channel value, and the share
 * of values more than 16 apart (two lossy encodes differ by a few levels everywhere and more at a few text edges, so a
 * maximum would measure noise, not a wrong picture; a wrong picture moves both figures by orders of magnitude).
 */
function difference(a: Buffer, b: Buffer): { mean: number; far: number } {
  let sum = 0;
  let far = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    if (d > 16) far++;
  }
  return { mean: sum / a.length, far: far / a.length };
}

interface Rendered {
  file: string;
  result: RenderResult;
  tiles: string[];
  width: number;
  height: number;
}

async function render(input: VideoSpecInput, preset: 'draft' | 'standard', ffmpegPath?: string): Promise<Rendered> {
  const out = tempDir('long-hold');
  const cacheDir = tempDir('long-hold-cache');
  made.push(out, cacheDir);
  const config = loadConfig({ cacheDir, home: cacheDir, ...(ffmpegPath ? { ffmpegPath } : {}) });
  const result = await renderVideo(spec(input), { outputDir: out, preset, config });
  const tilesDir = join(cacheDir, 'tiles');
  const tiles = readdirSync(tilesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const { width, height } = (await ffprobeJson(result.files.video!, '-show_entries stream=width,height')).streams![0]!;
  return { file: result.files.video!, result, tiles, width: Number(width), height: Number(height) };
}

/** The checks every rendered video with tiled holds must pass. */
async function expectOrdinaryVideo({ file, result }: Rendered): Promise<void> {
  const stream = (await ffprobeJson(file, '-count_frames -show_entries stream=nb_read_frames,r_frame_rate,time_base')).streams![0]!;
  expect(Number(stream.nb_read_frames)).toBe(result.totalFrames);
  expect(stream.r_frame_rate).toBe(`${FPS}/1`);
  const [num, den] = String(stream.time_base).split('/').map(Number);
  const packets = (await ffprobeJson(file, '-show_entries packet=pts,flags')).packets!.map(({ pts, flags }) => ({ pts, key: flags.includes('K') }));
  expect(packets).toHaveLength(result.totalFrames);
  const pts = packets.map((p) => p.pts).sort((a, b) => a - b);
  // Constant frame rate: every step between presentation times is the same, one frame long.
  const steps = new Set(pts.slice(1).map((p, i) => p - pts[i]!));
  expect([...steps]).toEqual([den! / num! / FPS]);
  // A keyframe at least every 2 s (the GOP), including across every join of streamed pieces and tiles.
  const keys = packets.filter((p) => p.key).map((p) => p.pts).sort((a, b) => a - b);
  expect(keys[0]).toBe(pts[0]);
  const gaps = [...keys.slice(1).map((k, i) => k - keys[i]!), pts.at(-1)! + (pts[1]! - pts[0]!) - keys.at(-1)!];
  expect(Math.max(...gaps)).toBeLessThanOrEqual((gopFrames(FPS) * den!) / num! / FPS);
  const ok = await runTool(tools.ffmpeg, ['-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'null', '-']);
  expect(ok.stderr).toBe('');
}

/**
 * Held stretches are synthesised (hold.ts: one IDR of the picture and skip frames that copy it), so they decode to
 * bit-identical frames: every maximal run of identical decoded frames at least minHoldFrames long is a hold. Together
 * they cover most of a video that holds still, and each run shows the held picture: the frame just before it (the same picture as the stream drew
 * it before the hold began) differs from it by no more than compression noise.
 */
async function expectSynthesisedHolds({ file, width, height, result }: Rendered, tolerance: { mean: number; far: number }): Promise<void> {
  const video = await frameHashes(file);
  const minimum = minHoldFrames(width, height, FPS);
  const runs: { from: number; length: number }[] = [];
  video.forEach((h, i) => {
    const last = runs.at(-1);
    if (last && video[last.from] === h) last.length++;
    else runs.push({ from: i, length: 1 });
  });
  const holds = runs.filter((r) => r.length >= minimum);
  expect(holds.length).toBeGreaterThanOrEqual(1);
  const heldTotal = holds.reduce((n, r) => n + r.length, 0);
  expect(heldTotal).toBeGreaterThan(result.totalFrames / 2);
  for (const run of holds.filter((r) => r.from > 0)) {
    const [before, inside] = await decodeFrames(file, run.from - 1, 2, width, height);
    const d = difference(inside!, before!);
    expect(d.mean, `mean difference at the hold from frame ${run.from}`).toBeLessThanOrEqual(tolerance.mean);
    expect(d.far, `share of values far apart at the hold from frame ${run.from}`).toBeLessThanOrEqual(tolerance.far);
  }
}

describe('long holds are synthesised and the video stays exact', () => {
  // The npm fallback (ffmpeg 4.1) too: tiles go through its loop filter and concat demuxer as well.
  it.each([{ build: 'system', path: undefined }, { build: 'npm', path: npmFfmpegPath() }])('720p draft: three 8 s scenes with short narration ($build ffmpeg)', async ({ path }) => {
    const held = { minDuration: 8, transition: 'fade' } as const;
    const rendered = await render(
      {
        id: 'long-hold',
        title: 'Long holds',
        voice: 'male',
        scenes: [
          { ...held, id: 'a', kind: 'title', title: 'Long holds', subtitle: 'Encoded once, repeated', narration: 'Hold still.' },
          { ...held, id: 'b', kind: 'list', title: 'Three points', items: ['One', 'Two', 'Three'], narration: 'Three points.' },
          { ...held, id: 'c', kind: 'quote', text: 'Stillness is cheap.', attribution: 'The encoder', narration: 'That is all.' },
        ],
      },
      'draft',
      path,
    );
    expect(rendered.result.totalFrames).toBeGreaterThanOrEqual(3 * 8 * FPS - 2 * 15);
    // Each scene's hold is synthesised: its frames are neither drawn nor piped.
    expect(rendered.result.frames.tiled).toBeGreaterThan(rendered.result.totalFrames / 2);
    await expectOrdinaryVideo(rendered);
    await expectSynthesisedHolds(rendered, { mean: 1, far: 0.001 });
  }, 240_000);

  it('1080p standard: one 8 s title', async () => {
    const rendered = await render(
      { id: 'long-hold-1080', title: 'Long hold', voice: 'male', scenes: [{ id: 'a', kind: 'title', title: 'One long hold', subtitle: 'At 1080p', narration: 'Hold still.', minDuration: 8 }] },
      'standard',
    );
    expect(rendered.height).toBe(1080);
    expect(rendered.result.frames.tiled).toBeGreaterThan(rendered.result.totalFrames / 2);
    await expectOrdinaryVideo(rendered);
    await expectSynthesisedHolds(rendered, { mean: 1, far: 0.001 });
  }, 240_000);

  it('720p standard: a fade into the next scene is blended by the decoder from two pictures coded in the stream', async () => {
    const rendered = await render(
      {
        id: 'long-hold-fade',
        title: 'Fade',
        voice: 'male',
        resolution: '720p',
        scenes: [
          { id: 'a', kind: 'title', title: 'First scene', subtitle: 'Held, then faded', narration: 'One.', minDuration: 3, transition: 'fade' },
          { id: 'b', kind: 'quote', text: 'The second scene.', attribution: 'Fade', narration: 'Two.', minDuration: 3 },
        ],
      },
      'standard',
    );
    const { blended, spawns } = rendered.result.frames;
    expect(blended).toBeGreaterThan(0);
    // Each segment is one streamed piece (the fade's two pictures lead the second one) and a synthesised hold: no
    // encoder for the fade or for the held pictures.
    expect(spawns).toBe(2);
    await expectOrdinaryVideo(rendered);
    // The fade follows scene a's hold: its first blend, the decoder's blends, then the incoming picture.
    const video = await frameHashes(rendered.file);
    let holdEnd = 0;
    while (holdEnd + 1 < video.length && !(video[holdEnd] === video[holdEnd - 1] && video[holdEnd + 1] !== video[holdEnd])) holdEnd++;
    const n = blended + 1;
    const frames = await decodeFrames(rendered.file, holdEnd + 1, n + 1, rendered.width, rendered.height);
    const [first, incoming] = [frames[0]!, frames[n]!];
    expect(difference(first, incoming).far).toBeGreaterThan(0.001); // the text differs
    for (let j = 1; j < n; j++) {
      const expected = Buffer.from(first.map((v, i) => Math.round(v + ((incoming[i]! - v) * j) / n)));
      const d = difference(frames[j]!, expected);
      expect(d.mean, `blend ${j} of ${n}`).toBeLessThanOrEqual(1);
      expect(d.far, `blend ${j} of ${n}`).toBe(0);
    }
  }, 240_000);
});
