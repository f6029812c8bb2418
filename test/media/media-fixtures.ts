import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { MediaTools } from '../../src/media/ffmpeg-path.ts';
import { runTool } from '../../src/media/process.ts';

export type Rgb = readonly [number, number, number];

const hex = ([r, g, b]: Rgb) => `0x${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** A clip of solid colours, one per `secondsEach`, so the order of what a video shows can be read back from pixels. */
export async function colourClip(tools: MediaTools, file: string, colours: readonly Rgb[], opts: { secondsEach?: number; width?: number; height?: number; fps?: number; audio?: boolean } = {}): Promise<string> {
  const { secondsEach = 1, width = 320, height = 180, fps = 25 } = opts;
  const inputs = colours.flatMap((c) => ['-f', 'lavfi', '-i', `color=c=${hex(c)}:s=${width}x${height}:r=${fps}:d=${secondsEach}`]);
  const audio = opts.audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${secondsEach * colours.length}`] : [];
  const graph = `${colours.map((_, i) => `[${i}:v]`).join('')}concat=n=${colours.length}:v=1:a=0[v]`;
  await runTool(tools.ffmpeg, [
    '-v', 'error', '-y', ...inputs, ...audio, '-filter_complex', graph, '-map', '[v]',
    ...(opts.audio ? ['-map', `${colours.length}:a`, '-c:a', 'aac'] : []),
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast', file,
  ]);
  return file;
}

/** A PNG of vertical bands of colour (left to right), drawn with the canvas. */
export function bandsPng(file: string, colours: readonly Rgb[], width = 400, height = 300): string {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  colours.forEach(([r, g, b], i) => {
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(Math.floor((i * width) / colours.length), 0, Math.ceil(width / colours.length), height);
  });
  writeFileSync(file, canvas.toBuffer('image/png'));
  return file;
}

/** Frame `n` of a video as RGB24, decoded with the BT.709 matrix the encoder tags. */
export async function decodeFrame(tools: MediaTools, file: string, n: number): Promise<(x: number, y: number) => Rgb> {
  const { stdout } = await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]);
  const [width, height] = stdout.toString().trim().split(',').map(Number) as [number, number];
  const { stdout: rgb } = await runTool(tools.ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-i', file,
    '-vf', `select=eq(n\\,${n}),scale=in_color_matrix=bt709:in_range=tv,format=rgb24`,
    '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-',
  ]);
  return (x, y) => {
    const at = (Math.round(y * (height - 1)) * width + Math.round(x * (width - 1))) * 3;
    return [rgb[at]!, rgb[at + 1]!, rgb[at + 2]!];
  };
}

/** The nearest of `palette` to `pixel` (by name), for reading a colour sequence back. */
export function nearest(pixel: Rgb, palette: Record<string, Rgb>): string {
  let best = '';
  let bestDistance = Infinity;
  for (const [name, c] of Object.entries(palette)) {
    const d = c.reduce((sum, v, i) => sum + (v - pixel[i]!) ** 2, 0);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

export const writeText = (dir: string, name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
