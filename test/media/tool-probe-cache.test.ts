import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedProbe, type ProbedTools } from '../../src/media/tool-probe-cache.ts';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { npmFfmpegPath } from './helpers.ts';

const answer: ProbedTools = { version: '5.1.9', ffprobeVersion: '5.1.9', capabilities: { libx264: true, aac: true, xfade: true, loudnorm: true, ebur128: true, movText: true } };

/** Two stand-in binaries (only their identity matters here) and a cache directory. */
function setup(): { dir: string; ffmpeg: string; ffprobe: string } {
  const dir = mkdtempSync(join(tmpdir(), 'videogen-probe-'));
  const [ffmpeg, ffprobe] = [join(dir, 'ffmpeg'), join(dir, 'ffprobe')];
  writeFileSync(ffmpeg, 'one build');
  writeFileSync(ffprobe, 'one build');
  return { dir: join(dir, 'cache'), ffmpeg, ffprobe };
}

describe('the recorded answers of ffmpeg and ffprobe', () => {
  it('asks once per pair of binaries and reads the record afterwards', async () => {
    const { dir, ffmpeg, ffprobe } = setup();
    let asked = 0;
    const probe = async () => (asked++, answer);
    expect(await cachedProbe(dir, ffmpeg, ffprobe, probe)).toEqual(answer);
    expect(await cachedProbe(dir, ffmpeg, ffprobe, probe)).toEqual(answer);
    expect(asked).toBe(1);
  });

  it('asks again when a binary is replaced or touched, and when the record is malformed', async () => {
    const { dir, ffmpeg, ffprobe } = setup();
    let asked = 0;
    const probe = async () => (asked++, { ...answer, version: `build ${asked}` });
    await cachedProbe(dir, ffmpeg, ffprobe, probe);
    writeFileSync(ffmpeg, 'an upgraded build');
    expect((await cachedProbe(dir, ffmpeg, ffprobe, probe)).version).toBe('build 2');
    utimesSync(ffprobe, new Date(), new Date(Date.now() + 5000));
    expect((await cachedProbe(dir, ffmpeg, ffprobe, probe)).version).toBe('build 3');
    copyFileSync(ffmpeg, `${ffmpeg}.new`);
    expect((await cachedProbe(dir, `${ffmpeg}.new`, ffprobe, probe)).version).toBe('build 4');
    // A damaged record is asked again and rewritten.
    const records = readdirSync(join(dir, 'tools'));
    for (const r of records) writeFileSync(join(dir, 'tools', r), '{"version": 5}');
    expect((await cachedProbe(dir, ffmpeg, ffprobe, probe)).version).toBe('build 5');
    expect((await cachedProbe(dir, ffmpeg, ffprobe, probe)).version).toBe('build 5');
    expect(asked).toBe(5);
  });

  it('findFfmpeg with a cache directory records what the real binaries said, the same as asking them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'videogen-probe-real-'));
    const recorded = await findFfmpeg({ ffmpegPath: npmFfmpegPath(), cacheDir: dir });
    const asked = await findFfmpeg({ ffmpegPath: npmFfmpegPath() });
    expect(recorded).toEqual(asked);
    const [file] = readdirSync(join(dir, 'tools'));
    expect(JSON.parse(readFileSync(join(dir, 'tools', file!), 'utf8'))).toEqual({ version: asked.version, ffprobeVersion: asked.ffprobeVersion, capabilities: asked.capabilities });
  });
});
