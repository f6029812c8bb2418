import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageData, createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THUMBNAIL_MAX_BYTES, thumbnailForUpload } from '../../src/publish/thumbnail-fit.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vg-thumb-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A 1280×720 PNG of noise: as incompressible as a photo gets, well over 2 MB. */
async function noisyPng(path: string): Promise<void> {
  const canvas = createCanvas(1280, 720);
  const ctx = canvas.getContext('2d');
  const noise = randomBytes(1280 * 720 * 4);
  for (let i = 3; i < noise.length; i += 4) noise[i] = 255;
  ctx.putImageData(new ImageData(new Uint8ClampedArray(noise.buffer, noise.byteOffset, noise.length), 1280, 720), 0, 0);
  await writeFile(path, await canvas.encode('png'));
}

describe('thumbnailForUpload', () => {
  it('sends a PNG that fits as it is', async () => {
    const path = join(dir, 'small.png');
    const canvas = createCanvas(1280, 720);
    canvas.getContext('2d').fillRect(0, 0, 640, 360);
    await writeFile(path, await canvas.encode('png'));
    const fitted = await thumbnailForUpload(path);
    expect(fitted.type).toBe('image/png');
    expect(fitted.bytes.length).toBe((await stat(path)).size);
  });

  it('turns a PNG over 2 MB into a JPEG under it, same size in pixels', async () => {
    const path = join(dir, 'photo.png');
    await noisyPng(path);
    expect((await stat(path)).size).toBeGreaterThan(THUMBNAIL_MAX_BYTES);
    const fitted = await thumbnailForUpload(path);
    expect(fitted.type).toBe('image/jpeg');
    expect(fitted.bytes.length).toBeLessThanOrEqual(THUMBNAIL_MAX_BYTES);
    expect([...fitted.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const image = await loadImage(Buffer.from(fitted.bytes));
    expect([image.width, image.height]).toEqual([1280, 720]);
  });
});
