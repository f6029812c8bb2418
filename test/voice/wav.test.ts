import { describe, expect, it } from 'vitest';
import { encodeWav, parseWav, pcmFromS16le, resample, rms, to48k } from '../../src/audio/wav.ts';
import { tone } from './helpers.ts';

function floatWav(samples: Float32Array, sampleRate: number, channels: number): Uint8Array {
  const out = new Uint8Array(44 + samples.length * 4);
  const v = new DataView(out.buffer);
  const tag = (at: number, s: string) => [...s].forEach((c, i) => { out[at + i] = c.charCodeAt(0); });
  tag(0, 'RIFF'); v.setUint32(4, 36 + samples.length * 4, true); tag(8, 'WAVE');
  tag(12, 'fmt '); v.setUint32(16, 16, true); v.setUint16(20, 3, true); v.setUint16(22, channels, true);
  v.setUint32(24, sampleRate, true); v.setUint32(28, sampleRate * 4 * channels, true); v.setUint16(32, 4 * channels, true); v.setUint16(34, 32, true);
  tag(36, 'data'); v.setUint32(40, samples.length * 4, true);
  samples.forEach((s, i) => v.setFloat32(44 + i * 4, s, true));
  return out;
}

describe('wav', () => {
  it('round-trips PCM16', () => {
    const pcm = tone(0.25, 22_050);
    const back = parseWav(encodeWav(pcm, 22_050));
    expect(back.sampleRate).toBe(22_050);
    expect(Array.from(back.pcm)).toEqual(Array.from(pcm));
  });

  it('reads float32 stereo by averaging channels', () => {
    const parsed = parseWav(floatWav(new Float32Array([0.5, 0.5, -0.5, 0.25, 1, 1]), 48_000, 2));
    expect(parsed.sampleRate).toBe(48_000);
    expect(Array.from(parsed.pcm)).toEqual([16384, -4096, 32767]);
  });

  it('tolerates streamed WAVs whose sizes are placeholders', () => {
    const wav = encodeWav(tone(0.1, 16_000), 16_000);
    new DataView(wav.buffer).setUint32(40, 0xffffffff, true);
    expect(parseWav(wav).pcm.length).toBe(1600);
  });

  it('rejects non-WAV data', () => {
    expect(() => parseWav(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toThrow(/RIFF/);
  });

  it('decodes raw s16le', () => {
    expect(Array.from(pcmFromS16le(new Uint8Array([0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 7])))).toEqual([1, -1, -32768]);
  });

  it('resamples to 48 kHz keeping length, level and pitch', () => {
    const src = tone(1, 24_000);
    const { pcm, sampleRate } = to48k({ pcm: src, sampleRate: 24_000 });
    expect(sampleRate).toBe(48_000);
    expect(pcm.length).toBe(48_000);
    expect(rms(pcm)).toBeCloseTo(rms(src), 2);
    // Zero crossings per second stay ~880 (440 Hz), so the pitch is unchanged.
    let crossings = 0;
    for (let i = 1; i < pcm.length; i++) if ((pcm[i - 1]! < 0) !== (pcm[i]! < 0)) crossings++;
    expect(crossings).toBeGreaterThan(870);
    expect(crossings).toBeLessThan(890);
    // Every other output sample lands exactly on a source sample; a Lanczos kernel reproduces it (up to rounding).
    expect(Math.abs(pcm[2_000]! - src[1_000]!)).toBeLessThanOrEqual(1);
  });

  it('downsampling keeps a DC level exactly and 22.05 kHz → 48 kHz has the right length', () => {
    const dc = new Int16Array(4_800).fill(1_000);
    expect(Array.from(resample(dc, 48_000, 16_000)).every((s) => s === 1_000)).toBe(true);
    expect(resample(tone(1, 22_050), 22_050, 48_000).length).toBe(48_000);
  });
});
