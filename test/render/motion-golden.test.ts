import { describe, it } from 'vitest';
import type { VideoSpec } from '../../src/spec/index.ts';
import { layoutScene, type LaidOutScene } from '../../src/render/compose.ts';
import { applyReveals } from '../../src/render/reveal.ts';
import { VideoFrameComposer } from '../../src/render/video-frame.ts';
import { drawCaption } from '../../src/render/captions-overlay.ts';
import { frameFor } from '../../src/render/geometry.ts';
import { createSurface, nodeMeasurer, type Surface } from '../../src/media/canvas.ts';
import { expectGolden as expectShared, layoutContext, loadExample, sentenceBeats } from './helpers.ts';

/**
 * Golden images of frames in motion — an entrance half-way, a list half-way through its narration (an item entering
 * while the one before is emphasised), code lines banded while a sentence names them, a transition half-way, and a
 * frame with a burned-in caption — at half of 1080p, with the tolerance of golden.test.ts. Update only on purpose:
 * `UPDATE_GOLDEN=1 npx vitest run test/render/motion-golden.test.ts`, then look at the changed PNGs before committing.
 */
const expectGolden = (name: string, surface: Surface) => expectShared('motion', name, surface, 'test/render/motion-golden.test.ts');


const spec = loadExample();
const byId = (id: string) => spec.scenes.findIndex((s) => s.id === id);

async function laid(id: string, aspect: VideoSpec['aspect'] = '16:9'): Promise<LaidOutScene> {
  const i = byId(id);
  const s = { ...spec, aspect };
  return layoutScene(s, s.scenes[i]!, i, { ...(await layoutContext()), frame: frameFor(aspect, 540) });
}

/** Draws one location through the composer the renderer uses (background surface, transition surfaces). */
function compose(scenes: LaidOutScene[], at: Parameters<VideoFrameComposer['draw']>[1]): Surface {
  const { width, height } = scenes[0]!.frame;
  const off = () => {
    const s = createSurface(width, height);
    return { canvas: s.canvas as unknown as CanvasImageSource, ctx: s.ctx };
  };
  const composer = new VideoFrameComposer(scenes, [off(), off()], off());
  const main = createSurface(width, height);
  composer.draw(main.ctx, at);
  return main;
}

const CONCEPTS: [string, number][] = [
  ['Asyncio has three building blocks.', 2],
  ['Coroutines are functions that can pause at an await.', 3],
  ['Tasks are coroutines scheduled to run.', 2.5],
  ['The event loop runs ready tasks one step at a time.', 3],
];

describe('golden frames in motion', () => {
  it('entrance-16x9: the heading and the first rows half-way through their entrance', async () => {
    const scene = await laid('concepts');
    await expectGolden('entrance-16x9', compose([scene], { scene: 0, t: 0.42, localFrame: 0 }));
  });

  for (const aspect of ['16:9', '9:16'] as const) {
    it(`reveal-${aspect.replace(':', 'x')}: half-way through the narration, the third item enters while the second is emphasised`, async () => {
      const timed = applyReveals(await laid('concepts', aspect), sentenceBeats(CONCEPTS));
      const third = timed.reveals!.steps[2]!;
      await expectGolden(`reveal-${aspect.replace(':', 'x')}`, compose([timed], { scene: 0, t: third.at + 0.12, localFrame: 0 }));
    });
  }

  it('code-focus-16x9: the lines a sentence names are banded while it plays', async () => {
    const timed = applyReveals(await laid('first-code'), sentenceBeats([['Three pages at once.', 1.5], ['First, fetch asks the session for one page.', 3]]));
    await expectGolden('code-focus-16x9', compose([timed], { scene: 0, t: 3.5, localFrame: 0 }));
  });

  it('transition-slide-16x9: a fifth of the way from a settled list into the code scene (eased: half the width)', async () => {
    const scenes = [await laid('concepts'), await laid('first-code')];
    await expectGolden('transition-slide-16x9', compose(scenes, { scene: 0, t: 6, localFrame: 0, transition: { to: 1, kind: 'slide', progress: 0.2 } }));
  });

  it('caption-16x9: a burned-in two-line caption over a settled scene', async () => {
    const scene = await laid('wisdom');
    const surface = compose([scene], { scene: 0, t: scene.settlesAt, localFrame: 0 });
    drawCaption(surface.ctx, scene.frame, { index: 0, scene: 0, start: 0, end: 3, text: 'Concurrency is about dealing\nwith lots of things at once.' }, { position: 'bottom', size: 'medium' }, nodeMeasurer(), 1);
    await expectGolden('caption-16x9', surface);
  });
});
