import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assembleNarration, frameToSample } from '../../src/media/audio.ts';
import { resampleInt16 } from '../../src/audio/resample.ts';
import { decodeWav, encodeWav, writeWav } from '../../src/media/wav.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { decodeAudio, onsets, tempDir } from './helpers.ts';
import { tone } from './synth.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

/** Dominant frequency by counting upward zero crossings (enough for a pure tone). */
function frequency(pcm: Int16Array, rate: number): number {
  let crossings = 0;
  for (let i = 1; i < pcm.length; i++) if (pcm[i - 1]! < 0 && pcm[i]! >= 0) crossings++;
  return (crossings * rate) / pcm.length;
}

describe('frameToSample', () => {
  it('rounds each position independently (no drift)', () => {
    expect(frameToSample(1, 30)).toBe(1600);
    expect(frameToSample(1, '30000/1001')).toBe(1602); // 1601.6
    expect(frameToSample(9000, '30000/1001')).toBe(Math.round((9000 * 48000 * 1001) / 30000));
  });
});

describe('resampleInt16', () => {
  it.each([[22050, 48000], [16000, 48000], [24000, 48000], [96000, 48000]])('%i → %i keeps pitch and length', (from, to) => {
    const input = tone(440, 1, from);
    const out = resampleInt16(input, from, to);
    expect(out.length).toBe(Math.round((input.length * to) / from));
    expect(frequency(out, to)).toBeCloseTo(440, -1);
    const peak = out.slice(1000, -1000).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(11400); // amplitude preserved within ~5 %
    expect(peak).toBeLessThan(12600);
  });

  it('precomputes the weights of each phase for integer rates and gets the samples of the direct computation', () => {
    const input = tone(440, 1, 22050).map((v, i) => v + ((i * 7919) % 2001) - 1000); // a tone with noise
    // A rate a hair off 22050 has no small fraction: each output sample is computed from the kernel table directly.
    const direct = resampleInt16(input, 22050 + 1e-9, 48000);
    const phased = resampleInt16(input, 22050, 48000);
    expect(phased.length).toBe(direct.length);
    const differing = phased.filter((v, i) => v !== direct[i]);
    expect(differing.length).toBeLessThan(phased.length / 1000); // a rounding tie at most, here and there
    expect(Math.max(...phased.map((v, i) => Math.abs(v - direct[i]!)))).toBeLessThanOrEqual(1);
  });
});

describe('WAV', () => {
  it('round-trips through encode/decode and is readable by ffprobe', async () => {
    const pcm = tone(300, 0.25, 22050);
    const bytes = encodeWav({ pcm, sampleRate: 22050, channels: 1 });
    expect(decodeWav(bytes)).toEqual({ pcm, sampleRate: 22050, channels: 1 });
    const file = join(dir, 'tone.wav');
    await writeWav(file, { pcm, sampleRate: 22050, channels: 1 });
    const a = (await probe(file)).streams[0]!;
    expect(a).toMatchObject({ type: 'audio', codec: 'pcm_s16le', sampleRate: 22050, channels: 1 });
  });
});

describe('assembleNarration', () => {
  const fps = 30;
  const totalFrames = 300; // 10 s
  const plan = [
    { atFrame: 9, sampleRate: 22050, seconds: 1.2 },
    { atFrame: 100, sampleRate: 16000, seconds: 2 },
    { atFrame: 211, sampleRate: 48000, seconds: 1 },
  ];
  const clips = plan.map((p, i) => ({ id: `s${i}`, atFrame: p.atFrame, sampleRate: p.sampleRate, pcm: tone(220 + 110 * i, p.seconds, p.sampleRate) }));

  it('has exactly round(frames × 48000 / fps) samples and no warnings', () => {
    const track = assembleNarration(clips, { fps, totalFrames });
    expect(track.pcm.length).toBe(480_000);
    expect(track.sampleRate).toBe(48_000);
    expect(track.warnings).toEqual([]);
  });

  it('places each clip within one frame of its planned onset, measured on the decoded WAV', async () => {
    const track = assembleNarration(clips, { fps, totalFrames });
    const file = join(dir, 'narration.wav');
    await writeWav(file, track);
    const tools = await findFfmpeg();
    const decoded = await decodeAudio(tools, file);
    expect(decoded.length).toBe(480_000);
    const found = onsets(decoded, 2000);
    expect(found).toHaveLength(3);
    found.forEach((sample, i) => expect(Math.abs(sample - frameToSample(plan[i]!.atFrame, fps))).toBeLessThan(48)); // 1 ms: sample-exact placement, far inside the one-frame (1600-sample) budget
    const info = await probe(file);
    expect(info.durationSec).toBeCloseTo(10, 6);
  });

  it('cuts and reports a clip that runs past the end, and reports overlaps', () => {
    const track = assembleNarration(
      [
        { id: 'late', atFrame: 290, sampleRate: 48000, pcm: tone(200, 1, 48000) },
        { id: 'a', atFrame: 0, sampleRate: 48000, pcm: tone(200, 1, 48000) },
        { id: 'b', atFrame: 15, sampleRate: 48000, pcm: tone(200, 1, 48000) },
      ],
      { fps, totalFrames },
    );
    expect(track.pcm.length).toBe(480_000);
    expect(track.warnings.join('\n')).toMatch(/late runs 0\.667 s past the end/);
    expect(track.warnings.join('\n')).toMatch(/b overlaps/);
  });

  it('reads back a real WAV file', async () => {
    const file = join(dir, 'tone.wav');
    const audio = decodeWav(await readFile(file));
    expect(audio.sampleRate).toBe(22050);
  });
});
