import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FrameEncoder, holdFilter, type Hold } from '../../src/media/encoder.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { runTool } from '../../src/media/process.ts';
import type { MediaTools } from '../../src/media/ffmpeg-path.ts';
import { solidFrame, tempDir, toolSets, type Rgb } from './helpers.ts';

const W = 64;
const H = 48;
const sets = await toolSets();
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

/** A distinct, easily told apart colour per picture number. */
function colour(n: number): Rgb {
  return [(n * 37) % 200 + 30, (n * 91) % 200 + 30, (n * 53) % 200 + 30];
}

/** Every decoded frame of a file as raw RGB. */
async function decodeAll(tools: MediaTools, file: string): Promise<Buffer[]> {
  const { stdout } = await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', file, '-vf', 'scale=in_color_matrix=bt709:in_range=tv,format=rgb24', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const size = W * H * 3;
  return Array.from({ length: stdout.length / size }, (_, i) => stdout.subarray(i * size, (i + 1) * size));
}

/** The picture number whose colour is nearest to a decoded frame's centre pixel. */
function pictureOf(frame: Buffer, candidates: readonly number[]): number {
  const at = ((H >> 1) * W + (W >> 1)) * 3;
  const px = [frame[at]!, frame[at + 1]!, frame[at + 2]!];
  let best = candidates[0]!;
  let bestD = Infinity;
  for (const n of candidates) {
    const d = colour(n).reduce((s, c, k) => s + (c - px[k]!) ** 2, 0);
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best;
}

function maxDifference(a: Buffer, b: Buffer): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('hold filter chain', () => {
  it('counts the frames earlier loops added and starts each loop after the first frame of its pair', () => {
    expect(holdFilter([])).not.toContain('loop');
    const vf = holdFilter([{ at: 6, count: 3 }, { at: 2, count: 5 }]);
    expect(vf).toContain('loop=loop=5:size=1:start=3,loop=loop=3:size=1:start=12,setpts=N/FRAME_RATE/TB');
  });
});

describe.each(sets)('FrameEncoder holds with the $name ffmpeg', ({ name, tools }) => {
  it('several holds in one segment: exact frame count, each held picture in its place, identical held frames, only the pairs piped', async () => {
    // Pictures 0..7; picture 1 is held for 10 frames, picture 4 for 25, picture 7 (the last) for 40: 81 frames.
    const runs: [picture: number, frames: number][] = [[0, 1], [1, 10], [2, 1], [3, 1], [4, 25], [5, 1], [6, 1], [7, 40]];
    const expected = runs.flatMap(([p, n]) => Array.from({ length: n }, () => p));
    const holds: Hold[] = [];
    const piped: number[] = [];
    for (const [p, n] of runs) {
      if (n >= 3) {
        holds.push({ at: piped.length, count: n - 2 });
        piped.push(p, p);
      } else for (let k = 0; k < n; k++) piped.push(p);
    }
    const output = join(dir, `holds-${name}.mp4`);
    const enc = await FrameEncoder.open({ output, width: W, height: H, fps: 30, preset: 'draft', tools, holds });
    for (const p of piped) await enc.writeFrame(solidFrame(W, H, colour(p)));
    const result = await enc.finish();

    // Piped: 11 frames (a pair per hold, the rest one by one) for 81 in the file.
    expect(enc.framesWritten).toBe(11);
    expect(result.frames).toBe(expected.length);
    const info = await probe(output, { countFrames: true, tools });
    expect(info.streams.find((s) => s.type === 'video')!.frames).toBe(expected.length);

    const frames = await decodeAll(tools, output);
    expect(frames).toHaveLength(expected.length);
    const pictures = [...new Set(expected)];
    expect(frames.map((f) => pictureOf(f, pictures))).toEqual(expected);
    // Inside a hold each frame decodes to exactly the frame before it (a repeated picture costs the encoder a skip),
    // except on a keyframe (every 2 s = 60 frames), where the picture is coded afresh: there it is within 3 levels.
    let start = 0;
    for (const [, n] of runs) {
      for (let k = start + 1; k < start + n; k++) {
        if (k % 60 === 0) expect(maxDifference(frames[k]!, frames[k - 1]!), `keyframe ${k}`).toBeLessThanOrEqual(3);
        else expect(frames[k]!.equals(frames[k - 1]!), `frame ${k} equals frame ${k - 1}`).toBe(true);
      }
      start += n;
    }
  });
});
