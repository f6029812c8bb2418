import type { MediaElement } from './elements.ts';
import { GRADIENT_REF, type MediaFrames } from './media.ts';
import { activeClips, clipPushes, type ActiveClip } from './media-clips.ts';
import { kenburnsAt, placePicture, seedOf } from './media-fit.ts';
import { drawMediaGradient } from './media-gradient.ts';
import { drawScrim } from './media-scrim.ts';

type Ctx = CanvasRenderingContext2D;

/** Intrinsic size of whatever the platform hands us (Skia image or canvas, `<img>`, `<video>`, VideoFrame). */
function sizeOf(image: CanvasImageSource): { width: number; height: number } {
  const any = image as unknown as Record<string, unknown>;
  const pick = (...keys: string[]) => {
    for (const k of keys) if (typeof any[k] === 'number' && (any[k] as number) > 0) return any[k] as number;
    return 0;
  };
  return { width: pick('videoWidth', 'displayWidth', 'naturalWidth', 'width'), height: pick('videoHeight', 'displayHeight', 'naturalHeight', 'height') };
}

function roundedClip(ctx: Ctx, box: { x: number; y: number; w: number; h: number }, r: number): void {
  const radius = Math.max(0, Math.min(r, box.w / 2, box.h / 2));
  ctx.beginPath();
  if (radius > 0) ctx.roundRect(box.x, box.y, box.w, box.h, radius);
  else ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
}

/** One clip's picture (or the gradient when it has none), at its own alpha. */
function drawClip(ctx: Ctx, el: MediaElement, active: ActiveClip, t: number, frames: MediaFrames): void {
  const image = active.clip.ref === GRADIENT_REF ? undefined : frames.frameAt(active.clip.ref, active.seconds);
  const size = image ? sizeOf(image) : undefined;
  ctx.save();
  ctx.globalAlpha *= active.alpha;
  if (!image || !size?.width || !size.height) {
    roundedClip(ctx, el.box, el.radius);
    drawMediaGradient(ctx, el.box, t, el.palette);
    ctx.restore();
    return;
  }
  const motion = clipPushes(el, active.clip) ? kenburnsAt(active.local, seedOf(`${active.clip.ref}#${active.index}`)) : undefined;
  const { source, dest } = placePicture(size.width, size.height, el.box, el.fit, motion);
  roundedClip(ctx, dest, el.radius);
  // Bilinear filtering of a fractional source rectangle: the push-in glides instead of stepping a pixel at a time.
  // 'low' is bilinear in Skia and costs about a plain copy; 'high' (mipmapped cubic) measured 2.4× slower at 1080p, so
  // it is kept for pictures shrunk a lot (a big photo in a small box), where bilinear alone would alias fine detail.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = source.w > dest.w * 1.5 ? 'high' : 'low';
  ctx.drawImage(image, source.x, source.y, source.w, source.h, dest.x, dest.y, dest.w, dest.h);
  ctx.restore();
}

/**
 * Draws a media element at scene time `t`: the current clip (and, while it dissolves in, the previous one under it),
 * fitted to its box with its motion, then the scrim. Deterministic: the same `t` and frames give the same pixels.
 */
export function drawMedia(ctx: Ctx, el: MediaElement, t: number, frames: MediaFrames): void {
  const clips = activeClips(el, t);
  if (!clips.length) return;
  for (const active of clips) drawClip(ctx, el, active, t, frames);
  ctx.save();
  roundedClip(ctx, el.box, el.radius);
  drawScrim(ctx, el);
  ctx.restore();
}
