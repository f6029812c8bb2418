import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { preparePreviewMedia, previewFrame, previewSheet } from '../../src/pipeline/preview.ts';
import type { PreparedMedia } from '../../src/pipeline/media-stage.ts';
import { findFfmpeg } from '../../src/media/index.ts';
import { createSurface } from '../../src/media/canvas.ts';
import { frameFor } from '../../src/render/geometry.ts';
import type { VideoSpec } from '../../src/spec/index.ts';
import { spec, tempDir, testConfig } from './helpers.ts';
import { bandsPng, colourClip, nearest, type Rgb } from '../media/media-fixtures.ts';

const PALETTE: Record<string, Rgb> = { red: [230, 30, 30], green: [30, 200, 60], blue: [30, 60, 230], teal: [0, 150, 160], black: [0, 0, 0], white: [255, 255, 255] };

async function pixel(png: Buffer, x: number, y: number): Promise<Rgb> {
  const image = await loadImage(png);
  const s = createSurface(image.width, image.height);
  s.ctx.drawImage(image as unknown as CanvasImageSource, 0, 0);
  const d = s.ctx.getImageData(Math.round(x * (image.width - 1)), Math.round(y * (image.height - 1)), 1, 1).data;
  return [d[0]!, d[1]!, d[2]!];
}

describe('previews show pictures and footage', () => {
  let input: VideoSpec;
  let media: PreparedMedia;
  const frame = frameFor('16:9', 360);

  beforeAll(async () => {
    const dir = tempDir('media-preview');
    mkdirSync(join(dir, 'media'));
    bandsPng(join(dir, 'media/teal.png'), [PALETTE.teal!]);
    await colourClip(await findFfmpeg(), join(dir, 'media/rgb.mp4'), [PALETTE.red!, PALETTE.green!, PALETTE.blue!]);
    input = spec({
      id: 'p',
      title: 'P',
      scenes: [
        { id: 'pic', kind: 'image', src: 'media/teal.png', motion: 'none', narration: 'A picture.' },
        { id: 'clip', kind: 'video', src: 'media/rgb.mp4', narration: 'A clip.', minDuration: 4 },
      ],
    });
    media = await preparePreviewMedia(input, { config: testConfig(), scope: { kind: 'folder', root: dir }, frame });
  }, 60_000);

  it('a frame of a footage scene shows the clip at that time', async () => {
    expect(nearest(await pixel((await previewFrame(input, 'clip', 0.5, frame, media)).png, 0.5, 0.5), PALETTE)).toBe('red');
    expect(nearest(await pixel((await previewFrame(input, 'clip', 1.5, frame, media)).png, 0.5, 0.5), PALETTE)).toBe('green');
    expect(nearest(await pixel((await previewFrame(input, 'clip', 2.5, frame, media)).png, 0.5, 0.5), PALETTE)).toBe('blue');
  });

  it('the contact sheet shows the picture scene', async () => {
    const sheet = await previewSheet(input, frame, media);
    // First cell, top-left quarter of the sheet: the teal picture, not the page background.
    expect(nearest(await pixel(sheet.png, 0.2, 0.2), PALETTE)).toBe('teal');
  });
});
