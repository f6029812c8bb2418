import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { runTool } from '../../src/media/process.ts';
import { FrameEncoder } from '../../src/media/encoder.ts';
import { codedPictures, skipTemplateFor, writeJoinedPieces, type SynthOptions } from '../../src/media/hold.ts';
import { ArtifactCache } from '../../src/pipeline/artifact-cache.ts';
import { tempDir } from '../pipeline/helpers.ts';

/**
 * Streamed pieces joined in Node (segments.ts joinPieces): x264's Annex B output, ordered for display by picture order
 * count (h264/stream-units.ts) and written as MP4 by mp4-writer.ts, must decode to exactly the frames ffmpeg's own
 * muxer makes of the same stream — across B-frame reordering, several IDR periods and the POC LSB wrapping.
 */

const tools = await findFfmpeg();
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const W = 320;
const H = 180;
const FPS = 30;

/** A picture that differs from every other one: a bar moving across a gradient, so x264 codes P and B frames. */
function picture(i: number): Buffer {
  const b = Buffer.alloc(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 4;
      const bar = Math.abs(x - ((i * 7) % W)) < 12;
      b[o] = bar ? 250 : (x + i) & 255;
      b[o + 1] = bar ? 250 : y;
      b[o + 2] = bar ? 40 : 128;
      b[o + 3] = 255;
    }
  }
  return b;
}

async function frameHashes(file: string, format?: string): Promise<string[]> {
  const { stdout } = await runTool(tools.ffmpeg, ['-v', 'error', ...(format ? ['-f', format, '-r', String(FPS)] : []), '-i', file, '-map', '0:v:0', '-f', 'framemd5', '-']);
  return stdout.toString('utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').at(-1)!.trim());
}

async function encode(dir: string, name: string, count: number, preset: 'standard' | 'draft', keyframeAt?: number): Promise<string> {
  const output = join(dir, name);
  const encoder = await FrameEncoder.open({ output, width: W, height: H, fps: FPS, preset, tools, container: 'h264', ...(keyframeAt !== undefined ? { keyframes: [keyframeAt] } : {}) });
  for (let i = 0; i < count; i++) await encoder.writeFrame(picture(i));
  await encoder.finish();
  return output;
}

describe('x264 Annex B pieces joined in Node', () => {
  it.each(['standard', 'draft'] as const)('%s: 150 frames (3 IDR periods, B frames, POC wrap) decode as ffmpeg muxes them', async (preset) => {
    const dir = tempDir('stream-units');
    made.push(dir);
    const opts: SynthOptions = { width: W, height: H, fps: FPS, preset, tools, cache: new ArtifactCache(join(dir, 'cache')) };
    const template = (await skipTemplateFor(opts))!;
    const stream = await encode(dir, 'a.h264', 150, preset);
    const units = codedPictures(readFileSync(stream), template);
    expect(units).toHaveLength(150);
    // Three IDR periods: x264 starts one at least every 60 frames (-g 60), sooner where its scene-cut test fires.
    const keys = units.filter((u) => u.key).map((u) => u.display);
    expect(keys[0]).toBe(0);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (let k = 1; k < keys.length; k++) expect(keys[k]! - keys[k - 1]!).toBeLessThanOrEqual(60);
    if (preset === 'standard') expect(units.some((u, i) => u.display !== i)).toBe(true); // reordered: B frames
    const joined = join(dir, 'joined.mp4');
    // Two pieces, as a segment joins them: the second one's displays follow the first's.
    const second = codedPictures(readFileSync(await encode(dir, 'b.h264', 20, preset)), template);
    await writeJoinedPieces(joined, template, [units, second], opts);
    const expected = [...(await frameHashes(stream, 'h264')), ...(await frameHashes(join(dir, 'b.h264'), 'h264'))];
    expect(await frameHashes(joined)).toEqual(expected);
    const probe = await runTool(tools.ffmpeg, ['-v', 'error', '-i', joined, '-f', 'null', '-']);
    expect(probe.stderr).toBe('');
  }, 60_000);

  it('keyframes code those frames as an IDR, last in decode order', async () => {
    const dir = tempDir('stream-units-tail');
    made.push(dir);
    const opts: SynthOptions = { width: W, height: H, fps: FPS, preset: 'standard', tools, cache: new ArtifactCache(join(dir, 'cache')) };
    const template = (await skipTemplateFor(opts))!;
    const units = codedPictures(readFileSync(await encode(dir, 'tail.h264', 26, 'standard', 25)), template);
    expect(units.at(-1)!.key).toBe(true);
    expect(units.at(-1)!.display).toBe(25);
    await expect(FrameEncoder.open({ output: join(dir, 'x.h264'), width: W, height: H, fps: FPS, preset: 'standard', tools, keyframes: [-1] })).rejects.toThrow(/keyframes/);
  }, 60_000);
});
