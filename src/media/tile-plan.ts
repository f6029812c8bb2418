/**
 * Splits a segment's frames into pieces joined without re-encoding: streamed pieces (drawn frames through a
 * FrameEncoder, short holds inside ffmpeg) and held runs, as synthesised holds (tileFrames 1, hold.ts, joined in Node)
 * or as tile repeats (one GOP-aligned tile of a held picture, encoded once and listed `repeats` times for the concat
 * demuxer). Pure planning: frame indices only, no I/O.
 */
import type { Hold } from './encoder.ts';

/** Frames [from, to) of the segment, streamed through one encoder. */
export interface StreamPiece {
  kind: 'stream';
  from: number;
  to: number;
}

/** Frames [from, from + tileFrames × repeats), all showing the picture of frame `from`. */
export interface TilePiece {
  kind: 'tile';
  from: number;
  repeats: number;
  tileFrames: number;
}

export type Piece = StreamPiece | TilePiece;

export interface TilePlanOptions {
  /** Frames per tile; every tile starts with an IDR, so this is also the keyframe spacing inside a tiled hold. */
  tileFrames: number;
  /** A run is tiled only when it fills at least this many tiles (see MIN_TILE_REPEATS for why). */
  minRepeats: number;
}

/** Runs of equal keys: `from` is the first frame, `length` how many frames share its key. */
export function runsOf(keys: readonly string[]): { from: number; length: number }[] {
  const runs: { from: number; length: number }[] = [];
  keys.forEach((key, i) => {
    const last = runs.at(-1);
    if (last && keys[last.from] === key) last.length++;
    else runs.push({ from: i, length: 1 });
  });
  return runs;
}

/**
 * Which runs become tiles. A run of L identical frames fills k = ⌊L / tileFrames⌋ tiles; the L − k·tileFrames frames
 * left over stay in the streamed piece before it (or after it when the run opens the segment), where ffmpeg's loop
 * filter holds them, so every piece boundary falls between whole packets and the frame count is exact.
 */
export function planPieces(keys: readonly string[], opts: TilePlanOptions): Piece[] {
  const { tileFrames, minRepeats } = opts;
  if (!Number.isInteger(tileFrames) || tileFrames < 1) throw new RangeError(`tileFrames must be a whole number ≥ 1, got ${tileFrames}`);
  const pieces: Piece[] = [];
  let streamFrom = 0;
  const stream = (to: number): void => {
    if (to > streamFrom) pieces.push({ kind: 'stream', from: streamFrom, to });
    streamFrom = to;
  };
  for (const run of runsOf(keys)) {
    const repeats = Math.floor(run.length / tileFrames);
    if (repeats < Math.max(1, minRepeats)) continue;
    const remainder = run.length - repeats * tileFrames;
    // The remainder goes first when something precedes the run (it extends that piece's hold); a run that opens the
    // segment has no piece before it, so its remainder starts the next one.
    const tileFrom = run.from > 0 ? run.from + remainder : run.from;
    stream(tileFrom);
    pieces.push({ kind: 'tile', from: tileFrom, repeats, tileFrames });
    streamFrom = tileFrom + repeats * tileFrames;
  }
  stream(keys.length);
  return pieces;
}

/** Frames the tile pieces cover. */
export function tiledFrames(pieces: readonly Piece[]): number {
  return pieces.reduce((n, p) => n + (p.kind === 'tile' ? p.repeats * p.tileFrames : 0), 0);
}

/** A run shorter than this is piped frame by frame (a hold pipes two frames and adds a filter). */
const MIN_HOLD_RUN = 3;
/** At most this many holds per segment, the longest first: a bounded filter graph whatever the scene does. */
const MAX_HOLDS = 64;

/**
 * Splits a segment's frames into runs of identical pictures (same signature, same burned-in caption) and picks the
 * runs ffmpeg should hold: before anything enters, between reveals while the voice talks, and after the scene settles.
 * Returns holds relative to the piped stream (see FrameEncoder `holds`) and, per frame, whether it is piped.
 */
export function planHolds(keys: readonly string[]): { holds: Hold[]; piped: boolean[] } {
  const runs = runsOf(keys);
  const chosen = new Set(
    runs
      .filter((r) => r.length >= MIN_HOLD_RUN)
      .sort((a, b) => b.length - a.length || a.from - b.from)
      .slice(0, MAX_HOLDS)
      .map((r) => r.from),
  );
  const piped = keys.map(() => true);
  const holds: Hold[] = [];
  let pipedBefore = 0;
  for (const run of runs) {
    if (chosen.has(run.from)) {
      // The first two frames of the run are piped; ffmpeg repeats the picture between them (FrameEncoder `holds`).
      holds.push({ at: pipedBefore, count: run.length - 2 });
      for (let k = run.from + 2; k < run.from + run.length; k++) piped[k] = false;
      pipedBefore += 2;
    } else pipedBefore += run.length;
  }
  return { holds, piped };
}
