import type { MediaElement } from './elements.ts';
import type { MediaFrames } from './media.ts';

/**
 * Draws a media element at scene time `t`. Placeholder until the media renderer lands: the current clip, fitted to
 * its box, without motion or cross-fades.
 */
export function drawMedia(ctx: CanvasRenderingContext2D, el: MediaElement, t: number, frames: MediaFrames): void {
  const clip = [...el.clips].reverse().find((c) => t >= c.at) ?? el.clips[0];
  if (!clip) return;
  const image = frames.frameAt(clip.ref, clip.sourceStart + Math.max(0, t - clip.at));
  if (!image) return;
  const { x, y, w, h } = el.box;
  ctx.drawImage(image, x, y, w, h);
}
