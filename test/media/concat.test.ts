import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { FrameEncoder } from '../../src/media/encoder.ts';
import { encodeStill } from '../../src/media/still.ts';
import { concatList, concatSegments } from '../../src/media/concat.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { decodedPixel, expectColour, leftovers, solidFrame, tempDir } from './helpers.ts';

const W = 320;
const H = 180;
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

describe('concatSegments', () => {
  it('joins a piped segment, a still segment and another piped one; frame count is the sum', async () => {
    const tools = await findFfmpeg();
    const a = join(dir, "a's.mp4"); // a quote in the name exercises the list escaping
    const b = join(dir, 'b.mp4');
    const c = join(dir, 'c.mp4');
    const encA = await FrameEncoder.open({ output: a, width: W, height: H, fps: 30, preset: 'standard', tools });
    for (let i = 0; i < 47; i++) await encA.writeFrame(solidFrame(W, H, [200, (i * 5) % 255, 40]));
    await encA.finish();
    await encodeStill(solidFrame(W, H, [30, 30, 200]), 73, { output: b, width: W, height: H, fps: 30, preset: 'standard', tools });
    const encC = await FrameEncoder.open({ output: c, width: W, height: H, fps: 30, preset: 'standard', tools });
    await encC.repeatFrame(solidFrame(W, H, [30, 200, 30]), 29);
    await encC.finish();

    const out = join(dir, 'joined.mp4');
    // Paths alone (probed) and with known frame counts (the pipeline's way) give the same result.
    await concatSegments([a, b, c], out, { tools, faststart: true });
    const out2 = join(dir, 'joined2.mp4');
    await concatSegments([{ path: a, frames: 47 }, { path: b, frames: 73 }, { path: c, frames: 29 }], out2, { tools, fps: 30 });
    expect((await probe(out2, { countFrames: true, tools })).streams[0]).toMatchObject({ frames: 149, fpsRational: '30/1' });
    const v = (await probe(out, { countFrames: true, tools })).streams.find((s) => s.type === 'video')!;
    expect(v).toMatchObject({ frames: 47 + 73 + 29, fpsRational: '30/1', codec: 'h264', profile: 'High' });
    expect(v.durationSec).toBeCloseTo((47 + 73 + 29) / 30, 3);
    // The boundaries land on the right frames.
    expectColour(await decodedPixel(tools, out, 47, W, H), [30, 30, 200]);
    expectColour(await decodedPixel(tools, out, 47 + 73 - 1, W, H), [30, 30, 200]);
    expectColour(await decodedPixel(tools, out, 47 + 73, W, H), [30, 200, 30]);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('quotes paths the way the concat demuxer expects', () => {
    expect(concatList([{ path: "/tmp/it's.mp4", frames: 47 }], 30)).toBe("file '/tmp/it'\\''s.mp4'\nduration 1.566667\n");
  });

  it('rounds cumulative times once each, so durations never drift (30000/1001 fps)', () => {
    const list = concatList(Array.from({ length: 500 }, (_, i) => ({ path: `/s${i}.mp4`, frames: 7 })), '30000/1001');
    const total = [...list.matchAll(/duration (\S+)/g)].reduce((sum, m) => sum + Math.round(Number(m[1]) * 1e6), 0);
    expect(total).toBe(Math.round((500 * 7 * 1001 * 1e6) / 30000));
  });
});
