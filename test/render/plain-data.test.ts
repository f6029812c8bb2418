import { describe, expect, it } from 'vitest';
import { drawScene, layoutScene, type LaidOutScene } from '../../src/render/compose.ts';
import { frameFor } from '../../src/render/geometry.ts';
import { applyReveals } from '../../src/render/reveal.ts';
import { createSurface } from '../../src/media/canvas.ts';
import { layoutContext, loadExample, sentenceBeats } from './helpers.ts';

/**
 * Layouts are plain data (issue 15, item 3): a browser preview or a worker gets a laid-out scene by structuredClone or
 * JSON and draws it with the same drawScene, so nothing in it may be a function, a class instance or a Map, and the
 * copy must draw exactly the same pixels as the original.
 */

/** Paths of every value that a structured clone or JSON round trip would lose or change; empty for plain data. */
function notPlain(value: unknown, path = '$'): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value} (JSON writes null)`];
  if (value === undefined) return [`${path}: undefined (JSON drops the key)`];
  if (typeof value !== 'object') return [`${path}: ${typeof value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => notPlain(v, `${path}[${i}]`));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return [`${path}: instance of ${(value as object).constructor?.name ?? 'unknown'}`];
  return Object.entries(value).flatMap(([k, v]) => notPlain(v, `${path}.${k}`));
}

function pixels(laid: LaidOutScene, t: number): Buffer {
  const surface = createSurface(laid.frame.width, laid.frame.height);
  drawScene(surface.ctx, laid, t);
  return Buffer.from(surface.ctx.getImageData(0, 0, laid.frame.width, laid.frame.height).data.buffer);
}

/** Mid-entrance (the terminal typing in, items arriving) and settled. */
const times = (laid: LaidOutScene) => [0.9, laid.settlesAt];

const VARIANTS = [
  { name: '16:9', aspect: '16:9', language: undefined },
  { name: '9:16', aspect: '9:16', language: undefined },
  { name: '16:9 ar (mirrored)', aspect: '16:9', language: 'ar' },
] as const;

describe('a laid-out scene is plain data that draws the same after a copy', () => {
  const spec = loadExample();
  for (const variant of VARIANTS) {
    for (const [index, scene] of spec.scenes.entries()) {
      it(`${scene.kind} (${variant.name})`, async () => {
        const frame = frameFor(variant.aspect, 360);
        const themed = { ...spec, aspect: variant.aspect, ...(variant.language ? { language: variant.language } : {}) };
        const laid = layoutScene(themed, scene, index, { ...(await layoutContext()), frame });
        // The reveal pass re-times a layout after narration; its output is what a render draws, so it must be data too.
        const revealed = applyReveals(laid, sentenceBeats([[scene.narration ?? 'This part uses gather and await.', 1.5], ['Then it calls asyncio.run and settles.', 1]]));
        // So the copies carry emphasis data too: code lines banded by the sentences, items ringed while narrated.
        if (scene.kind === 'code') expect(revealed.reveals?.codeFocus.length).toBeGreaterThan(0);
        for (const layout of [laid, revealed]) {
          expect(notPlain(layout)).toEqual([]);
          const cloned = structuredClone(layout);
          const parsed = JSON.parse(JSON.stringify(layout)) as LaidOutScene;
          expect(cloned).toStrictEqual(layout);
          expect(parsed).toStrictEqual(layout);
          for (const t of times(layout)) {
            const original = pixels(layout, t);
            expect(pixels(cloned, t).equals(original), `structuredClone draws other pixels at ${t} s`).toBe(true);
            expect(pixels(parsed, t).equals(original), `JSON copy draws other pixels at ${t} s`).toBe(true);
          }
        }
      });
    }
  }
});
