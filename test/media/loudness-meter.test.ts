import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { measureLoudness } from '../../src/media/loudness.ts';
import { meterPcm } from '../../src/media/loudness-meter.ts';
import { decodePcm } from '../../src/media/loudness-pcm.ts';
import { renderGainLimited } from '../../src/media/loudness-limiter.ts';
import { writeWav } from '../../src/media/wav.ts';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { runTool } from '../../src/media/process.ts';
import { tempDir } from './helpers.ts';
import { speechLike } from './synth.ts';

/** The in-process meter must agree with ffmpeg's ebur128, which every other measurement in the project uses. */
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

describe('in-process loudness meter', () => {
  it('matches ebur128 within 0.1 LU and 0.2 dB of true peak (mono speech, stereo noise, limited speech)', async () => {
    const tools = await findFfmpeg();
    const speech = join(dir, 'speech.wav');
    await writeWav(speech, { pcm: speechLike(12, 48000, 6000), sampleRate: 48000, channels: 1 });
    const noise = join(dir, 'noise.wav');
    await runTool(tools.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anoisesrc=d=10:c=pink:a=0.3:r=48000', '-ac', '2', '-c:a', 'pcm_f32le', noise]);
    const limited = join(dir, 'limited.wav');
    const pcm = await decodePcm(speech, { tools });
    const out = new Float32Array(pcm.samples.length);
    expect(renderGainLimited(pcm.samples, 1, 48000, { gainDb: 20, limitDb: -2 }, out)).toBe(true);
    expect(out.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThanOrEqual(10 ** (-2 / 20) + 1e-6);
    await writeWav(limited, { pcm: Int16Array.from(out, (v) => Math.round(v * 32767)), sampleRate: 48000, channels: 1 });
    for (const file of [speech, noise, limited]) {
      const decoded = await decodePcm(file, { tools });
      const mine = meterPcm(decoded.samples, decoded.channels);
      const ref = await measureLoudness(file, { tools });
      expect(Math.abs(mine.integratedLufs - ref.integratedLufs), file).toBeLessThanOrEqual(0.1 + 1e-9);
      expect(Math.abs(mine.truePeakDbtp - ref.truePeakDbtp), file).toBeLessThanOrEqual(0.2 + 1e-9);
    }
  });
});
