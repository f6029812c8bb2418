import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadImage } from '@napi-rs/canvas';
import { renderVideo, type RenderResult } from '../../src/pipeline/render-video.ts';
import { probe, measureLoudness } from '../../src/media/index.ts';
import { decodeAudio, onsetAfter, parseCues, readJson, spec, tempDir, testConfig } from './helpers.ts';

interface Manifest {
  video: { fps: number; frames: number; seconds: number };
  scenes: { id: string; startFrame: number; endFrame: number; narrationStart: number }[];
  specHash: string;
  tools: { ffmpeg: string };
  timingsMs: Record<string, number>;
}

const video = spec({
  id: 'render-test',
  title: 'Rendering Test Video',
  voice: 'male',
  scenes: [
    { id: 'intro', kind: 'title', title: 'Rendering test', subtitle: 'Every output checked', narration: 'This video checks every output. It has four scenes.' },
    { id: 'points', kind: 'list', title: 'What we check', items: ['Frame counts', 'Audio sync', 'Captions'], transition: 'slide' },
    { id: 'code', kind: 'code', language: 'typescript', code: 'const fps = 30;\nconsole.log(fps);', narration: 'Thirty frames per second, exactly.', transition: 'wipe' },
    { id: 'bye', kind: 'outro', title: 'Done', narration: 'That is all.' },
  ],
});

describe('videogen render: a finished, narrated, captioned MP4', () => {
  let out: string;
  let result: RenderResult;
  let manifest: Manifest;
  beforeAll(async () => {
    out = tempDir('render');
    result = await renderVideo(video, { outputDir: out, preset: 'draft', config: testConfig() });
    manifest = readJson<Manifest>(join(out, 'manifest.json'));
  }, 120_000);

  it('writes every output file', () => {
    for (const name of ['video.mp4', 'captions.en.srt', 'captions.en.vtt', 'thumbnail.png', 'chapters.txt', 'manifest.json']) expect(existsSync(join(out, name)), name).toBe(true);
    expect(existsSync(join(out, '.work'))).toBe(false);
  });

  it('has exactly the spec fps and Σ scene frames, with audio and video within one frame', async () => {
    const info = await probe(join(out, 'video.mp4'), { countFrames: true });
    const v = info.streams.find((s) => s.type === 'video')!;
    const a = info.streams.find((s) => s.type === 'audio')!;
    expect(v.fpsRational).toBe('30/1');
    expect(v.codec).toBe('h264');
    expect(v.profile).toBe('High');
    expect(v.pixFmt).toBe('yuv420p');
    expect([v.width, v.height]).toEqual([1280, 720]);
    const sum = manifest.scenes.reduce((n, s) => n + (s.endFrame - s.startFrame), 0);
    expect(v.frames).toBe(sum);
    expect(manifest.video.frames).toBe(sum);
    expect(result.totalFrames).toBe(sum);
    expect(a.codec).toBe('aac');
    expect(a.sampleRate).toBe(48000);
    expect(a.channels).toBe(2);
    expect(Math.abs(a.durationSec! - v.durationSec!)).toBeLessThan(1 / 30);
    expect(info.streams.some((s) => s.type === 'subtitle' && s.codec === 'mov_text')).toBe(true);
  });

  it('puts the moov atom first (faststart)', () => {
    const head = readFileSync(join(out, 'video.mp4')).subarray(0, 4096).toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(0);
    const mdat = head.indexOf('mdat');
    expect(mdat === -1 || head.indexOf('moov') < mdat).toBe(true);
  });

  it('starts each scene’s narration within one frame of its planned onset', async () => {
    const pcm = await decodeAudio(join(out, 'video.mp4'));
    for (const scene of manifest.scenes) {
      const planned = Math.round(scene.narrationStart * 48000);
      const onset = onsetAfter(pcm, planned - 4800);
      expect(Math.abs(onset - planned) / 48000, scene.id).toBeLessThanOrEqual(1 / 30);
    }
  });

  it('captions parse, respect the line limits, and start at sentence onsets', async () => {
    const srt = parseCues(readFileSync(join(out, 'captions.en.srt'), 'utf8'));
    const vtt = parseCues(readFileSync(join(out, 'captions.en.vtt'), 'utf8'));
    expect(readFileSync(join(out, 'captions.en.vtt'), 'utf8').startsWith('WEBVTT')).toBe(true);
    expect(srt.length).toBe(vtt.length);
    expect(srt.length).toBeGreaterThanOrEqual(5);
    for (const cue of srt) {
      const lines = cue.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(42);
    }
    // The first cue of each scene starts on that scene's narration onset.
    for (const scene of manifest.scenes) {
      const cue = srt.find((c) => c.start >= scene.narrationStart - 0.001);
      expect(Math.abs(cue!.start - scene.narrationStart)).toBeLessThanOrEqual(1 / 30);
    }
    // …and every cue starts where speech is heard.
    const pcm = await decodeAudio(join(out, 'video.mp4'));
    for (const cue of srt) {
      const onset = onsetAfter(pcm, Math.round(cue.start * 48000) - 2400) / 48000;
      expect(Math.abs(onset - cue.start), cue.text).toBeLessThanOrEqual(1 / 30);
    }
  });

  it('is loudness-normalised to −14 LUFS with true peak ≤ −1 dBTP', async () => {
    const loud = await measureLoudness(join(out, 'video.mp4'));
    expect(loud.integratedLufs).toBeGreaterThanOrEqual(-15);
    expect(loud.integratedLufs).toBeLessThanOrEqual(-13);
    expect(loud.truePeakDbtp).toBeLessThanOrEqual(-0.9);
  });

  it('writes a 1280×720 thumbnail, chapters from 0:00 and a manifest', async () => {
    const img = await loadImage(readFileSync(join(out, 'thumbnail.png')));
    expect([img.width, img.height]).toEqual([1280, 720]);
    expect(readFileSync(join(out, 'chapters.txt'), 'utf8')).toMatch(/^0:00 Rendering test/);
    expect(manifest.specHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(manifest.timingsMs)).toEqual(expect.arrayContaining(['layout', 'voice', 'render', 'audio', 'mux']));
    expect(statSync(join(out, 'video.mp4')).size).toBeGreaterThan(10_000);
  });
});
