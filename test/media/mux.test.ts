import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FrameEncoder } from '../../src/media/encoder.ts';
import { assembleNarration, frameToSample } from '../../src/media/audio.ts';
import { writeWav } from '../../src/media/wav.ts';
import { measureLoudness, normalizeLoudness } from '../../src/media/loudness.ts';
import { muxFinal } from '../../src/media/mux.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { iso639_2 } from '../../src/media/language-code.ts';
import { decodeAudio, leftovers, onsets, solidFrame, tempDir } from './helpers.ts';
import { speechLike } from './synth.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

/** Top-level MP4 boxes in file order. */
async function topLevelAtoms(file: string): Promise<string[]> {
  const fh = await open(file);
  const atoms: string[] = [];
  try {
    const { size } = await fh.stat();
    let pos = 0;
    const head = Buffer.alloc(16);
    while (pos + 8 <= size) {
      await fh.read(head, 0, 16, pos);
      let len = head.readUInt32BE(0);
      atoms.push(head.toString('latin1', 4, 8));
      if (len === 1) len = Number(head.readBigUInt64BE(8));
      if (len < 8) break;
      pos += len;
    }
  } finally {
    await fh.close();
  }
  return atoms;
}

const SRT_EN = '1\n00:00:00,300 --> 00:00:02,000\nHello and welcome.\n\n2\n00:00:02,500 --> 00:00:04,800\nLet us begin.\n';
const SRT_ES = '1\n00:00:00,300 --> 00:00:02,000\nHola y bienvenidos.\n\n2\n00:00:02,500 --> 00:00:04,800\nEmpecemos.\n';

describe('muxFinal', () => {
  it('writes h264 + aac + mov_text tracks with languages, faststart, audio as long as the video', async () => {
    const tools = await findFfmpeg();
    const W = 320;
    const H = 180;
    const fps = 30;
    const frames = 150;
    const video = join(dir, 'video.mp4');
    const enc = await FrameEncoder.open({ output: video, width: W, height: H, fps, preset: 'draft', tools });
    await enc.repeatFrame(solidFrame(W, H, [20, 40, 90]), frames);
    await enc.finish();

    const starts = [9, 75];
    const track = assembleNarration(
      starts.map((atFrame) => ({ atFrame, sampleRate: 22050, pcm: speechLike(1.5, 22050, 4000) })),
      { fps, totalFrames: frames },
    );
    const raw = join(dir, 'narration.wav');
    const narration = join(dir, 'narration-norm.wav');
    await writeWav(raw, track);
    await normalizeLoudness(raw, narration, { tools });
    const en = join(dir, 'captions.en.srt');
    const es = join(dir, 'captions.es.srt');
    await writeFile(en, SRT_EN);
    await writeFile(es, SRT_ES);

    const output = join(dir, 'final.mp4');
    const result = await muxFinal({
      video, audio: narration, audioLanguage: 'en', output, tools,
      subtitles: [{ path: en, language: 'en', title: 'English' }, { path: es, language: 'es-419', title: 'Español' }],
    });
    expect(result.warnings).toEqual([]);

    const info = await probe(output, { tools, countFrames: true });
    const [v, a, s1, s2] = info.streams;
    expect(info.streams.map((s) => `${s.type}:${s.codec}`)).toEqual(['video:h264', 'audio:aac', 'subtitle:mov_text', 'subtitle:mov_text']);
    expect(v).toMatchObject({ frames, profile: 'High', fpsRational: '30/1' });
    expect(a).toMatchObject({ sampleRate: 48000, channels: 2, language: 'eng' });
    expect(s1?.language).toBe('eng');
    expect(s2?.language).toBe('spa');
    expect(Math.abs(a!.durationSec! - v!.durationSec!)).toBeLessThan(1 / fps);

    const atoms = await topLevelAtoms(output);
    expect(atoms.indexOf('moov')).toBeGreaterThanOrEqual(0);
    expect(atoms.indexOf('moov')).toBeLessThan(atoms.indexOf('mdat'));

    // Narration onsets survive AAC encoding (its priming delay is compensated by the edit list).
    const decoded = await decodeAudio(tools, output);
    expect(Math.abs(decoded.length - frames * 1600)).toBeLessThan(1600);
    const found = onsets(decoded, 1500, 19_200); // 0.4 s: longer than the word gaps inside a clip
    expect(found).toHaveLength(2);
    found.forEach((at, i) => expect(Math.abs(at - frameToSample(starts[i]!, fps))).toBeLessThan(1600));

    const loud = await measureLoudness(output, { tools });
    console.info(`[mux] final AAC: ${loud.integratedLufs} LUFS, ${loud.truePeakDbtp} dBTP`);
    expect(loud.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(await leftovers(dir)).toEqual([]);
  });

  it('pads short audio to the video length and says so', async () => {
    const tools = await findFfmpeg();
    const video = join(dir, 'video.mp4');
    const short = join(dir, 'short.wav');
    await writeWav(short, { pcm: speechLike(2, 48000), sampleRate: 48000, channels: 1 });
    const output = join(dir, 'padded.mp4');
    const result = await muxFinal({ video, audio: short, output, tools });
    expect(result.warnings.join()).toMatch(/shorter than the video by 3\.000 s/);
    const [v, a] = (await probe(output, { tools })).streams;
    expect(Math.abs(a!.durationSec! - v!.durationSec!)).toBeLessThan(1 / 30);
  });

  it('maps BCP-47 tags to ISO 639-2', () => {
    expect(iso639_2('en')).toBe('eng');
    expect(iso639_2('pt-BR')).toBe('por');
    expect(iso639_2('zh_Hans')).toBe('zho');
    expect(iso639_2('xx')).toBe('und');
  });
});
