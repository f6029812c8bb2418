import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { ffmpegOptionsFrom, findFfmpeg, parseVersion } from '../../src/media/ffmpeg-path.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { encodeWav } from '../../src/media/wav.ts';
import { npmFfmpegPath } from './helpers.ts';

const hasSystem = existsSync('/usr/bin/ffmpeg');

describe('findFfmpeg', () => {
  it('prefers an explicit path and reports its version and capabilities', async () => {
    const tools = await findFfmpeg({ ffmpegPath: npmFfmpegPath() });
    expect(tools.source).toBe('explicit');
    expect(tools.ffmpeg).toBe(npmFfmpegPath());
    expect(tools.capabilities.libx264).toBe(true);
    expect(tools.capabilities.aac).toBe(true);
    expect(tools.capabilities.xfade).toBe(false); // the 2018 static build predates xfade
    expect(tools.version).toMatch(/\S/);
  });

  it.skipIf(!hasSystem)('uses the system binary on PATH before the npm one', async () => {
    const tools = await findFfmpeg({ searchPath: '/usr/local/bin:/usr/bin' });
    expect(tools.source).toBe('system');
    expect(tools.ffmpeg).toBe('/usr/bin/ffmpeg');
    expect(tools.ffprobe).toBe('/usr/bin/ffprobe');
    expect(tools.capabilities).toMatchObject({ libx264: true, xfade: true, loudnorm: true, ebur128: true, movText: true });
    expect(tools.version).toMatch(/^\d+\.\d+/);
  });

  it('falls back to @ffmpeg-installer when nothing is on PATH', async () => {
    const tools = await findFfmpeg({ searchPath: '/nonexistent' });
    expect(tools.source).toBe('npm');
    expect(tools.ffmpeg).toContain('@ffmpeg-installer');
    expect(tools.ffprobe).toContain('@ffprobe-installer');
  });

  it('caches per option set', async () => {
    expect(findFfmpeg({ searchPath: '/nonexistent' })).toBe(findFfmpeg({ searchPath: '/nonexistent' }));
  });

  it('refuses a configured path that does not exist instead of silently using another ffmpeg', async () => {
    await expect(findFfmpeg({ ffmpegPath: '/nope/ffmpeg' })).rejects.toMatchObject({ code: 'FFMPEG_MISSING' });
  });

  it('honours FFPROBE_PATH from the config: discovery picks it, and probing runs it', async () => {
    // A wrapper around a real ffprobe that leaves a trace, so the test sees which binary actually ran.
    const dir = mkdtempSync(join(tmpdir(), 'videogen-ffprobe-'));
    const real = (await findFfmpeg({ searchPath: '/nonexistent' })).ffprobe;
    const wrapper = join(dir, 'my-ffprobe');
    const trace = join(dir, 'trace.log');
    writeFileSync(wrapper, `#!/bin/sh\necho "$@" >> '${trace}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const config = loadConfig({ home: dir }, { PATH: process.env.PATH, FFPROBE_PATH: wrapper });
    expect(config.ffprobePath).toBe(wrapper);
    const tools = await findFfmpeg(ffmpegOptionsFrom(config));
    expect(tools.ffprobe).toBe(wrapper);
    expect(tools.ffmpeg).not.toBe(wrapper);
    const wav = join(dir, 'tone.wav');
    writeFileSync(wav, encodeWav({ pcm: new Int16Array(4800), sampleRate: 48_000, channels: 1 }));
    const info = await probe(wav, { tools });
    expect(info.streams[0]).toMatchObject({ type: 'audio', sampleRate: 48_000 });
    expect(readFileSync(trace, 'utf8')).toContain(wav);
  });

  it('refuses an FFPROBE_PATH that is not an executable, naming ffprobe', async () => {
    const config = loadConfig({ home: tmpdir() }, { PATH: process.env.PATH, FFPROBE_PATH: '/nope/ffprobe' });
    await expect(findFfmpeg(ffmpegOptionsFrom(config))).rejects.toMatchObject({ code: 'FFMPEG_MISSING', details: { tool: 'ffprobe', path: '/nope/ffprobe' } });
  });

  it('parses version lines', () => {
    expect(parseVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026')).toBe('5.1.9-0+deb12u1');
    expect(parseVersion('ffmpeg version N-47683-g0e8eb07980-static https://…')).toBe('N-47683-g0e8eb07980-static');
  });
});
