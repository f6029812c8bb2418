import type { TransitionKind } from '../spec/index.ts';
import { easeOutCubic } from './motion.ts';

type Ctx = CanvasRenderingContext2D;
type Image = CanvasImageSource;

/** Default transition length in seconds (QUALITY: 400–700 ms). */
export const TRANSITION_SECONDS = 0.5;

/**
 * Draws the blend between the outgoing scene's frame and the incoming scene's first frame at progress `p` (0..1).
 * Drawn on the canvas, not with ffmpeg's xfade, so the npm ffmpeg 4.1 fallback works and previews match renders.
 */
export function drawTransition(ctx: Ctx, kind: TransitionKind, p: number, from: Image, to: Image, width: number, height: number): void {
  const e = easeOutCubic(Math.min(1, Math.max(0, p)));
  ctx.save();
  switch (kind) {
    case 'none':
      ctx.drawImage(p < 1 ? from : to, 0, 0, width, height);
      break;
    case 'fade':
      ctx.drawImage(from, 0, 0, width, height);
      ctx.globalAlpha = p;
      ctx.drawImage(to, 0, 0, width, height);
      break;
    case 'slide': {
      const dx = Math.round(e * width);
      ctx.drawImage(from, -dx, 0, width, height);
      ctx.drawImage(to, width - dx, 0, width, height);
      break;
    }
    case 'wipe': {
      const edge = e * width;
      ctx.drawImage(from, 0, 0, width, height);
      ctx.beginPath();
      ctx.rect(0, 0, edge, height);
      ctx.clip();
      ctx.drawImage(to, 0, 0, width, height);
      break;
    }
    case 'zoom': {
      ctx.drawImage(from, 0, 0, width, height);
      const s = 0.85 + 0.15 * e;
      ctx.globalAlpha = e;
      ctx.translate(width / 2, height / 2);
      ctx.scale(s, s);
      ctx.drawImage(to, -width / 2, -height / 2, width, height);
      break;
    }
  }
  ctx.restore();
}
