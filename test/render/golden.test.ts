import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawScene, layoutScene } from '../../src/render/compose.ts';
import { frameFor } from '../../src/render/geometry.ts';
import { createSurface } from '../../src/media/canvas.ts';
import { GOLDEN_MAX_SHARE, goldenDiffShare, layoutContext, loadExample } from './helpers.ts';

/**
 * Golden images: every scene kind, 16:9 and 9:16, light and dark, at half of 1080p (the layout reflows in frame units,
 * so half size exercises the same code with a quarter of the pixels). Update only on purpose:
 * `npm run golden:update`, then look at the changed PNGs before committing.
 */
const GOLDEN = new URL('../golden/', import.meta.url).pathname;
const ACTUAL = `${GOLDEN}.actual/`;
const UPDATE = process.env.UPDATE_GOLDEN === '1';


describe('golden images of every scene kind', () => {
  const spec = loadExample();
  for (const aspect of ['16:9', '9:16'] as const) {
    for (const mode of ['light', 'dark'] as const) {
      for (const [index, scene] of spec.scenes.entries()) {
        const name = `${scene.kind}-${aspect.replace(':', 'x')}-${mode}`;
        it(name, async () => {
          const frame = frameFor(aspect, 540);
          const themed = { ...spec, aspect, theme: { ...spec.theme, mode } };
          const laid = layoutScene(themed, scene, index, { ...(await layoutContext()), frame });
          const surface = createSurface(frame.width, frame.height);
          drawScene(surface.ctx, laid, laid.settlesAt);
          const path = `${GOLDEN}${name}.png`;
          if (UPDATE || !existsSync(path)) {
            if (!UPDATE) throw new Error(`no golden image ${path}; run \`npm run golden:update\` and review it`);
            writeFileSync(path, await surface.canvas.encode('png'));
            return;
          }
          const share = await goldenDiffShare(surface.ctx.getImageData(0, 0, frame.width, frame.height).data, path, frame.width, frame.height);
          if (share > GOLDEN_MAX_SHARE) {
            mkdirSync(ACTUAL, { recursive: true });
            writeFileSync(`${ACTUAL}${name}.png`, await surface.canvas.encode('png'));
          }
          expect(share, `${(share * 100).toFixed(2)} % of pixels differ from ${path}; the actual image is in test/golden/.actual/`).toBeLessThanOrEqual(GOLDEN_MAX_SHARE);
        });
      }
    }
  }
});
