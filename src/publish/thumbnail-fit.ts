import { readFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';

/** YouTube refuses custom thumbnails over 2 MB (thumbnails.set: "image/jpeg, image/png … maximum file size 2MB"). */
export const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The thumbnail as it can be sent: thumbnail.png as it is when it fits, else the same picture as a JPEG at the highest
 * quality that fits. A photo behind the title (a b-roll frame) easily makes a 1280×720 PNG of 2–4 MB; refusing it
 * would cost the whole publication for a picture we can shrink.
 */
export async function thumbnailForUpload(path: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: 'image/png' | 'image/jpeg' }> {
  const original = await readFile(path);
  if (original.length <= THUMBNAIL_MAX_BYTES) return { bytes: new Uint8Array(original), type: /\.jpe?g$/i.test(path) ? 'image/jpeg' : 'image/png' };
  const image = await loadImage(original);
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  for (const quality of [92, 85, 75, 60, 45]) {
    const jpeg = await canvas.encode('jpeg', quality);
    if (jpeg.length <= THUMBNAIL_MAX_BYTES) return { bytes: new Uint8Array(jpeg), type: 'image/jpeg' };
  }
  // Only a picture far larger than a thumbnail gets here: halve it until it fits.
  for (let scale = 0.5; scale > 0.05; scale /= 2) {
    const small = createCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
    small.getContext('2d').drawImage(image, 0, 0, small.width, small.height);
    const jpeg = await small.encode('jpeg', 80);
    if (jpeg.length <= THUMBNAIL_MAX_BYTES) return { bytes: new Uint8Array(jpeg), type: 'image/jpeg' };
  }
  throw new Error(`thumbnail ${path} cannot be made smaller than 2 MB`);
}
