import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { measureLoudness, normalizeLoudness, parseEbur128Summary } from '../../src/media/loudness.ts';
import { writeWav } from '../../src/media/wav.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { leftovers, tempDir } from './helpers.ts';
import { speechLike, tone } from './synth.ts';

const ESPEAK = '/usr/bin/espeak-ng';
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

const TEXT = 'Welcome to this short lesson about event loops. Today we will learn how JavaScript schedules its work. '
  + 'Microtasks run before the next macrotask, and timers wait for the call stack to empty.';

async function expectNormalised(input: string, name: string): Promise<void> {
  const tools = await findFfmpeg();
  const out = join(dir, `${name}-norm.wav`);
  const result = await normalizeLoudness(input, out, { tools });
  const measured = await measureLoudness(out, { tools });
  console.info(`[loudness] ${name}: ${result.before.integratedLufs} LUFS / ${result.before.samplePeakDbfs} dBFS sample peak → ${measured.integratedLufs} LUFS / ${measured.truePeakDbtp} dBTP (gain ${result.gainDb.toFixed(2)} dB, limited ${result.limited}, ${result.passes} passes)`);
  expect(Math.abs(measured.integratedLufs + 14)).toBeLessThanOrEqual(1);
  expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
  expect((await probe(out, { tools })).streams[0]).toMatchObject({ codec: 'pcm_s16le', sampleRate: 48000 });
  expect(await leftovers(dir)).toEqual([]);
}

describe('loudness', () => {
  it('parses the ebur128 summary, including silence', () => {
    const log = '[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -70.0 LUFS\n    Threshold:   0.0 LUFS\n\n'
      + '  Loudness range:\n    LRA:         0.0 LU\n\n  True peak:\n    Peak:       -inf dBFS\n';
    expect(parseEbur128Summary(log)).toEqual({ integratedLufs: -70, truePeakDbtp: -Infinity, rangeLu: 0 });
  });

  it('normalises a quiet synthesized speech-like signal to −14 LUFS, TP ≤ −1', async () => {
    const file = join(dir, 'synth.wav');
    await writeWav(file, { pcm: speechLike(12, 22050, 3000), sampleRate: 22050, channels: 1 });
    await expectNormalised(file, 'synthetic');
  });

  it('normalises a peaky synthesized signal that needs the limiter', async () => {
    const file = join(dir, 'peaky.wav');
    const pcm = speechLike(12, 24000, 2500);
    for (let i = 0; i < pcm.length; i += 4800) pcm[i] = 32000; // clicks: peaks far above the speech level
    await writeWav(file, { pcm, sampleRate: 24000, channels: 1 });
    await expectNormalised(file, 'peaky');
  });

  it('uses plain gain (one pass, no limiter) when the peaks allow it', async () => {
    const file = join(dir, 'tone.wav');
    await writeWav(file, { pcm: tone(440, 5, 48000, 2000), sampleRate: 48000, channels: 1 });
    const result = await normalizeLoudness(file, join(dir, 'tone-norm.wav'));
    expect(result).toMatchObject({ limited: false, passes: 1 });
    expect(Math.abs(result.after.integratedLufs + 14)).toBeLessThanOrEqual(0.3);
  });

  it.skipIf(!existsSync(ESPEAK))('normalises espeak-ng speech to −14 LUFS, TP ≤ −1', async () => {
    const file = join(dir, 'espeak.wav');
    await promisify(execFile)(ESPEAK, ['-v', 'en-us', '-s', '160', '-w', file, TEXT]);
    await expectNormalised(file, 'espeak-ng');
  });

  it('leaves silence alone instead of boosting noise', async () => {
    const file = join(dir, 'silence.wav');
    await writeWav(file, { pcm: new Int16Array(48000), sampleRate: 48000, channels: 1 });
    const result = await normalizeLoudness(file, join(dir, 'silence-norm.wav'));
    expect(result.gainDb).toBe(0);
    expect(result.after.integratedLufs).toBeLessThanOrEqual(-60);
  });
});
