import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { audioKeyOf, buildAudioTrack, type AudioBed, type AudioStageInput } from '../../src/pipeline/audio-stage.ts';
import { ArtifactCache, contentHash } from '../../src/pipeline/artifact-cache.ts';
import type { RenderEvent } from '../../src/pipeline/events.ts';
import { measureLoudness } from '../../src/media/loudness.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { mixSoundtrack, loopPlan, soundtrackArgs } from '../../src/media/music-mix.ts';
import { writeDuckKey } from '../../src/media/duck-key.ts';
import { writeWav } from '../../src/media/wav.ts';
import { runTool } from '../../src/media/process.ts';
import type { MediaTools } from '../../src/media/ffmpeg-path.ts';
import { decodeAudio, tempDir, toolSets } from './helpers.ts';
import { MUSIC_SECONDS, PROBE_HZ, decodeFloat, makeClipWithSound, makeMusic, spokenVideo, toneLevelDb, type SpokenVideo } from './music-fixtures.ts';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await tempDir()));
afterAll(() => cleanup());

const RATE = 48000;

async function soundtrack(tools: MediaTools, name: string, video: SpokenVideo, extra: Pick<AudioStageInput, 'beds'> & Partial<Pick<AudioStageInput, 'music'>>): Promise<{ file: string; warnings: string[] }> {
  const work = join(dir, `work-${name}`);
  await mkdir(work, { recursive: true });
  const warnings: string[] = [];
  const input: AudioStageInput = {
    ...video,
    tools,
    artifacts: new ArtifactCache(join(dir, `cache-${name}`)),
    work,
    emit: (e: RenderEvent) => void (e.type === 'warning' && warnings.push(e.message)),
    ...extra,
  };
  return { file: await buildAudioTrack(input, audioKeyOf(input)), warnings };
}

/**
 * The longest part of [from, to) away from the loop seams: across a crossfade the probe tone's two copies add with
 * shifted phases, so its level there says nothing about ducking.
 */
function awayFromSeams(from: number, to: number, totalSamples: number): [number, number] {
  const plan = loopPlan(Math.round(MUSIC_SECONDS * RATE), totalSamples);
  const seams = Array.from({ length: plan.copies - 1 }, (_, k) => (k + 1) * (plan.copySamples - plan.crossfadeSamples)).map((s) => [s, s + plan.crossfadeSamples] as const);
  let parts: [number, number][] = [[from, to]];
  for (const [a, b] of seams) {
    parts = parts.flatMap(([x, y]): [number, number][] => {
      if (b <= x || a >= y) return [[x, y]];
      const pieces: [number, number][] = [[x, Math.min(a, y)], [Math.max(b, x), y]];
      return pieces.filter(([p, q]) => q - p > 0);
    });
  }
  return parts.reduce((best, p) => (p[1] - p[0] > best[1] - best[0] ? p : best));
}

/** Speech in the middle of every clip (away from the ramps and the seams), as [from, to) sample windows. */
function underSpeech(video: SpokenVideo): [number, number][] {
  return video.plan.clips.map((c) => awayFromSeams(c.offset + Math.round(0.6 * RATE), c.offset + c.length - Math.round(0.4 * RATE), video.plan.totalSamples));
}

describe.each(await toolSets())('music under the narration ($name ffmpeg)', ({ name, tools }) => {
  // silent intro (fade-in alone) · two sentences then 6 s of music alone · one sentence · silent outro (fade-out alone)
  const video = spokenVideo([
    { sentences: [], minDuration: 4 },
    { sentences: [3, 3], minDuration: 12 },
    { sentences: [3], minDuration: 4 },
    { sentences: [], minDuration: 5 },
  ]);
  const S = video.plan.totalSamples;
  let pcm: Int16Array = new Int16Array(0);
  let file = '';

  beforeAll(async () => {
    const music = await makeMusic(tools, dir);
    const made = await soundtrack(tools, `music-${name}`, video, { music: { path: music, volume: -20, duck: 15 }, beds: [] });
    expect(made.warnings).toEqual([]);
    file = made.file;
    pcm = await decodeAudio(tools, file);
  });

  it('is exactly totalSamples long, stereo 48 kHz AAC', async () => {
    // The mix is sample-exact; the AAC adds at most its last frame's padding (encodeAudioTrack's, as for narration).
    expect((await probe(join(dir, `work-music-${name}`, 'soundtrack-mix.wav'), { tools })).streams[0]).toMatchObject({ channels: 2, sampleRate: 48000 });
    expect((await decodeAudio(tools, join(dir, `work-music-${name}`, 'soundtrack-mix.wav'))).length).toBe(S);
    expect(pcm.length).toBeGreaterThanOrEqual(S);
    expect(pcm.length).toBeLessThanOrEqual(Math.ceil(S / 1024) * 1024);
    const info = await probe(file, { tools });
    expect(info.streams[0]).toMatchObject({ type: 'audio', codec: 'aac', sampleRate: 48000, channels: 2 });
  });

  it('mixes to −14 LUFS ±1 with true peak ≤ −1 dBTP', async () => {
    const loud = await measureLoudness(file, { tools });
    console.info(`[music ${name}] mix ${loud.integratedLufs} LUFS, ${loud.truePeakDbtp} dBTP, LRA ${loud.rangeLu} LU`);
    expect(Math.abs(loud.integratedLufs + 14)).toBeLessThanOrEqual(1);
    expect(loud.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('ducks the music 12–18 dB (the spec’s 15 ±2) under speech, and it comes back between sentences', () => {
    const scene1 = video.plan.scenes[1]!;
    const lastClip = video.plan.clips.filter((c) => c.scene === 1).at(-1)!;
    const aloneFrom = lastClip.offset + lastClip.length + Math.round(1.0 * RATE);
    const aloneTo = Math.round((scene1.endFrame / 30) * RATE) - Math.round(0.5 * RATE);
    const alone = toneLevelDb(pcm, PROBE_HZ, ...awayFromSeams(aloneFrom, aloneTo, S));
    const depths = underSpeech(video).map(([a, b]) => alone - toneLevelDb(pcm, PROBE_HZ, a, b));
    console.info(`[music ${name}] ${PROBE_HZ} Hz band: alone ${alone.toFixed(1)} dB; ducked by ${depths.map((d) => d.toFixed(2)).join(', ')} dB under speech`);
    for (const depth of depths) {
      expect(depth).toBeGreaterThanOrEqual(13);
      expect(depth).toBeLessThanOrEqual(17);
    }
  });

  it('sets the music alone near −20 LUFS where nobody speaks', async () => {
    const scene1 = video.plan.scenes[1]!;
    const lastClip = video.plan.clips.filter((c) => c.scene === 1).at(-1)!;
    const start = (lastClip.offset + lastClip.length) / RATE + 1.0;
    const end = scene1.endFrame / 30 - 0.5;
    const alone = await measureLoudness(file, { tools, start, duration: end - start });
    console.info(`[music ${name}] music alone ${start.toFixed(2)}–${end.toFixed(2)} s: ${alone.integratedLufs} LUFS`);
    expect(Math.abs(alone.integratedLufs + 20)).toBeLessThanOrEqual(1.5);
  });

  it('fades in, fades out, and covers the whole length with no hole at a loop seam', () => {
    const level = (fromSec: number, toSec: number) => toneLevelDb(pcm, PROBE_HZ, Math.round(fromSec * RATE), Math.round(toSec * RATE));
    const end = S / RATE;
    const full = level(2, 3.5);
    expect(full - level(0, 0.2)).toBeGreaterThan(10);
    expect(full - level(end - 0.2, end)).toBeGreaterThan(10);
    // Every 0.25 s between the fades holds the music, ducked at most: the loop never leaves a gap.
    for (let t = 1.5; t + 0.25 < end - 2.5; t += 0.25) expect(level(t, t + 0.25), `at ${t} s`).toBeGreaterThan(full - 25);
  });
});

describe.each(await toolSets())('music loop seams ($name ffmpeg)', ({ name, tools }) => {
  it('crossfades at every loop point: no click (the plain loop clicks)', async () => {
    const music = await makeMusic(tools, dir);
    const S = 20 * RATE;
    const voice = join(dir, `silence-${name}.wav`);
    await writeWav(voice, { pcm: new Int16Array(S), sampleRate: RATE, channels: 1 });
    const key = join(dir, `key-${name}.wav`);
    await writeDuckKey(key, [], S, RATE, 15);
    const out = join(dir, `loop-${name}.wav`);
    const durationSec = (await probe(music, { tools })).durationSec;
    const graph = await mixSoundtrack({ voice, key, totalSamples: S, beds: [], music: { path: music, gainDb: 0, durationSec } }, out, { tools });
    expect(loopPlan(Math.round(durationSec * RATE), S).copies).toBe(4);
    expect(graph).toContain('acrossfade');
    const mixed = await decodeFloat(tools, out, 1);
    expect(mixed.length).toBe(S);
    const naive = join(dir, `naive-${name}.wav`);
    await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-stream_loop', '3', '-i', music, '-t', '20', '-ac', '1', '-c:a', 'pcm_f32le', '-f', 'wav', naive]);
    // A click is a spike in the second difference; smooth music has none larger than the track's own.
    const spike = (x: Float32Array, from: number, to: number) => {
      let max = 0;
      for (let i = Math.max(1, from); i < Math.min(x.length - 1, to); i++) max = Math.max(max, Math.abs(x[i + 1]! - 2 * x[i]! + x[i - 1]!));
      return max;
    };
    const source = await decodeFloat(tools, music, 1);
    const own = spike(source, 2400, source.length - 2400); // the track's own edges are the codec's, not the music's
    const fadeIn = 1.5 * RATE;
    const fadeOut = S - 2.5 * RATE;
    const looped = spike(mixed, fadeIn, fadeOut);
    const plain = spike(await decodeFloat(tools, naive, 1), RATE, 19 * RATE);
    console.info(`[loop ${name}] second-difference peak: track ${own.toFixed(4)}, crossfaded loop ${looped.toFixed(4)}, plain loop at the seam ${plain.toFixed(4)}`);
    expect(looped).toBeLessThan(own * 1.5);
    expect(plain).toBeGreaterThan(own * 3);
  });
});

describe.each(await toolSets())('footage sound ($name ffmpeg)', ({ name, tools }) => {
  it('places a bed at its second, loops it to its length, and ducks it', async () => {
    const video = spokenVideo([
      { sentences: [], minDuration: 3 },
      { sentences: [], minDuration: 4 },
      { sentences: [2], minDuration: 3 },
    ]);
    const clip = await makeClipWithSound(tools, dir, 4);
    const scene = video.plan.scenes[1]!;
    const bed: AudioBed = { path: clip, at: scene.startFrame / 30, duration: scene.frames / 30, sourceStart: 0.5, loop: true };
    const speechBed: AudioBed = { path: clip, at: video.plan.scenes[2]!.startFrame / 30, duration: video.plan.scenes[2]!.frames / 30, sourceStart: 0, loop: true };
    const { file, warnings } = await soundtrack(tools, `bed-${name}`, video, { beds: [bed, speechBed] });
    expect(warnings).toEqual([]);
    const pcm = await decodeAudio(tools, file);
    expect((await decodeAudio(tools, join(dir, `work-bed-${name}`, 'soundtrack-mix.wav'))).length).toBe(video.plan.totalSamples);
    const win = RATE / 100;
    const levels: number[] = [];
    for (let i = 0; i + win <= pcm.length; i += win) levels.push(toneLevelDb(pcm, 2000, i, i + win));
    const peak = Math.max(...levels);
    const onset = levels.findIndex((l) => l > peak - 20) / 100;
    console.info(`[bed ${name}] 2 kHz onset at ${onset.toFixed(2)} s (placed at ${bed.at.toFixed(3)} s), peak ${peak.toFixed(1)} dB`);
    expect(Math.abs(onset - bed.at)).toBeLessThanOrEqual(0.02);
    // Looped: sound all through the scene (the clip from 0.5 s has 3.5 s, the scene 4 s), silence neither before nor inside.
    for (let t = bed.at + 0.1; t < bed.at + bed.duration - 0.1; t += 0.1) expect(levels[Math.round(t * 100)]!, `at ${t.toFixed(1)} s`).toBeGreaterThan(peak - 10);
    expect(Math.max(...levels.slice(0, Math.floor(bed.at * 100) - 2))).toBeLessThan(peak - 40);
    // The second bed plays under speech: ducked like music.
    const clipAt = video.plan.clips[0]!;
    const ducked = toneLevelDb(pcm, 2000, clipAt.offset + RATE / 2, clipAt.offset + clipAt.length - RATE / 4);
    const free = toneLevelDb(pcm, 2000, Math.round((bed.at + 1) * RATE), Math.round((bed.at + 3) * RATE));
    console.info(`[bed ${name}] footage sound ducked by ${(free - ducked).toFixed(2)} dB under speech`);
    expect(free - ducked).toBeGreaterThanOrEqual(13);
    expect(free - ducked).toBeLessThanOrEqual(17);
  });
});

describe.each(await toolSets())('footage sound in a trimmed, looped window ($name ffmpeg)', ({ name, tools }) => {
  it('repeats exactly the window the picture repeats (start 1 s, end 2 s), never the rest of the clip', async () => {
    const video = spokenVideo([{ sentences: [], minDuration: 1 }, { sentences: [], minDuration: 4 }]);
    // 1 kHz in its first second, 2 kHz in the second, 3 kHz in the third.
    const clip = join(dir, `steps-${name}.mp4`);
    await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=30:d=3', '-f', 'lavfi', '-i', 'aevalsrc=0.5*sin(2*PI*1000*(1+floor(t))*t):s=48000:d=3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '160k', '-shortest', clip]);
    const scene = video.plan.scenes[1]!;
    const bed: AudioBed = { path: clip, at: scene.startFrame / 30, duration: scene.frames / 30, sourceStart: 1, sourceEnd: 2, loop: true };
    const { file } = await soundtrack(tools, `window-${name}`, video, { beds: [bed] });
    const pcm = await decodeAudio(tools, file);
    for (let t = bed.at + 0.2; t < bed.at + bed.duration - 0.3; t += 0.5) {
      const from = Math.round(t * RATE);
      const level = (hz: number) => toneLevelDb(pcm, hz, from, from + RATE / 5);
      expect(level(2000) - Math.max(level(1000), level(3000)), `at ${t.toFixed(1)} s`).toBeGreaterThan(20);
    }
  });
});

describe('audio cache key', () => {
  const video = spokenVideo([{ sentences: [1], minDuration: 2 }]);

  it('is the narration-only key of before when there is no music and no footage sound', () => {
    const before = contentHash({ clips: video.plan.clips, voices: video.narration.map((n) => [n.provider, n.voiceId, n.sentences.map((x) => x.text)]), totalSamples: video.plan.totalSamples, target: -14 });
    expect(audioKeyOf({ ...video, beds: [] })).toBe(before);
  });

  it('follows the music file’s content, not its path', async () => {
    const a = join(dir, 'key-a.bin');
    const b = join(dir, 'key-b.bin');
    await writeFile(a, 'the same bytes');
    await copyFile(a, b);
    const c = join(dir, 'key-c.bin');
    await writeFile(c, 'other bytes');
    const key = (path: string, hashes = {}) => audioKeyOf({ ...video, beds: [], music: { path, volume: -20, duck: 15 } }, hashes);
    expect(key(a)).toBe(key(b));
    expect(key(a)).not.toBe(key(c));
    expect(key(a, { music: a })).toBe(key(a)); // a path passed as the "hash" is not trusted
    expect(key(a)).not.toBe(audioKeyOf({ ...video, beds: [] }));
  });

  it('builds one ffmpeg 4.1-compatible graph (no amix, no adelay all)', () => {
    const { graph } = soundtrackArgs({ voice: 'v.wav', key: 'k.wav', totalSamples: 10 * RATE, beds: [{ path: 'c.mp4', gainDb: -3, atSample: RATE, samples: 2 * RATE, sourceStart: 0, loop: false }], music: { path: 'm.mp3', gainDb: -6, durationSec: 4 } }, 'out.wav');
    expect(graph).not.toMatch(/amix|all=|normalize/);
    expect(graph).toContain('sidechaincompress');
  });
});
