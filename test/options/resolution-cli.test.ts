import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The frame-size rule through the real CLI: `render` and `preview` size a spec the same way (explicit --resolution >
 * the spec's `resolution` > the preset's size), checked on the files they write with ffprobe and decoded pixels.
 */
const run = promisify(execFile);
const BIN = new URL('../../bin/videogen.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'videogen-resolution-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function specFile(name: string, resolution?: string): string {
  const file = join(dir, `${name}.yaml`);
  const lines = ['id: sizes', 'title: Sizes', ...(resolution ? [`resolution: ${resolution}`] : []), 'fps: 24', 'scenes:', '  - kind: title', '    title: Frame size', '    minDuration: 1'];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const videogen = (...args: string[]) => run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24, env: { ...process.env, VIDEOGEN_EDGE: '0', VIDEOGEN_HOME: join(dir, 'home') } });

async function sizeOf(file: string): Promise<string> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]);
  return stdout.trim().replace(',', 'x');
}

/** Bytes of one decoded RGB frame at the file's own size, with how many distinct pixel values it has (a blank frame has one). */
async function decodedFrame(file: string, width: number, height: number): Promise<{ bytes: number; distinct: number }> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer', maxBuffer: width * height * 3 + 1024 });
  const buffer = stdout as unknown as Buffer;
  const seen = new Set<number>();
  for (let i = 0; i + 2 < buffer.length && seen.size < 64; i += 3 * 97) seen.add((buffer[i]! << 16) | (buffer[i + 1]! << 8) | buffer[i + 2]!);
  return { bytes: buffer.length, distinct: seen.size };
}

describe('resolution: one rule for render and preview', () => {
  const s1440 = specFile('s1440', '1440p');
  const unsized = specFile('unsized');

  it('render --preset standard follows the spec: resolution 1440p → 2560x1440', async () => {
    const out = join(dir, 'r1440');
    await videogen('render', s1440, '--preset', 'standard', '-o', out);
    const video = join(out, 'video.mp4');
    expect(await sizeOf(video)).toBe('2560x1440');
    const frame = await decodedFrame(video, 2560, 1440);
    expect(frame.bytes).toBe(2560 * 1440 * 3);
    expect(frame.distinct).toBeGreaterThan(1);
  }, 240_000);

  it('preview of the same spec is the same size: 2560x1440 PNG', async () => {
    const png = join(dir, 'p1440.png');
    await videogen('preview', s1440, '--scene', '1', '-o', png);
    expect(await sizeOf(png)).toBe('2560x1440');
    expect((await decodedFrame(png, 2560, 1440)).distinct).toBeGreaterThan(1);
  }, 120_000);

  it('no resolution anywhere: the preset decides (draft → 1280x720)', async () => {
    const out = join(dir, 'draft');
    await videogen('render', unsized, '--preset', 'draft', '-o', out);
    expect(await sizeOf(join(out, 'video.mp4'))).toBe('1280x720');
    const png = join(dir, 'unsized.png');
    await videogen('preview', unsized, '--scene', '1', '-o', png);
    expect(await sizeOf(png)).toBe('1920x1080');
    await videogen('preview', unsized, '--scene', '1', '--preset', 'draft', '-o', png);
    expect(await sizeOf(png)).toBe('1280x720');
  }, 240_000);

  it('--resolution 720p wins over the spec, in render and preview', async () => {
    const out = join(dir, 'r720');
    await videogen('render', s1440, '--preset', 'draft', '--resolution', '720p', '-o', out);
    expect(await sizeOf(join(out, 'video.mp4'))).toBe('1280x720');
    const png = join(dir, 'p720.png');
    await videogen('preview', s1440, '--scene', '1', '--resolution', '720p', '-o', png);
    expect(await sizeOf(png)).toBe('1280x720');
  }, 240_000);

  it('create takes the same flag: a spec file made at --resolution 720p is 1280x720', async () => {
    const out = join(dir, 'created');
    await videogen('create', s1440, '--preset', 'draft', '--resolution', '720p', '-o', out);
    expect(await sizeOf(join(out, 'video.mp4'))).toBe('1280x720');
  }, 240_000);

  it('refuses an unknown resolution before loading anything, naming the flag and the choices', async () => {
    const failed = await videogen('render', s1440, '--resolution', '4k', '-o', join(dir, 'bad')).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('--resolution must be one of 720p, 1080p, 1440p, 2160p');
  }, 60_000);
});
