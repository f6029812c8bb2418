import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeStill } from '../src/media/still.ts';
import type { MediaTools } from '../src/media/ffmpeg-path.ts';
import type { FrameRate, PresetName } from '../src/media/presets.ts';

/**
 * The floor under any render's encode time: seconds ffmpeg needs to encode `frames` frames of one still picture with the
 * same preset, size and rate (no drawing, no pipe traffic after the first frame). A render's encode stage can approach
 * this only where its scenes hold stills; the benchmark reports render time against it.
 */
export async function encodeFloor(frames: number, width: number, height: number, fps: FrameRate, preset: PresetName, tools?: MediaTools): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'videogen-floor-'));
  try {
    const started = performance.now();
    await encodeStill(slideLikeFrame(width, height), frames, { output: join(dir, 'floor.mp4'), width, height, fps, preset, ...(tools ? { tools } : {}) });
    return (performance.now() - started) / 1000;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A diagonal gradient with a few bars: detail comparable to a slide, so the first frame costs what a real one does. */
function slideLikeFrame(width: number, height: number): Buffer {
  const buf = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const bar = Math.floor(y / (height / 12)) % 2 === 0 && x > width * 0.1 && x < width * 0.8;
      buf[i] = bar ? 240 : Math.round((30 * x) / width + 20);
      buf[i + 1] = bar ? 240 : Math.round((60 * y) / height + 50);
      buf[i + 2] = bar ? 245 : 114 + Math.round((40 * (x + y)) / (width + height));
      buf[i + 3] = 255;
    }
  }
  return buf;
}
