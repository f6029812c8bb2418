import { readFile, rm } from 'node:fs/promises';
import type { VideoSpec } from '../spec/index.ts';
import { locateFrame, type CaptionCue, type TimelinePlan } from '../timeline/index.ts';
import type { LaidOutScene } from '../render/compose.ts';
import { VideoFrameComposer } from '../render/video-frame.ts';
import { captionSignature, drawCaption } from '../render/captions-overlay.ts';
import type { PreparedMedia } from './media-stage.ts';
import { FrameEncoder, type MediaTools, type PresetName } from '../media/index.ts';
import { heldFrames } from '../media/encoder.ts';
import { concatSegments, type SegmentRef } from '../media/concat.ts';
import { partialPath } from '../media/atomic.ts';
import { planHolds, planPieces, tiledFrames, type Piece, type StreamPiece, type TilePiece } from '../media/tile-plan.ts';
import { MIN_TILE_REPEATS, ensureTile, tileFramesFor, tileKey } from '../media/tile.ts';
import { canSynthesiseFade, codedPictures, encodeHeldIdr, fadeUnits, holdUnits, skipTemplateFor, splitLead, splitTail, writeJoinedPieces, type SynthOptions } from '../media/hold.ts';
import { fadeAccessUnits, type AccessUnit, type SkipTemplate } from '../media/h264/skip-frames.ts';
import { PIECE_THREADS, fpsValue } from '../media/presets.ts';
import { fadeIntoSegment } from './fade-plan.ts';
import { nodeMeasurer, type Surface } from '../media/canvas.ts';
import { SegmentPictures } from './segment-pictures.ts';
import type { SegmentSurfaces } from '../media/segment-surfaces.ts';
import type { ArtifactCache} from './artifact-cache.ts';
import { RENDER_VERSION, contentHash } from './artifact-cache.ts';
import { rendererFingerprint } from './renderer-fingerprint.ts';
import { VideogenError } from '../errors.ts';
import { mediaElements, mediaNeeds } from '../render/media-needs.ts';
import { mediaAnimates } from '../render/media-clips.ts';
import type { MediaNeed } from '../render/media.ts';
import type { FrameLocation } from '../timeline/plan.ts';
import { sceneReadsRtl } from '../render/scenes/index.ts';

/**
 * A segment is the stretch of frames from the start of scene i's transition-in (the last frames of scene i-1) to the
 * start of scene i's own transition-out. Its picture depends only on scene i-1 and scene i, so editing one scene
 * re-renders at most two segments, and segments can be cached and joined without re-encoding.
 */
export interface Segment {
  index: number;
  startFrame: number;
  endFrame: number;
  key: string;
  path: string;
  cached: boolean;
}

export interface SegmentRenderOptions {
  spec: VideoSpec;
  plan: TimelinePlan;
  laid: readonly LaidOutScene[];
  preset: PresetName;
  tools: MediaTools;
  cache: ArtifactCache;
  /** Burned-in captions (cues) when enabled. */
  burnCaptions?: readonly CaptionCue[];
  /** Pictures and footage (decoded per segment by its own feeder). */
  media?: PreparedMedia;
  signal?: AbortSignal;
  onFrames?: (framesDone: number) => void;
}

function cueAt(cues: readonly CaptionCue[] | undefined, seconds: number): CaptionCue | undefined {
  return cues?.find((c) => seconds >= c.start && seconds < c.end);
}

export async function planSegments(opts: SegmentRenderOptions): Promise<Segment[]> {
  const { plan, laid, spec } = opts;
  const segments: Segment[] = [];
  for (const [i, scene] of plan.scenes.entries()) {
    const previous = i > 0 ? plan.scenes[i - 1]! : undefined;
    const startFrame = scene.startFrame - (previous?.transition.frames ?? 0);
    const endFrame = scene.endFrame - scene.transition.frames;
    const cues = opts.burnCaptions?.filter((c) => c.end > startFrame / plan.fps && c.start < endFrame / plan.fps).map((c) => ({ ...c, index: 0 }));
    const key = contentHash({
      v: RENDER_VERSION,
      // The renderer's own code: a change to how anything is drawn re-renders instead of reusing old pixels.
      renderer: rendererFingerprint(),
      // Workers with another ffmpeg build must not share segments: x264 versions differ in the bits they write.
      ffmpeg: opts.tools.version,
      // Reveal times and emphasis follow the narration: a re-voiced scene re-renders even when its spec is unchanged.
      reveals: laid[i]!.reveals ?? null,
      previousReveals: previous ? (laid[i - 1]!.reveals ?? null) : null,
      preset: opts.preset,
      frame: laid[i]!.frame,
      fps: plan.fps,
      theme: spec.theme,
      scene: laid[i]!.scene,
      // The same scene in an Arabic video is the mirror image of the English one.
      rtl: sceneReadsRtl(laid[i]!.scene, spec.language),
      previous: previous ? { scene: laid[i - 1]!.scene, rtl: sceneReadsRtl(laid[i - 1]!.scene, spec.language), frames: previous.frames, transition: previous.transition } : null,
      frames: scene.frames,
      transition: scene.transition,
      // Absolute times matter only for burned-in captions; relative to the segment start they are what is drawn.
      cues: cues?.map((c) => ({ ...c, index: 0, scene: 0, start: c.start - startFrame / plan.fps, end: c.end - startFrame / plan.fps })),
      style: opts.burnCaptions ? spec.captions.style : null,
      // Pictures and footage by content hash: replacing a clip's bytes re-renders, renaming the file does not.
      media: opts.media ? { scene: opts.media.scenes[i] ?? null, hashes: opts.media.sceneHashes[i] ?? [] } : null,
      previousMedia: opts.media && previous ? { scene: opts.media.scenes[i - 1] ?? null, hashes: opts.media.sceneHashes[i - 1] ?? [] } : null,
    });
    const path = await opts.cache.pathFor('segments', key, 'mp4');
    segments.push({ index: i, startFrame, endFrame, key, path, cached: await opts.cache.has(path) });
  }
  return segments;
}

/**
 * What one segment cost: frames drawn on the canvas, frames sent down the pipe, frames ffmpeg repeated itself (loop
 * filter), frames covered by repeated tiles, and the processes it started. The last three are optional so stats made
 * elsewhere (cached segments, queue results) stay valid; renderSegment always sets them.
 */
export interface SegmentStats {
  frames: number;
  drawn: number;
  piped: number;
  held: number;
  /** Frames shown by synthesised holds or tile repeats (never piped nor encoded as part of this segment's streams). */
  tiled?: number;
  /** Fade frames the decoder blends from two coded pictures (skip B frames, hold.ts): never drawn nor encoded. */
  blended?: number;
  /**
   * Tiles this segment encoded (a tile already in the cache, or encoded by another segment, is not counted), plus the
   * synthesised hold and fade pieces it wrote (each draws its pictures, whether or not a held IDR was cached).
   */
  tilesEncoded?: number;
  /** ffmpeg processes started: one per streamed piece, tile, held picture or fade encoded, one for a concat join. */
  spawns?: number;
}

/**
 * Renders one segment. Each distinct picture is drawn once. Long holds are synthesised (hold.ts: one IDR of the
 * picture plus skip frames; tiles from tile.ts where the stream offers no skip slices), an opening fade is two coded
 * pictures plus skip B frames the decoder blends (fade-plan.ts decides when that is exact); the rest is streamed,
 * frames identical to the one before piped again from the same buffer where a run is too short to hold and held inside
 * ffmpeg otherwise. A segment of one streamed piece is written by ffmpeg straight to `segment.path`; with skip slices
 * the pieces are joined in Node (joinPieces), and only the tile fallback joins them with the concat demuxer.
 */
export async function renderSegment(segment: Segment, opts: SegmentRenderOptions, surfaces: SegmentSurfaces): Promise<SegmentStats> {
  const { plan, laid } = opts;
  const offscreen = (s: Surface) => ({ canvas: s.canvas as unknown as CanvasImageSource, ctx: s.ctx });
  const feeder = opts.media?.feeder();
  const composer = new VideoFrameComposer(laid, [offscreen(surfaces.a), offscreen(surfaces.b)], surfaces.backgrounds.map(offscreen), feeder);
  const frame = laid[segment.index]!.frame;
  const measure = nodeMeasurer();
  const captionStyle = opts.spec.captions.style;
  const count = segment.endFrame - segment.startFrame;
  const locations = Array.from({ length: count }, (_, i) => locateFrame(plan, segment.startFrame + i));
  const cues = locations.map((_, i) => cueAt(opts.burnCaptions, (segment.startFrame + i) / plan.fps));
  // Frames with the same picture (before anything enters, between entrances and reveals, once settled) and the same
  // caption are identical.
  // Footage, Ken Burns motion and the gradient fallback change every frame: such frames are never held.
  const moving = laid.map((scene) => mediaElements(scene.elements).some(mediaAnimates));
  const captionKeys = locations.map((_, i) => captionSignature(cues[i], (segment.startFrame + i) / plan.fps, captionStyle));
  const keys = locations.map((at, i) => `${composer.signature(at)}|${captionKeys[i]}${moving[at.scene] ? `|f${i}` : ''}`);
  // Held pictures and fades are synthesised from skip frames where the stream allows it (hold.ts); tiles otherwise.
  const synth = synthOptionsFor(frame, plan.fps, opts);
  const template = await skipTemplateFor(synth);
  const fadeFrames = fadeIntoSegment({ locations, captionKeys, moving, signature: (at) => composer.signature(at) });
  const fade = fadeFrames !== undefined && canSynthesiseFade(template, fadeFrames) ? { frames: fadeFrames, to: fadeFrames + 1 } : undefined;
  const pieces: (Piece | FadePiece)[] = [
    ...(fade ? [{ kind: 'fade' as const, from: 0, to: fade.to, blended: fade.frames - 1 }] : []),
    ...shiftPieces(planPieces(keys.slice(fade?.to ?? 0), template ? { tileFrames: 1, minRepeats: minHoldFrames(frame.width, frame.height, plan.fps) } : { tileFrames: tileFramesFor(plan.fps), minRepeats: MIN_TILE_REPEATS }), fade?.to ?? 0),
  ];
  const direct = pieces.length === 1 && pieces[0]!.kind === 'stream';
  const stats: Required<SegmentStats> = { frames: count, drawn: 0, piped: 0, held: 0, tiled: tiledFrames(pieces.filter((p): p is Piece => p.kind !== 'fade')), blended: fade ? fade.frames - 1 : 0, tilesEncoded: 0, spawns: direct ? 1 : 0 };

  const draw = (i: number): void => {
    composer.draw(surfaces.main.ctx, locations[i]!);
    const cue = cues[i];
    if (cue) drawCaption(surfaces.main.ctx, frame, cue, captionStyle, measure, (segment.startFrame + i) / plan.fps);
  };
  // Decoding is asynchronous and drawing is not: the frames a picture shows are decoded first.
  const pictures = new SegmentPictures(surfaces.main, surfaces.pixels, keys, draw, feeder && ((i) => feeder.prepare(needsAt(laid, locations[i]!))));

  const encoders: FrameEncoder[] = [];
  // One converter for every piece of the segment (and, through the pool, the slot's next segment): rows that did not
  // change since the picture before are not converted again.
  const converter = surfaces.converters.take();
  // Piece encoders finish (ffmpeg flushes) and tiles encode while the next piece is drawn: both cores stay busy.
  const pending: Promise<unknown>[] = [];
  /** Keeps a promise that is awaited later from counting as unhandled meanwhile, and waits for it before the join. */
  const track = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    pending.push(p);
    return p;
  };
  const refs: SegmentRef[] = [];
  const temps: string[] = [];
  /**
   * Streams frames [piece.from, piece.to) into one encoder. `lead`: pictures coded before them (a fade's first blend
   * and incoming picture, see joinPieces), the first of the piece's own frames then coded as an IDR. `tail`: the
   * picture of that frame is coded after them as an IDR, so the hold after the piece needs no encoder of its own.
   * Neither counts as piped: the fade and the hold show them.
   */
  const streamPiece = async (piece: StreamPiece, output: string, how: { container?: 'h264'; lead?: readonly Uint8Array[]; tail?: number } = {}): Promise<{ finished: Promise<unknown> }> => {
    const { holds, piped } = planHolds(keys.slice(piece.from, piece.to));
    const lead = how.lead ?? [];
    const keyframes = [...(lead.length ? [lead.length] : []), ...(how.tail !== undefined ? [lead.length + piece.to - piece.from] : [])];
    const encoder = await FrameEncoder.open({
      output,
      width: frame.width,
      height: frame.height,
      fps: plan.fps,
      preset: opts.preset,
      tools: opts.tools,
      converter,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(holds.length ? { holds: holds.map((h) => ({ ...h, at: h.at + lead.length })) } : {}),
      ...(how.container ? { container: how.container } : {}),
      ...(keyframes.length ? { keyframes } : {}),
      // scenecut=0 with a lead: x264 must code the incoming picture as a P frame of the blend, not as a new I frame.
      tweaks: { x264: [...PIECE_THREADS, ...(lead.length ? ['scenecut=0'] : [])] },
    });
    for (const picture of lead) await encoder.writeFrame(picture);
    encoders.push(encoder);
    // Progress: a piped frame stands for itself and the held frames after it, so the bar moves evenly over holds.
    const standsFor = piped.map(() => 0);
    for (let i = piped.length - 1, later = 0; i >= 0; i--) {
      if (piped[i]) [standsFor[i], later] = [later + 1, 0];
      else later++;
    }
    for (let k = 0; k < piped.length; k++) {
      if (!piped[k]) continue;
      if (opts.signal?.aborted) throw new VideogenError('CANCELLED', 'render cancelled');
      await encoder.writeFrame(await pictures.at(piece.from + k));
      opts.onFrames?.(standsFor[k]!);
    }
    if (how.tail !== undefined) await encoder.writeFrame(await pictures.at(how.tail));
    stats.held += heldFrames(holds);
    stats.piped += encoder.framesWritten - lead.length - (how.tail !== undefined ? 1 : 0);
    // Wrapped: an async function returning the promise itself would wait for ffmpeg to flush before drawing on.
    return { finished: track(encoder.finish()) };
  };
  /** Without skip slices a long hold is a tile repeated by the concat demuxer (tile.ts). */
  const tilePiece = async (piece: TilePiece): Promise<void> => {
    const { pixels, readBy } = await pictures.kept(piece.from);
    const tile = { width: frame.width, height: frame.height, fps: plan.fps, preset: opts.preset, tools: opts.tools, tileFrames: piece.tileFrames, ...(opts.signal ? { signal: opts.signal } : {}) };
    const path = await opts.cache.pathFor('tiles', tileKey(pixels, tile), 'mp4');
    track(readBy(ensureTile(pixels, path, tile)).then((fresh) => {
      if (fresh) [stats.tilesEncoded, stats.spawns] = [stats.tilesEncoded + 1, stats.spawns + 1];
    }));
    for (let r = 0; r < piece.repeats; r++) refs.push({ path, frames: piece.tileFrames });
    opts.onFrames?.(piece.repeats * piece.tileFrames);
  };

  /**
   * With skip slices at hand (and more than one piece) every piece becomes coded pictures joined here into the
   * segment's MP4 (hold.ts writeJoinedPieces), with no concat run: streamed pieces come out of x264 as Annex B, and a
   * stream followed by a hold codes the held picture as its last frame, an IDR the hold repeats, so the hold costs no
   * encoder of its own. Only a hold with no stream before it encodes its IDR alone (encodeHeldIdr, cached).
   */
  const joinPieces = async (skip: SkipTemplate): Promise<void> => {
    const parts: Promise<AccessUnit[]>[] = [];
    let tailIdr: Promise<Uint8Array[]> | undefined;
    /** A streamed piece as coded pictures; when a hold follows, its last picture is the hold's IDR (tailIdr). */
    const streamInto = async (piece: StreamPiece, next: Piece | FadePiece | undefined, lead?: Uint8Array[]): Promise<{ units: Promise<AccessUnit[]>; tailIdr?: Promise<Uint8Array[]> }> => {
      const output = partialPath(`${segment.path}.piece${piece.from}.h264`);
      temps.push(output);
      stats.spawns++;
      const tail = next?.kind === 'tile' ? next.from : undefined;
      const { finished } = await streamPiece(piece, output, { container: 'h264', ...(lead ? { lead } : {}), ...(tail !== undefined ? { tail } : {}) });
      const coded = track(finished.then(async () => codedPictures(await readFile(output), skip)));
      if (tail === undefined) return { units: coded };
      const split = coded.then((units) => splitTail(units, piece.to - piece.from + (lead?.length ?? 0)));
      return { units: track(split.then((s) => s.units)), tailIdr: track(split.then((s) => s.idr)) };
    };
    for (let index = 0; index < pieces.length; index++) {
      const piece = pieces[index]!;
      const idrBefore = tailIdr;
      tailIdr = undefined;
      if (piece.kind === 'fade') {
        const first = await pictures.kept(piece.from);
        const incoming = await pictures.kept(piece.to - 1);
        const readBy = <T>(reader: Promise<T>): Promise<T> => first.readBy(incoming.readBy(reader));
        stats.tilesEncoded++;
        opts.onFrames?.(piece.to - piece.from);
        const next = pieces[index + 1];
        if (next?.kind !== 'stream') {
          stats.spawns++;
          parts.push(track(readBy(fadeUnits(first.pixels, incoming.pixels, piece.blended + 1, skip, synth))));
          continue;
        }
        // The fade's two pictures lead the stream after it: one encoder instead of two (streamPiece `lead`).
        index++;
        const streamed = await streamInto(next, pieces[index + 1], [first.pixels, incoming.pixels]);
        const split = streamed.units.then((units) => splitLead(units, 2));
        const fade = (lead: Uint8Array[][] | undefined): AccessUnit[] | undefined => {
          try {
            return lead && fadeAccessUnits(skip, lead[0]!, lead[1]!, piece.blended + 1);
          } catch {
            return undefined; // x264 coded the pair otherwise (fadeAccessUnits says how): encode it alone
          }
        };
        parts.push(track(readBy(split.then(async (s) => {
          const synthesised = fade(s.lead);
          if (synthesised) return synthesised;
          stats.spawns++;
          return fadeUnits(first.pixels, incoming.pixels, piece.blended + 1, skip, synth);
        }))));
        parts.push(track(split.then((s) => s.units)));
        tailIdr = streamed.tailIdr;
      } else if (piece.kind === 'tile') {
        const frames = piece.repeats * piece.tileFrames;
        let idr = idrBefore;
        if (!idr) {
          const { pixels, readBy } = await pictures.kept(piece.from);
          stats.spawns++;
          idr = track(readBy(encodeHeldIdr(pixels, skip, synth)));
        }
        stats.tilesEncoded++;
        parts.push(track(idr.then((nals) => holdUnits(nals, frames, skip, synth))));
        opts.onFrames?.(frames);
      } else {
        const streamed = await streamInto(piece, pieces[index + 1]);
        parts.push(streamed.units);
        tailIdr = streamed.tailIdr;
      }
    }
    const coded = await Promise.all(parts);
    await Promise.all(pending);
    await writeJoinedPieces(segment.path, skip, coded, synth);
  };

  try {
    if (template && !direct) {
      await joinPieces(template);
      return stats;
    }
    // Here fades are streamed: a fade piece exists only with skip slices, which take the branch above.
    for (const piece of pieces) {
      if (piece.kind === 'fade') throw new Error('a synthesised fade needs skip slices');
      if (piece.kind === 'tile') {
        await tilePiece(piece);
        continue;
      }
      const output = direct ? segment.path : partialPath(`${segment.path}.piece${piece.from}`);
      if (!direct) [temps[temps.length], stats.spawns] = [output, stats.spawns + 1];
      await streamPiece(piece, output);
      refs.push({ path: output, frames: piece.to - piece.from });
    }
    await Promise.all(pending);
    if (!direct) {
      await concatSegments(refs, segment.path, { fps: plan.fps, tools: opts.tools, ...(opts.signal ? { signal: opts.signal } : {}) });
      stats.spawns++;
    }
  } catch (error) {
    await Promise.all(encoders.map((e) => e.abort()));
    throw error;
  } finally {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    await feeder?.close();
    // Every write of its shown picture was awaited, so nothing reads it any more, even after a failure.
    pictures.close();
    surfaces.converters.give(converter);
    stats.drawn = pictures.drawn; // the returned stats object, on either return
  }
  return stats;
}

/** The first frames of a segment shown as a synthesised fade: [from, to), of which `blended` are skip B frames. */
interface FadePiece {
  kind: 'fade';
  from: number;
  to: number;
  blended: number;
}

function shiftPieces(pieces: Piece[], by: number): Piece[] {
  return pieces.map((p) => (p.kind === 'stream' ? { ...p, from: p.from + by, to: p.to + by } : { ...p, from: p.from + by }));
}

/**
 * The shortest run of identical frames worth a synthesised hold: the hold costs one intra-coded picture (the stream's
 * tail IDR, ~30 ms at 1080p; ~0.2 s with ffmpeg's start-up when no stream precedes it) and, inside a segment, splits
 * the stream, whose next piece starts another encoder (~0.1 s); a held frame inside a stream costs x264 ~19 ms at
 * 1080p standard and ~4 ms at 720p draft (2-core machine, ±20 %). So half a second of frames pays at 1080p and above,
 * a second and a half at smaller sizes. (Measured when the IDR was always encoded alone; deck-12 now leaves only 28 of
 * 1800 frames to ffmpeg's own holds, so the threshold was not re-tuned.)
 */
export function minHoldFrames(width: number, height: number, fps: number | `${number}/${number}`): number {
  return Math.ceil(fpsValue(fps) * (width * height >= 1920 * 1080 ? 0.5 : 1.5));
}

/**
 * What holds and fades are synthesised with (hold.ts) for a frame size and rate. The skip template is memoised by
 * these, so render-video.ts, which starts the template early, must build them the same way: here.
 */
export function synthOptionsFor(frame: { width: number; height: number }, fps: number, opts: Pick<SegmentRenderOptions, 'preset' | 'tools' | 'cache' | 'signal'>): SynthOptions {
  return { width: frame.width, height: frame.height, fps, preset: opts.preset, tools: opts.tools, cache: opts.cache, ...(opts.signal ? { signal: opts.signal } : {}) };
}

/** What a draw at `at` shows: the scene at its time and, during a transition, the incoming scene's first frame. */
export function needsAt(laid: readonly LaidOutScene[], at: FrameLocation): MediaNeed[] {
  const needs = mediaNeeds(laid[at.scene]!, at.t);
  if (at.transition) needs.push(...mediaNeeds(laid[at.transition.to]!, 0));
  return needs;
}
