import type { Orientation } from './types.ts';

/** One file of an asset at one size (a Pexels video_file, a Pixabay `videos.small`, a picture size). */
export interface Rendition {
  url: string;
  width: number;
  height: number;
}

/**
 * How much a file must be enlarged to cover the frame (cover fit): ≤ 1 means it covers without upscaling. A landscape
 * 1920×1080 file in a 1080×1920 frame needs 1.78×, so orientation is part of the measure.
 */
export function upscaleToCover(file: { width: number; height: number }, frame: { width: number; height: number }): number {
  if (!(file.width > 0 && file.height > 0)) return Number.POSITIVE_INFINITY;
  return Math.max(frame.width / file.width, frame.height / file.height);
}

/**
 * The smallest rendition that covers the frame (least to download and decode), or, when none does, the one that
 * needs the least enlargement. Undefined when there are no usable renditions.
 */
export function bestRendition<T extends Rendition>(renditions: readonly T[], frame: { width: number; height: number }): T | undefined {
  const usable = renditions.filter((r) => r.url && r.width > 0 && r.height > 0);
  const covering = usable.filter((r) => upscaleToCover(r, frame) <= 1);
  if (covering.length) return covering.reduce((a, b) => (b.width * b.height < a.width * a.height ? b : a));
  return usable.reduce<T | undefined>((a, b) => (!a || upscaleToCover(b, frame) < upscaleToCover(a, frame) ? b : a), undefined);
}

export function orientationOf(size: { width: number; height: number }): Orientation {
  const ratio = size.width / size.height;
  if (ratio > 1.1) return 'landscape';
  if (ratio < 0.9) return 'portrait';
  return 'square';
}
