import { describe, expect, it } from 'vitest';
import { layoutScene, type LaidOutScene } from '../../src/render/compose.ts';
import { frameFor } from '../../src/render/geometry.ts';
import { VideoFrameComposer, type OffscreenSurface } from '../../src/render/video-frame.ts';
import { createSurface } from '../../src/media/canvas.ts';
import { layoutContext, loadExample } from './helpers.ts';

/**
 * Two segments drawn in turn share the composer's surfaces (src/pipeline/segments.ts): with one background surface per
 * segment slot, each scene's background (gradients and glows) is painted once, however the slots' frames interleave,
 * and the pictures are those of a composer with surfaces of its own.
 */
const spec = loadExample();

async function scenes(): Promise<LaidOutScene[]> {
  const ctx = { ...(await layoutContext()), frame: frameFor('16:9', 360) };
  return spec.scenes.slice(0, 3).map((scene, i) => layoutScene(spec, scene, i, ctx));
}

/** An offscreen surface whose background paints are counted (drawBackground starts with one linear gradient). */
function counted(width: number, height: number, paints: { n: number }): OffscreenSurface {
  const s = createSurface(width, height, { opaque: true });
  const linear = s.ctx.createLinearGradient.bind(s.ctx);
  s.ctx.createLinearGradient = (...args: Parameters<CanvasRenderingContext2D['createLinearGradient']>) => {
    paints.n++;
    return linear(...args);
  };
  return { canvas: s.canvas as unknown as CanvasImageSource, ctx: s.ctx };
}

function pixels(composer: VideoFrameComposer, scene: number, t: number, width: number, height: number): Buffer {
  const main = createSurface(width, height, { opaque: true });
  composer.draw(main.ctx, { scene, t, localFrame: 0 });
  const data = main.ctx.getImageData(0, 0, width, height).data;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

describe('scene backgrounds shared by segments drawn in turn', () => {
  it('one surface per slot: each scene background is painted once while two slots alternate frames, pixels unchanged', async () => {
    const laid = await scenes();
    const { width, height } = laid[0]!.frame;
    const plain = () => {
      const s = createSurface(width, height, { opaque: true });
      return { canvas: s.canvas as unknown as CanvasImageSource, ctx: s.ctx };
    };
    for (const [pool, painted] of [[2, 2], [1, 12]] as const) {
      const paints = { n: 0 };
      const backgrounds = Array.from({ length: pool }, () => counted(width, height, paints));
      const shared: [OffscreenSurface, OffscreenSurface] = [plain(), plain()];
      const slotA = new VideoFrameComposer(laid, shared, backgrounds);
      const slotB = new VideoFrameComposer(laid, shared, backgrounds);
      // Slot A draws scene 0 and slot B scene 1, frame by frame in turn, as renderSegment's two slots do.
      for (let f = 0; f < 6; f++) {
        const t = 0.1 + f / 30;
        const a = pixels(slotA, 0, t, width, height);
        const b = pixels(slotB, 1, t, width, height);
        if (f === 5) {
          const alone = new VideoFrameComposer(laid, [plain(), plain()], plain());
          expect(a.equals(pixels(alone, 0, t, width, height))).toBe(true);
          expect(b.equals(pixels(alone, 1, t, width, height))).toBe(true);
        }
      }
      expect(paints.n, `${pool} background surface(s)`).toBe(painted);
    }
  });
});
