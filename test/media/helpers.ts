import { expect } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import type { MediaTools } from '../../src/media/ffmpeg-path.ts';
import { runTool } from '../../src/media/process.ts';

const require = createRequire(import.meta.url);

export type Rgb = readonly [number, number, number];

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'videogen-media-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function solidFrame(width: number, height: number, [r, g, b]: Rgb): Buffer {
  const buf = Buffer.alloc(width * height * 4);
  for (let i = 0; i < buf.length; i += 4) {
    buf[i] = r;
    buf[i + 1] = g;
    buf[i + 2] = b;
    buf[i + 3] = 255;
  }
  return buf;
}

/** Decodes frame `n` back to RGB with the BT.709 matrix the encoder tags, and returns the centre pixel. */
export async function decodedPixel(tools: MediaTools, file: string, n: number, width: number, height: number): Promise<Rgb> {
  const { stdout } = await runTool(tools.ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-i', file,
    '-vf', `select=eq(n\\,${n}),scale=in_color_matrix=bt709:in_range=tv,format=rgb24`,
    '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-',
  ]);
  expect(stdout.length).toBe(width * height * 3);
  const at = ((height >> 1) * width + (width >> 1)) * 3;
  return [stdout[at]!, stdout[at + 1]!, stdout[at + 2]!];
}

export function expectColour(actual: Rgb, expected: Rgb, tolerance = 8): void {
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!), `channel ${i}: got ${actual.join(',')}, want ${expected.join(',')}`).toBeLessThanOrEqual(tolerance));
}

/** Both ffmpeg builds the app can run with; the system one is skipped (loudly) where it is not installed. */
export async function toolSets(): Promise<{ name: string; tools: MediaTools }[]> {
  const sets: { name: string; tools: MediaTools }[] = [];
  if (existsSync('/usr/bin/ffmpeg')) sets.push({ name: 'system', tools: await findFfmpeg({ ffmpegPath: '/usr/bin/ffmpeg' }) });
  else console.warn('\n\n*** /usr/bin/ffmpeg is absent: the system-ffmpeg encode test is SKIPPED ***\n');
  sets.push({ name: 'npm', tools: await findFfmpeg({ ffmpegPath: npmFfmpegPath() }) });
  return sets;
}

export function npmFfmpegPath(): string {
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

export async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.includes('.partial-'));
}

/** Mono s16 samples of a file's first audio stream at 48 kHz. */
export async function decodeAudio(tools: MediaTools, file: string): Promise<Int16Array> {
  const { stdout } = await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '48000', '-f', 's16le', '-']);
  return new Int16Array(stdout.buffer, stdout.byteOffset, stdout.length >> 1);
}

/** Sample indices where the signal rises above `threshold` after at least `gap` quiet samples. */
export function onsets(pcm: Int16Array, threshold: number, gap = 4800): number[] {
  const found: number[] = [];
  let quiet = gap;
  for (let i = 0; i < pcm.length; i++) {
    if (Math.abs(pcm[i]!) >= threshold) {
      if (quiet >= gap) found.push(i);
      quiet = 0;
    } else quiet++;
  }
  return found;
}
