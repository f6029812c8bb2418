import { describe, expect, it } from 'vitest';
import type { LaidOutScene } from '../../src/render/compose.ts';
import type { MediaElement } from '../../src/render/elements.ts';
import { applyMediaTiming } from '../../src/render/media-timing.ts';
import { mediaNeeds } from '../../src/render/media-needs.ts';
import { CLIP_FADE } from '../../src/render/media-clips.ts';
import { loadExample, sentenceBeats } from './helpers.ts';
import { clip, layoutWithMedia, mediaSpec } from './media-fixtures.ts';

const list = loadExample().scenes.find((s) => s.kind === 'list')!;

/** A list scene over b-roll: three clips for sentences 0, 1 and 2. */
async function brollScene(clips = [clip('clipA', { loop: true }), clip('clipB', { sentence: 1 }), clip('photo', { sentence: 2 })]): Promise<LaidOutScene> {
  return layoutWithMedia(mediaSpec('16:9', [list]), 0, { background: clips });
}

const mediaOf = (laid: LaidOutScene) => laid.elements[0] as MediaElement;
const beats = sentenceBeats([
  ['First.', 2],
  ['Second.', 3],
  ['Third.', 1.5],
]);

describe('applyMediaTiming', () => {
  it('starts clip k at the onset of its sentence, the first at 0, and leaves the input untouched', async () => {
    const laid = await brollScene();
    const timed = applyMediaTiming(laid, beats);
    expect(mediaOf(timed).clips.map((c) => c.at)).toEqual([0, beats.sentences[1]!.start, beats.sentences[2]!.start]);
    expect(mediaOf(laid).clips.map((c) => c.at)).toEqual([0, 0, 0]);
    expect(applyMediaTiming(timed, beats)).toEqual(timed);
    expect(timed.settlesAt).toBe(Infinity);
  });

  it('keeps narration order when onsets are not increasing, and drops a clip whose sentence is not spoken (with a warning)', async () => {
    const laid = await brollScene([clip('clipA'), clip('clipB', { sentence: 2 }), clip('photo', { sentence: 1 }), clip('clipA', { sentence: 7 })]);
    const timed = applyMediaTiming(laid, beats);
    const at = mediaOf(timed).clips.map((c) => c.at);
    expect(at).toEqual([0, beats.sentences[2]!.start, beats.sentences[2]!.start]);
    expect(timed.warnings.filter((w) => w.includes('sentence 8'))).toHaveLength(1);
  });

  it('times an image scene of stills without motion: it settles after its last dissolve', async () => {
    const spec = mediaSpec('16:9', [{ kind: 'image', src: 'a.jpg', motion: 'none' }]);
    const laid = await layoutWithMedia(spec, 0, { main: clip('photo') });
    const media = laid.elements.find((e) => e.type === 'media') as MediaElement;
    media.clips.push({ ...media.clips[0]!, ref: 'red', sentence: 1 });
    const timed = applyMediaTiming(laid, beats);
    expect(timed.settlesAt).toBeCloseTo(beats.sentences[1]!.start + CLIP_FADE, 6);
  });
});

describe('mediaNeeds', () => {
  it('lists the one clip showing, then both during a dissolve, with footage seconds from each clip start', async () => {
    const timed = applyMediaTiming(await brollScene(), beats);
    const second = beats.sentences[1]!.start;
    expect(mediaNeeds(timed, 1)).toEqual([{ ref: 'clipA', seconds: 1 }]);
    // clipA (4 s, looped) keeps playing under the dissolve into clipB.
    expect(mediaNeeds(timed, second + 0.1)).toEqual([
      { ref: 'clipA', seconds: Math.round((second + 0.1) * 1000) / 1000 },
      { ref: 'clipB', seconds: 0.1 },
    ]);
    expect(mediaNeeds(timed, second + 1)).toEqual([{ ref: 'clipB', seconds: 1 }]);
    // clipB is 3 s and not looped: it holds its last frame.
    const third = beats.sentences[2]!.start;
    expect(mediaNeeds(timed, third - 0.01)).toEqual([{ ref: 'clipB', seconds: 2.999 }]);
    expect(mediaNeeds(timed, third + 2)).toEqual([{ ref: 'photo', seconds: 0 }]);
  });

  it('asks for nothing when the gradient is drawn, and for a looped clip wraps within its window', async () => {
    const grad = await layoutWithMedia(mediaSpec('9:16', [{ kind: 'video', src: 'gone.mp4' }]), 0, undefined);
    expect(mediaNeeds(grad, 3)).toEqual([]);
    const trimmed = await layoutWithMedia(mediaSpec('9:16', [{ kind: 'video', src: 'a.mp4', start: 1, end: 2.5, loop: true }]), 0, { main: clip('clipA', { sourceStart: 1, sourceEnd: 2.5, loop: true }) });
    expect(mediaNeeds(trimmed, 0)).toEqual([{ ref: 'clipA', seconds: 1 }]);
    expect(mediaNeeds(trimmed, 2)).toEqual([{ ref: 'clipA', seconds: 1.5 }]);
  });
});
