import { describe, expect, it } from 'vitest';
import { ACCENTS, THEME_MODES, type SceneInput } from '../../src/spec/index.ts';
import { contrast, toHex } from '../../src/render/color.ts';
import { drawElements, textElements } from '../../src/render/draw.ts';
import type { MediaElement, TextElement } from '../../src/render/elements.ts';
import { minScrimAlpha, scrimBackdrop } from '../../src/render/media-scrim.ts';
import { layoutVideo } from '../../src/render/compose.ts';
import { createSurface } from '../../src/media/canvas.ts';
import { layoutContext, loadExample, solidPicture, testFrames } from './helpers.ts';
import { CATALOG, clip, layoutWithMedia, mediaSpec } from './media-fixtures.ts';

const AA = 4.5;
const white = testFrames({ white: solidPicture('#ffffff') });

/** The brightest pixel the media element alone draws under a text box: what the text really sits on. */
function backdropUnder(media: MediaElement, text: TextElement, width: number, height: number, t: number): string {
  const s = createSurface(width, height);
  drawElements(s.ctx, [media], t, 1, white);
  const { x, y, w, h } = text.text.box;
  let best = { r: 0, g: 0, b: 0 };
  for (const [fx, fy] of [[0.02, 0.02], [0.98, 0.02], [0.5, 0.5], [0.02, 0.98], [0.98, 0.98]] as const) {
    const [r, g, b] = s.ctx.getImageData(Math.floor(x + w * fx), Math.floor(y + h * fy), 1, 1).data;
    if (r! + g! + b! > best.r + best.g + best.b) best = { r: r!, g: g!, b: b! };
  }
  return toHex(best);
}

describe('scrim strength', () => {
  it('is the least that keeps 4.5:1 against a pure white picture, never below what was asked', () => {
    for (const color of ['#ffffff', '#e2e8f0', '#f1f5f9', '#b4c0d3']) {
      const a = minScrimAlpha([color]);
      expect(contrast(color, scrimBackdrop(a))).toBeGreaterThanOrEqual(AA);
      expect(contrast(color, scrimBackdrop(a - 0.01))).toBeLessThan(AA);
    }
    expect(minScrimAlpha(['#ffffff'], 0.8)).toBe(0.8);
    expect(minScrimAlpha(['#ffffff', '#b4c0d3'])).toBe(minScrimAlpha(['#b4c0d3']));
  });
});

describe('text over a picture keeps ≥ 4.5:1 over a pure white picture, measured in the drawn pixels', () => {
  for (const aspect of ['16:9', '9:16'] as const) {
    for (const kind of ['image', 'video'] as const) {
      it(`${kind} ${aspect}, the spec asking for no scrim`, async () => {
        const scene = { kind, src: 'x', title: 'Over the brightest possible picture', caption: 'the caption reads as well as the title' } as SceneInput;
        const laid = await layoutWithMedia(mediaSpec(aspect, [scene]), 0, { main: clip('white'), scrim: 0 });
        const media = laid.elements.find((e) => e.type === 'media') as MediaElement;
        const texts = textElements(laid.elements) as TextElement[];
        expect(texts).toHaveLength(2);
        for (const text of texts) {
          const under = backdropUnder(media, text, laid.frame.width, laid.frame.height, 5);
          expect(contrast(text.color, under), `${text.text.lines[0]} ${text.color} on ${under}`).toBeGreaterThanOrEqual(AA);
          expect(contrast(text.color, text.on)).toBeGreaterThanOrEqual(AA);
          // The text sits inside the title-safe area (in 9:16: above the Shorts buttons).
          expect(text.text.box.y + text.text.box.h).toBeLessThanOrEqual(laid.frame.safe.y + laid.frame.safe.h + 0.5);
        }
        // The band darkens only where the words are: the top of the picture stays bright.
        const s = createSurface(laid.frame.width, laid.frame.height);
        drawElements(s.ctx, [media], 5, 1, white);
        expect(s.ctx.getImageData(laid.frame.width / 2, 4, 1, 1).data[0]).toBeGreaterThan(240);
      });
    }
  }
});

describe('every kind over a white picture background meets AA on what is really behind its text', () => {
  const base = loadExample();
  for (const mode of THEME_MODES) {
    for (const accent of [ACCENTS[0], ACCENTS[ACCENTS.length - 1]!]) {
      it(`all kinds, ${accent} ${mode}`, async () => {
        const spec = { ...base, aspect: '16:9' as const, theme: { ...base.theme, accent, mode } };
        const ctx = await layoutContext();
        const laid = layoutVideo(spec, { ...ctx, media: { scenes: spec.scenes.map(() => ({ background: [clip('white')] })), catalog: CATALOG } });
        const failing: string[] = [];
        let overPicture = 0;
        for (const scene of laid) {
          const media = scene.elements[0];
          expect(media?.type, `${scene.scene.id}: the background is element 0`).toBe('media');
          for (const el of textElements(scene.elements)) {
            if (el.type !== 'text' || !el.text.lines.length) continue;
            if (contrast(el.color, el.on) < AA) failing.push(`${scene.scene.id}: "${el.text.lines[0]}" ${el.color} on ${el.on}`);
            if (el.on === scrimBackdrop((media as MediaElement).scrimBand?.alpha ?? (media as MediaElement).scrim ?? 0)) {
              overPicture++;
              const under = backdropUnder(media as MediaElement, el, scene.frame.width, scene.frame.height, 3);
              if (contrast(el.color, under) < AA) failing.push(`${scene.scene.id}: "${el.text.lines[0]}" ${el.color} over drawn ${under}`);
            }
          }
        }
        expect(failing).toEqual([]);
        expect(overPicture, 'text drawn straight over the picture was checked').toBeGreaterThan(10);
      });
    }
  }
});
