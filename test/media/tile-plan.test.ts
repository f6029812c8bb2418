import { describe, expect, it } from 'vitest';
import { planPieces, runsOf, tiledFrames, type Piece } from '../../src/media/tile-plan.ts';
import { MIN_TILE_REPEATS, tileFramesFor } from '../../src/media/tile.ts';
import { gopFrames } from '../../src/media/presets.ts';

/** Keys for runs of pictures: [['a', 3], ['b', 100]] → 3 × 'a' then 100 × 'b'. */
function keysOf(runs: [string, number][]): string[] {
  return runs.flatMap(([key, n]) => Array.from({ length: n }, () => key));
}

/** Every frame is covered exactly once, in order, and every tile shows one picture. */
function expectCovers(pieces: readonly Piece[], keys: readonly string[]): void {
  let at = 0;
  for (const p of pieces) {
    expect(p.from).toBe(at);
    if (p.kind === 'stream') {
      expect(p.to).toBeGreaterThan(p.from);
      at = p.to;
    } else {
      const frames = p.repeats * p.tileFrames;
      expect(new Set(keys.slice(p.from, p.from + frames)).size).toBe(1);
      at += frames;
    }
  }
  expect(at).toBe(keys.length);
}

const T = 30;
const opts = { tileFrames: T, minRepeats: 3 };

describe('planPieces: which holds become tiles', () => {
  it('a settled hold at the end of a segment: the remainder stays in the streamed piece before the tiles', () => {
    // The deck's shape: a 15-frame transition, 27 animated frames, a 108-frame settled hold.
    const keys = keysOf([...Array.from({ length: 42 }, (_, i): [string, number] => [`f${i}`, 1]), ['settled', 108]]);
    const pieces = planPieces(keys, opts);
    // 108 = 3 × 30 + 18: the 18 frames left over extend the stream (its loop-filter hold), the tiles end the segment.
    expect(pieces).toEqual([
      { kind: 'stream', from: 0, to: 60 },
      { kind: 'tile', from: 60, repeats: 3, tileFrames: T },
    ]);
    expectCovers(pieces, keys);
    expect(tiledFrames(pieces)).toBe(90);
  });

  it('a hold in the middle splits the stream in two; a run that opens the segment puts its remainder after the tiles', () => {
    const keys = keysOf([['opening', 100], ['x', 1], ['y', 1], ['middle', 95], ['z', 1]]);
    const pieces = planPieces(keys, opts);
    expect(pieces).toEqual([
      { kind: 'tile', from: 0, repeats: 3, tileFrames: T },
      { kind: 'stream', from: 90, to: 107 }, // 10 frames of 'opening', x, y, 5 frames of 'middle'
      { kind: 'tile', from: 107, repeats: 3, tileFrames: T },
      { kind: 'stream', from: 197, to: 198 },
    ]);
    expectCovers(pieces, keys);
  });

  it('runs that fill fewer tiles than the bar, and frames that all differ, stay one streamed piece', () => {
    for (const keys of [keysOf([['a', 89], ['b', 60], ['c', 2]]), Array.from({ length: 300 }, (_, i) => `f${i}`), []]) {
      const pieces = planPieces(keys, opts);
      expect(pieces).toEqual(keys.length ? [{ kind: 'stream', from: 0, to: keys.length }] : []);
    }
  });

  it('a whole segment of one picture is tiles only when it divides evenly, else tiles then the remainder', () => {
    expect(planPieces(keysOf([['still', 120]]), opts)).toEqual([{ kind: 'tile', from: 0, repeats: 4, tileFrames: T }]);
    const ragged = keysOf([['still', 125]]);
    expect(planPieces(ragged, opts)).toEqual([
      { kind: 'tile', from: 0, repeats: 4, tileFrames: T },
      { kind: 'stream', from: 120, to: 125 },
    ]);
  });

  it('rejects a tile length that is not a whole number of frames', () => {
    expect(() => planPieces(['a'], { tileFrames: 0, minRepeats: 1 })).toThrow(RangeError);
    expect(() => planPieces(['a'], { tileFrames: 2.5, minRepeats: 1 })).toThrow(RangeError);
  });

  it('runsOf groups equal neighbours only', () => {
    expect(runsOf(['a', 'a', 'b', 'a'])).toEqual([{ from: 0, length: 2 }, { from: 2, length: 1 }, { from: 3, length: 1 }]);
  });
});

describe('tile length', () => {
  it('divides the GOP, so no keyframe gap in a video exceeds 2 s', () => {
    for (const fps of [24, 25, 30, 50, 60, '30000/1001'] as const) {
      const t = tileFramesFor(fps);
      expect(gopFrames(fps) % t).toBe(0);
      expect(t).toBeLessThanOrEqual(gopFrames(fps));
    }
    expect(tileFramesFor(30)).toBe(30);
    expect(MIN_TILE_REPEATS).toBeGreaterThanOrEqual(2);
  });
});
