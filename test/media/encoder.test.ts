import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FrameEncoder } from '../../src/media/encoder.ts';
import { encodeStill } from '../../src/media/still.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { isVideogenError } from '../../src/errors.ts';
import type { VideogenError } from '../../src/errors.ts';
import { decodedPixel, expectColour, leftovers, solidFrame, tempDir, toolSets } from './helpers.ts';
import type { Rgb } from './helpers.ts';

const W = 320;
const H = 240;
const COLOURS: Rgb[] = [[220, 40, 40], [40, 200, 60], [40, 60, 220]];
const sets = await toolSets();
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

describe.each(sets)('FrameEncoder with the $name ffmpeg', ({ name, tools }) => {
  it('encodes 90 frames at 30 fps as H.264 High yuv420p with the drawn colours', async () => {
    const output = join(dir, `core-${name}.mp4`);
    const enc = await FrameEncoder.open({ output, width: W, height: H, fps: 30, preset: 'standard', tools });
    for (let i = 0; i < 90; i++) await enc.writeFrame(solidFrame(W, H, COLOURS[Math.floor(i / 30)]!));
    const result = await enc.finish();
    expect(result.frames).toBe(90);
    const info = await probe(output, { countFrames: true, tools });
    const v = info.streams.find((s) => s.type === 'video')!;
    expect(v).toMatchObject({ codec: 'h264', profile: 'High', pixFmt: 'yuv420p', width: W, height: H, frames: 90, fpsRational: '30/1', fps: 30 });
    expectColour(await decodedPixel(tools, output, 15, W, H), COLOURS[0]!);
    expectColour(await decodedPixel(tools, output, 45, W, H), COLOURS[1]!);
    expectColour(await decodedPixel(tools, output, 75, W, H), COLOURS[2]!);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('holds a frame with repeatFrame for an exact count, at the draft preset (still High)', async () => {
    const output = join(dir, `repeat-${name}.mp4`);
    const enc = await FrameEncoder.open({ output, width: W, height: H, fps: 25, preset: 'draft', tools, faststart: true });
    await enc.repeatFrame(solidFrame(W, H, COLOURS[1]!), 37);
    await enc.finish();
    const v = (await probe(output, { countFrames: true, tools })).streams[0]!;
    expect(v).toMatchObject({ frames: 37, fpsRational: '25/1', profile: 'High' });
  });

  it('encodes a still segment for an exact count with the colour intact', async () => {
    const output = join(dir, `still-${name}.mp4`);
    const res = await encodeStill(solidFrame(W, H, COLOURS[2]!), 61, { output, width: W, height: H, fps: 30, preset: 'final', tools });
    expect(res.frames).toBe(61);
    const v = (await probe(output, { countFrames: true, tools })).streams[0]!;
    expect(v).toMatchObject({ frames: 61, fpsRational: '30/1', profile: 'High', pixFmt: 'yuv420p' });
    expectColour(await decodedPixel(tools, output, 60, W, H), COLOURS[2]!);
  });

  it('supports a rational frame rate (30000/1001)', async () => {
    const output = join(dir, `ntsc-${name}.mp4`);
    const enc = await FrameEncoder.open({ output, width: W, height: H, fps: '30000/1001', preset: 'draft', tools });
    await enc.repeatFrame(solidFrame(W, H, COLOURS[0]!), 30);
    await enc.finish();
    expect((await probe(output, { countFrames: true, tools })).streams[0]).toMatchObject({ frames: 30, fpsRational: '30000/1001' });
  });
});

describe('FrameEncoder failure paths', () => {
  const tools = sets[0]!.tools;

  it('abort mid-encode (AbortSignal) leaves no output and no partial file', async () => {
    const output = join(dir, 'aborted.mp4');
    const ac = new AbortController();
    const enc = await FrameEncoder.open({ output, width: W, height: H, fps: 30, preset: 'standard', tools, signal: ac.signal });
    const frame = solidFrame(W, H, COLOURS[0]!);
    for (let i = 0; i < 20; i++) await enc.writeFrame(frame);
    ac.abort();
    const err = await enc.writeFrame(frame).then(() => undefined, (e: unknown) => e as VideogenError);
    expect(err?.code).toBe('CANCELLED');
    await enc.abort();
    expect(existsSync(output)).toBe(false);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('abort() during finish-less encode cleans up too', async () => {
    const output = join(dir, 'aborted2.mp4');
    const enc = await FrameEncoder.open({ output, width: W, height: H, fps: 30, preset: 'standard', tools });
    await enc.repeatFrame(solidFrame(W, H, COLOURS[1]!), 10);
    await enc.abort();
    await expect(enc.finish()).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(existsSync(output)).toBe(false);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('an ffmpeg failure raises FFMPEG_FAILED with the stderr tail', async () => {
    const output = join(dir, 'no-such-dir', 'x.mp4');
    const enc = await FrameEncoder.open({ output, width: W, height: H, fps: 30, preset: 'standard', tools });
    let err: unknown;
    try {
      await enc.repeatFrame(solidFrame(W, H, COLOURS[0]!), 30);
      await enc.finish();
    } catch (e) {
      err = e;
    }
    expect(isVideogenError(err)).toBe(true);
    const e = err as VideogenError;
    expect(e.code).toBe('FFMPEG_FAILED');
    expect(String(e.details?.stderrTail)).toMatch(/No such file or directory/);
    expect(e.message).toMatch(/No such file or directory/);
  });

  it('rejects a frame of the wrong size before it reaches ffmpeg', async () => {
    const enc = await FrameEncoder.open({ output: join(dir, 'size.mp4'), width: W, height: H, fps: 30, preset: 'draft', tools });
    await expect(enc.writeFrame(Buffer.alloc(10))).rejects.toThrow(RangeError);
    await enc.abort();
  });
});
