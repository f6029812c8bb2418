import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VideoFrameReader } from '../../src/media/video-frames.ts';
import { findFfmpeg, type MediaTools } from '../../src/media/index.ts';
import { tempDir } from '../pipeline/helpers.ts';
import { colourClip, nearest, type Rgb } from './media-fixtures.ts';

const PALETTE: Record<string, Rgb> = { red: [230, 30, 30], green: [30, 200, 60], blue: [30, 60, 230] };

const centre = (image: CanvasImageSource | undefined): Rgb => {
  const canvas = image as unknown as { width: number; height: number; getContext(k: '2d'): CanvasRenderingContext2D };
  const d = canvas.getContext('2d').getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data;
  return [d[0]!, d[1]!, d[2]!];
};

/** The ffmpeg frame reader on its own: order, seeks both ways, the end of the clip, and the output size. */
describe('VideoFrameReader', () => {
  let tools: MediaTools;
  let clip: string;

  beforeAll(async () => {
    tools = await findFfmpeg();
    clip = await colourClip(tools, join(tempDir('frames'), 'rgb.mp4'), [PALETTE.red!, PALETTE.green!, PALETTE.blue!]);
  }, 60_000);

  it('decodes forward in order at the output rate, going back restarts, past the end the last frame holds', async () => {
    const reader = new VideoFrameReader({ path: clip, duration: 3 }, 160, 90, 30, tools);
    try {
      const seen: string[] = [];
      for (const t of [0.2, 0.9, 1.1, 1.9, 2.1, 2.9, 8, 0.5, 1.5]) {
        await reader.seek(t);
        seen.push(nearest(centre(reader.current()), PALETTE));
      }
      expect(seen).toEqual(['red', 'red', 'green', 'green', 'blue', 'blue', 'blue', 'red', 'green']);
      // Frames come at the output rate: the frame held for 1.5 s is the one starting at 45/30 s.
      expect(reader.seconds).toBeCloseTo(1.5, 5);
      const frame = reader.current() as unknown as { width: number; height: number };
      expect([frame.width, frame.height]).toEqual([160, 90]);
    } finally {
      await reader.close();
    }
  });

  it('a held clip asking for 1 ms before its trim point gets the last frame inside the trim', async () => {
    const reader = new VideoFrameReader({ path: clip, duration: 3 }, 160, 90, 25, tools);
    try {
      await reader.seek(1);
      await reader.seek(1.999);
      expect(nearest(centre(reader.current()), PALETTE)).toBe('green');
      expect(reader.seconds).toBeCloseTo(1.96, 5);
    } finally {
      await reader.close();
    }
  });

  it('a restart paints the new stream frame even when its number equals the one painted before', async () => {
    const frames = await colourClip(tools, join(tempDir('frames-one'), 'rgb1.mp4'), [PALETTE.red!, PALETTE.green!, PALETTE.blue!, PALETTE.red!], { secondsEach: 0.04, fps: 25 });
    const reader = new VideoFrameReader({ path: frames, duration: 0.16 }, 160, 90, 25, tools);
    try {
      await reader.seek(0.04);
      expect(nearest(centre(reader.current()), PALETTE)).toBe('green');
      // Back to 0: ffmpeg restarts, and its first frame is frame 1 again, as the green one was.
      await reader.seek(0);
      expect(nearest(centre(reader.current()), PALETTE)).toBe('red');
    } finally {
      await reader.close();
    }
  });

  it('reports an unreadable clip as FFMPEG_FAILED instead of hanging', async () => {
    const reader = new VideoFrameReader({ path: join(tempDir('frames-missing'), 'none.mp4'), duration: 3 }, 160, 90, 25, tools);
    await expect(reader.seek(0)).rejects.toMatchObject({ code: 'FFMPEG_FAILED' });
    await reader.close();
  });
});
