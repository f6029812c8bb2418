import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { measureLoudness, normalizeLoudness } from '../../src/media/loudness.ts';
import { writeNarrationTrack } from '../../src/media/narration-track.ts';
import { decodeWav } from '../../src/media/wav.ts';
import { resampleInt16 } from '../../src/audio/resample.ts';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { runTool } from '../../src/media/process.ts';
import { encodeAudioTrack } from '../../src/media/mux.ts';
import { leftovers, tempDir } from './helpers.ts';
import { speechLike } from './synth.ts';

/**
 * Long tracks take the fast path (gain and limit searched on an excerpt, one full render measured in the same run);
 * it must meet the same bar as the short-track path: −14 LUFS ± 1 LU, true peak ≤ −1 dBTP, exact length.
 */
const ESPEAK = '/usr/bin/espeak-ng';
const RATE = 48_000;
const SENTENCES = [
  'How does the event loop work?', 'Here is what you will learn today.', 'A first example prints four letters.',
  'The call stack runs one thing at a time.', 'Never block the event loop with heavy work.', 'There are two kinds of queue.',
  'So this is the order of the output.', 'Timers are not immediate, they wait for the stack.', 'Which one logs first?',
];
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

/** A narration laid out like the timeline does: one sentence every `slotSec`, silence between, at 48 kHz. */
async function narrationTrack(name: string, clips: Int16Array[], seconds: number, slotSec: number): Promise<{ path: string; samples: number }> {
  const path = join(dir, `${name}.wav`);
  const samples = seconds * RATE;
  const placed = Array.from({ length: Math.floor(seconds / slotSec) }, (_, i) => ({ pcm: clips[i % clips.length]!, at: Math.round((i * slotSec + 0.3) * RATE) }));
  expect(await writeNarrationTrack(path, placed, samples, RATE)).toEqual([]);
  return { path, samples };
}

async function expectNormalisedLong(input: string, samples: number, name: string): Promise<void> {
  const tools = await findFfmpeg();
  const wav = join(dir, `${name}-norm.wav`);
  const result = await normalizeLoudness(input, wav, { tools });
  const measured = await measureLoudness(wav, { tools });
  console.info(`[loudness-long] ${name}: ${result.before.integratedLufs} LUFS → ${measured.integratedLufs} LUFS / ${measured.truePeakDbtp} dBTP (gain ${result.gainDb.toFixed(2)} dB, limited ${result.limited}, ${result.passes} full passes, excerpt ${result.excerptSec.toFixed(1)} s)`);
  expect(result.excerptSec).toBeLessThan(samples / RATE / 2); // the excerpt path, not the whole track
  expect(Math.abs(measured.integratedLufs + 14)).toBeLessThanOrEqual(1);
  expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
  expect(measured).toMatchObject({ integratedLufs: result.after.integratedLufs, truePeakDbtp: result.after.truePeakDbtp });
  const stream = (await probe(wav, { tools })).streams[0];
  expect(stream).toMatchObject({ codec: 'pcm_s16le', sampleRate: RATE });
  expect(decodeWav(await readFile(wav)).pcm.length).toBe(samples);
  expect(await leftovers(dir)).toEqual([]);
}

describe('loudness on long narration (excerpt search, one measured full render)', () => {
  it.skipIf(!existsSync(ESPEAK))('normalises 150 s of espeak-ng narration to −14 LUFS, TP ≤ −1, exact length', async () => {
    const clips: Int16Array[] = [];
    for (const [i, text] of SENTENCES.entries()) {
      const file = join(dir, `s${i}.wav`);
      await promisify(execFile)(ESPEAK, ['-v', 'en-us', '-s', '160', '-w', file, text]);
      const speech = decodeWav(await readFile(file));
      clips.push(resampleInt16(speech.pcm, speech.sampleRate, RATE));
    }
    const { path, samples } = await narrationTrack('espeak-long', clips, 150, 5);
    await expectNormalisedLong(path, samples, 'espeak-ng 150 s');
  });

  it('normalises 130 s of a synthesized speech-like narration with clicks (needs the limiter)', async () => {
    const clip = speechLike(3.2, RATE, 2500);
    for (let i = 0; i < clip.length; i += 9600) clip[i] = 30000;
    const { path, samples } = await narrationTrack('synth-long', [clip], 130, 4.5);
    await expectNormalisedLong(path, samples, 'synthetic 130 s');
  });

  it('writes the final AAC soundtrack in the same pass: the same length as the separate encode, −14 LUFS, TP ≤ −1 on the decoded file', async () => {
    const tools = await findFfmpeg();
    const { path, samples } = await narrationTrack('aac-long', [speechLike(2.5, RATE, 3000)], 100, 4);
    const m4a = join(dir, 'aac-long.m4a');
    const encoding = { filter: `apad=whole_len=${samples + 1000},atrim=end_sample=${samples + 1000}`, args: ['-c:a', 'aac', '-b:a', '192k', '-ar', String(RATE), '-ac', '2', '-f', 'mp4'] };
    const result = await normalizeLoudness(path, m4a, { tools, encoding });
    expect(result.excerptSec).toBeLessThan(50);
    expect((await probe(m4a, { tools })).streams[0]).toMatchObject({ codec: 'aac', sampleRate: RATE, channels: 2 });
    // The same length, to the sample, as the separate encode (mux.ts encodeAudioTrack) writes for that sample count.
    const separate = join(dir, 'aac-separate.m4a');
    await encodeAudioTrack(path, separate, samples + 1000, { tools });
    const durationTs = async (file: string) => Number((await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=duration_ts', '-of', 'csv=p=0', file])).stdout.toString().trim());
    expect(await durationTs(m4a)).toBe(await durationTs(separate));
    expect(Math.abs((await durationTs(m4a)) - (samples + 1000))).toBeLessThan(1024);
    const decoded = await measureLoudness(m4a, { tools });
    expect(Math.abs(decoded.integratedLufs + 14)).toBeLessThanOrEqual(1);
    expect(decoded.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(await leftovers(dir)).toEqual([]);
  });
});
