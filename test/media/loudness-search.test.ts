import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { measureLoudness, nextSetting, normalizeLoudness, parseAstatsPeak, parseMeterLog, type SearchGoal } from '../../src/media/loudness.ts';
import { writeWav } from '../../src/media/wav.ts';
import type { MediaTools } from '../../src/media/ffmpeg-path.ts';
import { leftovers, tempDir, toolSets } from './helpers.ts';
import { speechLike } from './synth.ts';

/** The pieces of normalizeLoudness's search and meter that are plain logic, and the excerpt's silence fallback. */
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

const goal: SearchGoal = { aimLufs: -14, closeLu: 0.1, peakDbtp: -1, limitDb: -2 };
const loud = (integratedLufs: number, truePeakDbtp = -1.5) => ({ integratedLufs, truePeakDbtp, rangeLu: 5 });

describe('nextSetting (one search step)', () => {
  it('stops when the loudness is close enough and the peak under the goal', () => {
    expect(nextSetting({ gainDb: 14, limitDb: -2 }, loud(-14.1), undefined, goal)).toBeUndefined();
    expect(nextSetting({ gainDb: 14, limitDb: -2 }, loud(-14.1, -0.9), undefined, goal)).toBeDefined();
  });

  it('steps plain gain by the loudness missing (slope 1)', () => {
    expect(nextSetting({ gainDb: 7, limitDb: undefined }, loud(-16), undefined, goal)).toEqual({ gainDb: 9, limitDb: undefined });
  });

  it('steps limited gain by the prior slope on the first step, then by the secant on the same limit', () => {
    const first = nextSetting({ gainDb: 7.1, limitDb: -2 }, loud(-16.2), undefined, goal)!;
    expect(first.gainDb).toBeCloseTo(7.1 + 2.2 / 0.3, 6);
    expect(first.limitDb).toBe(-2);
    // 7.1 → −16.2 and 14 → −14.4: slope 1.8 / 6.9; the missing 0.4 LU takes 0.4 / slope more gain.
    const second = nextSetting({ gainDb: 14, limitDb: -2 }, loud(-14.4), { setting: { gainDb: 7.1, limitDb: -2 }, lufs: -16.2 }, goal)!;
    expect(second.gainDb).toBeCloseTo(14 + 0.4 / (1.8 / 6.9), 6);
  });

  it('ignores a previous step on another limit, and clamps the secant', () => {
    const otherLimit = nextSetting({ gainDb: 14, limitDb: -2.5 }, loud(-14.3), { setting: { gainDb: 13, limitDb: -2 }, lufs: -14.3 }, goal)!;
    expect(otherLimit.gainDb).toBeCloseTo(14 + 0.3 / 0.3, 6);
    // A secant that says louder for less gain (noise in a nearly flat curve) is clamped to 0.15 dB per dB.
    const flat = nextSetting({ gainDb: 14, limitDb: -2 }, loud(-14.3), { setting: { gainDb: 13, limitDb: -2 }, lufs: -14.2 }, goal)!;
    expect(flat.gainDb).toBeCloseTo(14 + 0.3 / 0.15, 6);
  });

  it('adds the limiter when plain gain overshoots the peak goal, and lowers an active limit by the overshoot', () => {
    expect(nextSetting({ gainDb: 7, limitDb: undefined }, loud(-14, -0.4), undefined, goal)).toEqual({ gainDb: 7, limitDb: -2 });
    const lowered = nextSetting({ gainDb: 14, limitDb: -2 }, loud(-14, -0.7), undefined, goal)!;
    expect(lowered.limitDb).toBeCloseTo(-2 - 0.3 - 0.1, 6);
  });
});

describe('parseMeterLog (ebur128 loudness + astats true peak)', () => {
  const summary = (i: string) => `[Parsed_ebur128_3 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         ${i} LUFS\n    Threshold: -24.1 LUFS\n\n  Loudness range:\n    LRA:         6.2 LU\n`;
  it('reads the loudness from ebur128 and the peak from astats, rounded to tenths like ebur128', () => {
    const log = `${summary('-14.2')}[Parsed_astats_6 @ 0x2] Overall\n[Parsed_astats_6 @ 0x2] Peak level dB: -1.444647\n`;
    expect(parseMeterLog(log)).toEqual({ integratedLufs: -14.2, truePeakDbtp: -1.4, rangeLu: 6.2 });
  });

  it('reads digital silence, and fails without a summary or a peak', () => {
    expect(parseAstatsPeak('[Parsed_astats_1 @ 0x2] Peak level dB: -inf\n')).toBe(-Infinity);
    expect(() => parseMeterLog(summary('-70.0'))).toThrow(/summary/);
    expect(() => parseMeterLog('[Parsed_astats_1 @ 0x2] Peak level dB: -3.0\n')).toThrow(/summary/);
  });
});

/** Normalises, then checks the result against measureLoudness (ebur128's own true peak) of the written file. */
async function expectNormalised(tools: MediaTools, name: string, pcm: Int16Array): Promise<{ excerptSec: number }> {
  const input = join(dir, `${name}.wav`);
  await writeWav(input, { pcm, sampleRate: 48_000, channels: 1 });
  const out = join(dir, `${name}-norm.wav`);
  const result = await normalizeLoudness(input, out, { tools });
  const measured = await measureLoudness(out, { tools });
  expect(Math.abs(measured.integratedLufs + 14)).toBeLessThanOrEqual(1);
  expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
  // The meter's true peak (astats on a 4× resampling, or ebur128's where astats cannot) is ebur128's figure.
  expect(measured).toMatchObject({ integratedLufs: result.after.integratedLufs, truePeakDbtp: result.after.truePeakDbtp });
  expect(await leftovers(dir)).toEqual([]);
  return result;
}

describe.each(await toolSets())('normalizeLoudness on long inputs ($name ffmpeg)', ({ name, tools }) => {
  const rate = 48_000;
  it('searches a 100 s narration on its excerpt', async () => {
    const pcm = new Int16Array(100 * rate);
    for (let at = 0; at + 3.2 < 100; at += 4) pcm.set(speechLike(3.2, rate, 2500), Math.round(at * rate));
    expect((await expectNormalised(tools, `long-${name}`, pcm)).excerptSec).toBeLessThan(50);
  });

  it('measures and searches the whole input when its excerpt misses the only speech, instead of taking it for silence', async () => {
    // 100 s: the excerpt takes 1.875 s every 4.17 s; one 1.7 s utterance sits in the gap after the chunk at 29.2 s.
    const pcm = new Int16Array(100 * rate);
    pcm.set(speechLike(1.7, rate, 3000), Math.round(31.3 * rate));
    expect((await expectNormalised(tools, `sparse-${name}`, pcm)).excerptSec).toBe(100); // the whole input
  });
});
