import { describe, expect, it } from 'vitest';
import { drawScene, type LaidOutScene } from '../../src/render/compose.ts';
import { drawElements, elementsSettleAt, elementsSignature } from '../../src/render/draw.ts';
import type { MediaElement } from '../../src/render/elements.ts';
import { frameFor } from '../../src/render/geometry.ts';
import { activeClips, CLIP_FADE, sourceSeconds } from '../../src/render/media-clips.ts';
import { kenburnsAt, placePicture } from '../../src/render/media-fit.ts';
import { mediaNeeds } from '../../src/render/media-needs.ts';
import { VideoFrameComposer } from '../../src/render/video-frame.ts';
import { NO_MEDIA_FRAMES, type MediaFrames } from '../../src/render/media.ts';
import { createSurface } from '../../src/media/canvas.ts';
import { patternPicture, solidPicture, testFrames } from './helpers.ts';
import { CATALOG, clip, layoutWithMedia, mediaSpec } from './media-fixtures.ts';

const W = 320;
const H = 180;

function pixels(draw: (ctx: CanvasRenderingContext2D) => void, w = W, h = H): Uint8ClampedArray {
  const s = createSurface(w, h);
  draw(s.ctx);
  return s.ctx.getImageData(0, 0, w, h).data;
}

function differingShare(a: Uint8ClampedArray, b: Uint8ClampedArray, tolerance = 8): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) > tolerance || Math.abs(a[i + 1]! - b[i + 1]!) > tolerance || Math.abs(a[i + 2]! - b[i + 2]!) > tolerance) n++;
  return n / (a.length / 4);
}

const at = (data: Uint8ClampedArray, w: number, x: number, y: number) => [...data.slice((y * w + x) * 4, (y * w + x) * 4 + 3)];

function element(over: Partial<MediaElement>): MediaElement {
  return { type: 'media', box: { x: 0, y: 0, w: W, h: H }, fit: 'cover', motion: 'none', clips: [clip('photo', { kind: 'image' })], radius: 0, ...over };
}

const stills = testFrames({ photo: patternPicture(), red: solidPicture('#ff0000'), blue: solidPicture('#0000ff'), white: solidPicture('#ffffff'), tall: solidPicture('#ff0000', 90, 300) }, { clipA: '#ff9f0a', clipB: '#30d158' });

describe('Ken Burns', () => {
  const el = element({ motion: 'kenburns' });

  it('moves the picture: 0 s and 3 s differ; the same t gives identical pixels', () => {
    const p0 = pixels((c) => drawElements(c, [el], 0, 1, stills));
    const p3 = pixels((c) => drawElements(c, [el], 3, 1, stills));
    const again = pixels((c) => drawElements(c, [el], 3, 1, stills));
    expect(differingShare(p0, p3)).toBeGreaterThan(0.05);
    expect(differingShare(p3, again, 0)).toBe(0);
  });

  it('pushes in 1.00 → ~1.08 smoothly, with a source rectangle that only shrinks and drifts one way, inside the picture', () => {
    let last = placePicture(960, 540, { x: 0, y: 0, w: 1080, h: 1920 }, 'cover', kenburnsAt(0, 1234));
    expect(kenburnsAt(0, 1).scale).toBe(1);
    expect(kenburnsAt(60, 1).scale).toBeGreaterThan(1.07);
    expect(kenburnsAt(600, 1).scale).toBeLessThanOrEqual(1.08);
    const dx0 = Math.sign(kenburnsAt(1, 1234).dx);
    for (let f = 1; f <= 30 * 40; f++) {
      const p = placePicture(960, 540, { x: 0, y: 0, w: 1080, h: 1920 }, 'cover', kenburnsAt(f / 30, 1234));
      expect(p.source.w).toBeLessThan(last.source.w);
      // Per frame the crop moves a small fraction of a source pixel: a glide, never a step.
      expect(Math.abs(p.source.x - last.source.x)).toBeLessThan(0.5);
      expect(Math.sign(p.source.x + p.source.w / 2 - 480) || dx0).toBe(dx0);
      expect(p.source.x).toBeGreaterThanOrEqual(0);
      expect(p.source.y).toBeGreaterThanOrEqual(0);
      expect(p.source.x + p.source.w).toBeLessThanOrEqual(960);
      expect(p.source.y + p.source.h).toBeLessThanOrEqual(540);
      last = p;
    }
  });

  it('glides in pixels: every 30 fps frame moves, by an even amount (no stepping, no jitter)', () => {
    const frames = Array.from({ length: 31 }, (_, i) => pixels((c) => drawElements(c, [el], 1 + i / 30, 1, stills)));
    const steps = frames.slice(1).map((f, i) => {
      let sum = 0;
      for (let j = 0; j < f.length; j += 4) sum += Math.abs(f[j]! - frames[i]![j]!) + Math.abs(f[j + 1]! - frames[i]![j + 1]!) + Math.abs(f[j + 2]! - frames[i]![j + 2]!);
      return sum / (f.length / 4);
    });
    expect(Math.min(...steps)).toBeGreaterThan(0);
    // Measured 1.33 (0.18–0.24 mean channel change per frame at 320×180).
    expect(Math.max(...steps) / Math.min(...steps)).toBeLessThan(1.6);
  });

  it('never reveals an edge: a red picture covers every pixel at any time, cover and contain, any shape', () => {
    for (const [ref, fit] of [['red', 'cover'], ['tall', 'cover']] as const) {
      const e = element({ motion: 'kenburns', fit, clips: [clip(ref, { kind: 'image' })] });
      for (const t of [0, 0.5, 3, 10, 60, 3600]) {
        const p = pixels((c) => {
          c.fillStyle = '#00ff00';
          c.fillRect(0, 0, W, H);
          drawElements(c, [e], t, 1, stills);
        });
        for (let i = 0; i < p.length; i += 4) if (p[i + 1]! > 16) throw new Error(`${ref} ${fit} at ${t}s: page shows at pixel ${i / 4}`);
      }
    }
    // Contain: the picture keeps its own rectangle; the push happens inside it.
    const e = element({ motion: 'kenburns', fit: 'contain', clips: [clip('tall', { kind: 'image' })] });
    const p = pixels((c) => drawElements(c, [e], 20, 1, stills));
    expect(at(p, W, W / 2, H / 2)[0]).toBeGreaterThan(240);
    // Beside the contained picture nothing is drawn (the page shows through).
    expect(p[(Math.round(H / 2) * W + 5) * 4 + 3]).toBe(0);
  });
});

describe('clips in order with a cross-fade', () => {
  const el = element({ clips: [clip('red', { kind: 'image' }), clip('blue', { kind: 'image', sentence: 1, at: 2 })] });
  const centre = (t: number) => at(pixels((c) => drawElements(c, [el], t, 1, stills)), W, W / 2, H / 2);

  it('shows clip 1, dissolves into clip 2 over 0.4 s from its onset, then shows clip 2', () => {
    expect(centre(1.9)).toEqual([255, 0, 0]);
    const mid = centre(2 + CLIP_FADE / 2);
    expect(mid[0]).toBeGreaterThan(60);
    expect(mid[2]).toBeGreaterThan(60);
    expect(centre(2 + CLIP_FADE)).toEqual([0, 0, 255]);
    expect(centre(9)).toEqual([0, 0, 255]);
  });

  it('stills without motion settle after the last dissolve, and signatures change only while it runs', () => {
    expect(elementsSettleAt([el])).toBeCloseTo(2 + CLIP_FADE, 6);
    expect(elementsSignature([el], 0.5)).toBe(elementsSignature([el], 1.9));
    expect(elementsSignature([el], 2.1)).not.toBe(elementsSignature([el], 2.2));
    expect(elementsSignature([el], 2.5)).toBe(elementsSignature([el], 7));
  });

  it('both clips are needed during the dissolve, and footage keeps playing underneath', () => {
    const video = element({ clips: [clip('clipA', { kind: 'video', sourceEnd: 4, loop: true }), clip('clipB', { kind: 'video', sourceEnd: 3, sentence: 1, at: 2 })] });
    expect(mediaNeeds({ elements: [video] }, 2.1)).toEqual([
      { ref: 'clipA', seconds: 2.1 },
      { ref: 'clipB', seconds: 0.1 },
    ]);
    expect(mediaNeeds({ elements: [video] }, 2.5)).toEqual([{ ref: 'clipB', seconds: 0.5 }]);
    expect(activeClips(video, 2.1).map((a) => a.index)).toEqual([0, 1]);
  });
});

describe('footage', () => {
  it('plays from sourceStart, loops modulo its window, or holds its last frame', () => {
    const looped = clip('clipA', { kind: 'video', sourceStart: 1, sourceEnd: 3, loop: true });
    expect(sourceSeconds(looped, 0.5)).toBe(1.5);
    expect(sourceSeconds(looped, 2.5)).toBe(1.5);
    expect(sourceSeconds(looped, 4.25)).toBe(1.25);
    const held = { ...looped, loop: false };
    expect(sourceSeconds(held, 1.2)).toBe(2.2);
    expect(sourceSeconds(held, 50)).toBe(2.999);
    expect(sourceSeconds(clip('photo', { kind: 'image' }), 7)).toBe(0);
  });

  it('takes the clip length from the catalog, draws the frame asked for, and never settles', async () => {
    const spec = mediaSpec('16:9', [{ kind: 'video', src: 'a.mp4', start: 0, loop: false }]);
    const laid = await layoutWithMedia(spec, 0, { main: clip('clipA') }, frameFor('16:9', 180));
    expect(laid.settlesAt).toBe(Infinity);
    const media = laid.elements.find((e) => e.type === 'media') as MediaElement;
    expect(media.clips[0]).toMatchObject({ kind: 'video', sourceEnd: CATALOG.clipA!.duration });
    const frames = testFrames({}, { clipA: '#ff9f0a' });
    const surface = createSurface(laid.frame.width, laid.frame.height);
    drawScene(surface.ctx, laid, 1, frames);
    expect(frames.asked).toEqual(mediaNeeds(laid, 1));
    expect(frames.asked).toEqual([{ ref: 'clipA', seconds: 1 }]);
    // The synthetic clip's bar sits at (s mod 2)/2 of the sweep: at 1 s its left edge is 0.45 of the width.
    const data = surface.ctx.getImageData(0, 0, laid.frame.width, laid.frame.height).data;
    const row = 20;
    const w = laid.frame.width;
    const x = Math.round(0.45 * w + 0.05 * w);
    expect(at(data, w, x, row)[0]).toBeGreaterThan(200);
    expect(at(data, w, Math.round(0.2 * w), row)[0]).toBeLessThan(60);
    // Past its end without loop: the last frame holds, and the signature says so (the encoder holds the frame).
    expect(elementsSignature(laid.elements, 10)).toBe(elementsSignature(laid.elements, 11));
    expect(elementsSignature(laid.elements, 1)).not.toBe(elementsSignature(laid.elements, 1 + 1 / 30));
  });
});

describe('Ken Burns on mixed b-roll', () => {
  it('pushes the stills and draws footage as is', () => {
    // Footage whose frames never change: if it were pushed, two times would still differ.
    const frozen: MediaFrames = { frameAt: (ref) => (ref === 'clipA' ? patternPicture(320, 180) : undefined) };
    const el = element({ motion: 'kenburns', clips: [clip('clipA', { kind: 'video', sourceEnd: 4, loop: true }), clip('photo', { kind: 'image', sentence: 1, at: 5 })] });
    const f1 = pixels((c) => drawElements(c, [el], 1, 1, frozen));
    const f2 = pixels((c) => drawElements(c, [el], 3, 1, frozen));
    expect(differingShare(f1, f2, 0)).toBe(0);
    expect(elementsSignature([el], 6)).not.toBe(elementsSignature([el], 8));
    const p6 = pixels((c) => drawElements(c, [el], 6, 1, stills));
    const p8 = pixels((c) => drawElements(c, [el], 8, 1, stills));
    expect(differingShare(p6, p8)).toBeGreaterThan(0.05);
  });
});

describe('the gradient fallback', () => {
  const el = element({ clips: [clip('nothing-decoded', { kind: 'image' })], palette: { page: '#0b1120', accent: '#8b5cf6' }, motion: 'kenburns' });
  const frame = (t: number, frames: MediaFrames = NO_MEDIA_FRAMES) => pixels((c) => drawElements(c, [el], t, 1, frames));

  it('draws a varied, accent-tinted picture (not a hole, not a flat fill) that drifts slowly and deterministically', () => {
    const p0 = frame(0);
    const p6 = frame(6);
    expect(differingShare(p0, frame(0), 0)).toBe(0);
    expect(differingShare(p0, p6, 2)).toBeGreaterThan(0.1);
    // Between two frames at 30 fps almost nothing moves: no flashing.
    expect(differingShare(p0, frame(1 / 30), 3)).toBeLessThan(0.01);
    let min = 255;
    let max = 0;
    let alpha = 255;
    for (let i = 0; i < p0.length; i += 4) {
      const v = p0[i]! + p0[i + 1]! + p0[i + 2]!;
      min = Math.min(min, v);
      max = Math.max(max, v);
      alpha = Math.min(alpha, p0[i + 3]!);
    }
    expect(alpha).toBe(255);
    expect(max - min).toBeGreaterThan(60);
    // Violet accent: blue dominates green at the brightest glow.
    const [r, g, b] = at(p0, W, Math.round(W * 0.22), Math.round(H * 0.3));
    expect(b!).toBeGreaterThan(g!);
    expect(r!).toBeGreaterThan(g!);
  });

  it('stands in for an image scene whose picture was not resolved, and keeps moving', async () => {
    const laid = await layoutWithMedia(mediaSpec('9:16', [{ kind: 'image', src: 'x.jpg', motion: 'none' }]), 0, undefined, frameFor('9:16', 180));
    expect(laid.settlesAt).toBe(Infinity);
    expect(mediaNeeds(laid, 1)).toEqual([]);
  });
});

describe('settling, signatures and the frame composer with moving media', () => {
  it('a still image without motion settles once its entrances end; with Ken Burns it never settles', async () => {
    const still = await layoutWithMedia(mediaSpec('16:9', [{ kind: 'image', src: 'a.jpg', motion: 'none', title: 'A title' }]), 0, { main: clip('photo') });
    expect(still.settlesAt).toBeLessThan(2);
    const moving = await layoutWithMedia(mediaSpec('16:9', [{ kind: 'image', src: 'a.jpg', title: 'A title' }]), 0, { main: clip('photo') });
    expect(moving.settlesAt).toBe(Infinity);
    expect(elementsSignature(moving.elements, 5)).not.toBe(elementsSignature(moving.elements, 5 + 1 / 30));
  });

  it('draws frames, transitions out of a never-settling scene, and previews at settlesAt = Infinity', async () => {
    const spec = mediaSpec('16:9', [{ kind: 'video', src: 'a.mp4' }, { kind: 'image', src: 'b.jpg' }]);
    const frame = frameFor('16:9', 180);
    const scenes: LaidOutScene[] = [await layoutWithMedia(spec, 0, { main: clip('clipA') }, frame), await layoutWithMedia(spec, 1, { main: clip('photo') }, frame)];
    scenes[1] = { ...scenes[1]!, index: 1 };
    const surf = () => createSurface(frame.width, frame.height);
    const offscreen = () => {
      const s = surf();
      return { canvas: s.canvas as unknown as CanvasImageSource, ctx: s.ctx };
    };
    const [a, b, bg] = [offscreen(), offscreen(), offscreen()];
    const frames = testFrames({ photo: patternPicture() }, { clipA: '#ff9f0a' });
    const composer = new VideoFrameComposer(scenes, [a, b], bg, frames);
    const out = surf();
    const location = { scene: 0, t: 2, localFrame: 60, transition: { to: 1, kind: 'fade' as const, progress: 0.5 } };
    expect(composer.needs(location)).toEqual([{ ref: 'clipA', seconds: 2 }, { ref: 'photo', seconds: 0 }]);
    composer.draw(out.ctx, location);
    const sig1 = composer.signature(location);
    const sig2 = composer.signature({ ...location, t: 2 + 1 / 30, localFrame: 61 });
    expect(sig1).not.toBe(sig2);
    const preview = surf();
    drawScene(preview.ctx, scenes[1]!, scenes[1]!.settlesAt, frames);
    const p = preview.ctx.getImageData(0, 0, frame.width, frame.height).data;
    expect([...p].some((v) => Number.isNaN(v))).toBe(false);
    expect(differingShare(p, pixels((c) => drawScene(c, scenes[1]!, 0, frames), frame.width, frame.height))).toBeGreaterThan(0.01);
  });
});
