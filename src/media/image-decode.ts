import { readFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { VideogenError } from '../errors.ts';

/** The smallest size of a `width`×`height` picture that still covers a `boxW`×`boxH` box (never larger than itself). */
export function coverSize(width: number, height: number, boxW: number, boxH: number): { width: number; height: number } {
  const scale = Math.min(1, Math.max(boxW / width, boxH / height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Decodes a picture with the canvas and shrinks it to cover the output frame: a 6000×4000 photo would otherwise hold
 * 96 MB of pixels for a 1920×1080 video; cover size keeps fit: cover sharp and bounds memory by the frame size.
 */
export async function decodePicture(path: string, frame: { width: number; height: number }): Promise<CanvasImageSource> {
  let image;
  try {
    image = await loadImage(await readFile(path));
  } catch (error) {
    throw new VideogenError('SOURCE_UNREADABLE', `cannot decode the picture ${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
  const size = coverSize(image.width, image.height, frame.width, frame.height);
  if (size.width === image.width && size.height === image.height) return image as unknown as CanvasImageSource;
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, size.width, size.height);
  return canvas as unknown as CanvasImageSource;
}
