import { describe, expect, it } from 'vitest';
import { drawScene } from '../../src/render/compose.ts';
import { createSurface, type Surface } from '../../src/media/canvas.ts';
import { expectGolden as expectShared, loadExample, patternPicture, testFrames } from './helpers.ts';
import { clip, layoutWithMedia, mediaSpec } from './media-fixtures.ts';
import type { SceneInput } from '../../src/spec/index.ts';
import type { SceneMedia } from '../../src/render/media.ts';

/**
 * Golden images of pictures and footage in scenes: image (cover with a title band, contain on the page), video (a
 * synthetic clip mid-sweep), the drawn gradient when no footage was found, and a list over a photo background, at
 * 16:9 and 9:16, 360 px short side (the media is synthetic, so a small frame shows the same layout). Update only on
 * purpose: `UPDATE_GOLDEN=1 npx vitest run test/render/media-golden.test.ts`, then look at the PNGs before committing.
 */
const expectGolden = (name: string, surface: Surface) => expectShared('media', name, surface, 'test/render/media-golden.test.ts');

const list = loadExample().scenes.find((s) => s.kind === 'list')!;
const words = { title: 'The harbour at first light', caption: 'Fishing boats head out before the tide turns' };

const CASES: { name: string; scene: SceneInput; media: SceneMedia | undefined; t: number }[] = [
  { name: 'image-cover', scene: { kind: 'image', src: 'harbour.jpg', ...words }, media: { main: clip('photo') }, t: 3 },
  { name: 'image-contain', scene: { kind: 'image', src: 'harbour.jpg', fit: 'contain', ...words }, media: { main: clip('photo') }, t: 3 },
  { name: 'video-cover', scene: { kind: 'video', src: 'clip.mp4', title: 'Rush hour', caption: 'Footage keeps moving under the words' }, media: { main: clip('clipA') }, t: 3 },
  { name: 'video-gradient', scene: { kind: 'video', src: 'missing.mp4', title: 'No footage found offline', caption: 'The drawn gradient stands in' }, media: undefined, t: 2 },
  { name: 'list-over-photo', scene: list as SceneInput, media: { background: [clip('photo')] }, t: 30 },
];

describe('golden images of media scenes', () => {
  const frames = testFrames({ photo: patternPicture() }, { clipA: '#ff9f0a' });
  for (const aspect of ['16:9', '9:16'] as const) {
    for (const c of CASES) {
      it(`${c.name} ${aspect}`, async () => {
        const laid = await layoutWithMedia(mediaSpec(aspect, [c.scene]), 0, c.media);
        expect(laid.warnings).toEqual([]);
        const surface = createSurface(laid.frame.width, laid.frame.height);
        drawScene(surface.ctx, laid, c.t, frames);
        await expectGolden(`${c.name}-${aspect.replace(':', 'x')}`, surface);
      });
    }
  }
});
