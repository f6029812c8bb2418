import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { writeAtomically } from './atomic.ts';
import { encodeAnnexB } from './annexb-encode.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { splitAnnexB } from './h264/nal.ts';
import { fadeAccessUnits, fadeFits, holdAccessUnits, parameterSets, skipTemplate, type AccessUnit, type SkipTemplate } from './h264/skip-frames.ts';
import { writeAvcMp4 } from './mp4-writer.ts';
import { streamAccessUnits } from './h264/stream-units.ts';
import { YUV_CONVERSION } from './yuv.ts';
import { PIECE_THREADS, gopFrames, resolvePreset, videoCodecArgs, type FrameRate, type PresetName } from './presets.ts';

/**
 * Held pictures and fades without frame-by-frame encoding (see h264/skip-frames.ts for the bitstream side).
 *
 * A hold of any length is one IDR of the picture followed by skip P frames that copy it, with the IDR repeated every
 * GOP: a 10 s hold costs one picture's encode instead of 300 frames'. The IDR is the last frame x264 codes in the
 * streamed piece before the hold (segments.ts), or encoded alone and cached by content (encodeHeldIdr).
 * A fade is x264's coding of its first blended frame and of the incoming picture, with skip B frames between them that
 * the decoder blends itself: 2 encoded frames instead of 16 (they lead the streamed piece after the fade, or are
 * encoded alone: fadeUnits).
 * Pieces share the parameter sets x264 writes for every piece, so a segment's pieces are written as one MP4 in Node
 * (writeJoinedPieces, mp4-writer.ts), and segments join each other by stream copy.
 */

/** Bump when synthesised pieces change shape, so cached templates and pictures are never reused across versions. */
const SYNTH_VERSION = 's1';

/**
 * How much lower the CRF of a held picture's IDR is than the preset's. In a streamed or tiled hold x264's macroblock
 * tree sees the picture repeat and spends more bits on it; an IDR coded alone gets no such help. Measured on a deck
 * slide at 1080p standard (CRF 21): alone 45.4 dB PSNR / 20 KB, at CRF 16 49.9 dB / 38 KB, a 30-frame tile's IDR
 * 51.0 dB / 40 KB. Five lower is what keeps a long hold as sharp as before.
 */
export const HOLD_CRF_DROP = 5;

/** Where templates and held pictures are cached (ArtifactCache / ArtifactStore's local side). */
export interface SynthCache {
  pathFor(kind: string, key: string, ext: string): Promise<string>;
  has(path: string): Promise<boolean>;
}

export interface SynthOptions {
  width: number;
  height: number;
  fps: FrameRate;
  preset: PresetName;
  tools: MediaTools;
  cache: SynthCache;
  signal?: AbortSignal;
}

function codecKey(opts: SynthOptions): unknown {
  return { v: SYNTH_VERSION, width: opts.width, height: opts.height, fps: String(opts.fps), codec: videoCodecArgs(opts.preset, opts.fps), filter: YUV_CONVERSION, ffmpeg: opts.tools.version };
}

function hashOf(...parts: (Uint8Array | string)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** The stream cached at `path`, or the one `encode` makes, published atomically for the next render. */
async function cachedStream(cache: SynthCache, path: string, encode: () => Promise<Uint8Array>): Promise<Uint8Array> {
  if (await cache.has(path)) return readFile(path);
  const stream = await encode();
  await writeAtomically(path, (partial) => writeFile(partial, stream));
  return stream;
}

const templates = new Map<string, Promise<SkipTemplate | undefined>>();

/** Frames of flat grey the template is cut from: enough for x264 to write both a skip P and a skip B frame. */
const TEMPLATE_FRAMES = 8;

/**
 * The skip slices for this size, rate and preset, encoded once (≈ 0.5 s) and cached; undefined when the stream offers
 * none, in which case holds fall back to tiles (tile.ts) and fades to streaming.
 */
export function skipTemplateFor(opts: SynthOptions): Promise<SkipTemplate | undefined> {
  const key = hashOf(JSON.stringify(codecKey(opts)));
  let pending = templates.get(key);
  if (!pending) {
    pending = (async () => {
      const path = await opts.cache.pathFor('tiles', `template-${key}`, 'h264');
      const stream = await cachedStream(opts.cache, path, () => encodeAnnexB([Buffer.alloc(opts.width * opts.height * 4, 128)], { ...opts, repeat: TEMPLATE_FRAMES }));
      try {
        return skipTemplate(splitAnnexB(stream));
      } catch {
        return undefined;
      }
    })();
    // A cancelled or failed encode must not stay memoised for the next render.
    pending.catch(() => templates.delete(key));
    templates.set(key, pending);
  }
  return pending;
}

/**
 * The coded pictures of an x264 Annex B stream in decode order with their display indices, checked to share the
 * template's parameter sets (otherwise they could not sit in one MP4 sample entry with the synthesised frames).
 */
export function codedPictures(stream: Uint8Array, template: SkipTemplate): AccessUnit[] {
  const nals = splitAnnexB(stream);
  const sets = parameterSets(nals);
  if (!sets || !Buffer.from(sets.sps).equals(template.sps) || !Buffer.from(sets.pps).equals(template.pps)) {
    throw new RangeError('x264 wrote parameter sets that differ from the template; the pieces could not be joined');
  }
  return streamAccessUnits(nals, template.spsInfo, template.ppsInfo);
}

/**
 * The IDR of a held picture encoded on its own: at the preset's CRF − HOLD_CRF_DROP, cached by pixels and codec. Used
 * where no streamed piece precedes the hold to code the picture as its last frame (see holdUnits).
 */
export async function encodeHeldIdr(pixels: Uint8Array, template: SkipTemplate, opts: SynthOptions): Promise<Uint8Array[]> {
  const path = await opts.cache.pathFor('tiles', `idr-${hashOf(pixels, JSON.stringify(codecKey(opts)))}`, 'h264');
  const crf = resolvePreset(opts.preset).crf - HOLD_CRF_DROP;
  const stream = await cachedStream(opts.cache, path, () => encodeAnnexB([pixels], { ...opts, tweaks: { crf, x264: PIECE_THREADS } }));
  return codedPictures(stream, template)[0]!.nals;
}

/** A hold of `frames` frames of the picture `idr` codes (its slice NAL units): the IDR, skip P frames, the IDR every GOP. */
export function holdUnits(idr: readonly Uint8Array[], frames: number, template: SkipTemplate, opts: Pick<SynthOptions, 'fps'>): AccessUnit[] {
  return holdAccessUnits(template, idr, frames, gopFrames(opts.fps));
}

/**
 * A fade of `frames` + 1 frames: `first` (the first blended frame, RGBA), the blends, then `incoming` (the incoming
 * scene's first frame), as in render/transitions.ts 'fade' with progress (j + 1)/(frames + 1). x264 codes the two
 * pictures; the decoder blends the rest.
 */
export async function fadeUnits(first: Uint8Array, incoming: Uint8Array, frames: number, template: SkipTemplate, opts: SynthOptions): Promise<AccessUnit[]> {
  // scenecut=0: x264 must code the incoming picture as a P frame (frame_num 1), not as a new IDR.
  const stream = await encodeAnnexB([first, incoming], { ...opts, tweaks: { x264: [...PIECE_THREADS, 'scenecut=0'] } });
  const [a, b] = codedPictures(stream, template);
  if (!a || !b) throw new RangeError('x264 wrote fewer than two pictures for a fade');
  return fadeAccessUnits(template, a.nals, b.nals, frames);
}

/**
 * Writes pieces (each an IDR period or more, in order, display indices from 0 within the piece) as one MP4 at `path`,
 * atomically: what the concat demuxer would make of them, without running it.
 */
export function writeJoinedPieces(path: string, template: SkipTemplate, pieces: readonly (readonly AccessUnit[])[], opts: Pick<SynthOptions, 'width' | 'height' | 'fps'>): Promise<void> {
  const units: AccessUnit[] = [];
  let base = 0;
  for (const piece of pieces) {
    for (const u of piece) units.push({ ...u, display: base + u.display });
    base += piece.length;
  }
  return writeAvcMp4(path, {
    sps: template.sps,
    pps: template.pps,
    width: opts.width,
    height: opts.height,
    fps: opts.fps,
    delay: template.spsInfo.maxNumReorderFrames ?? 0,
    samples: units.map((u) => ({ nals: u.nals, key: u.key, display: u.display })),
  });
}

/**
 * A streamed piece of `frames` frames coded with one more picture after them as an IDR: the piece's own pictures and
 * that IDR's slices. The extra picture is last in display order and, being an IDR, last in decode order too.
 */
export function splitTail(units: readonly AccessUnit[], frames: number): { units: AccessUnit[]; idr: Uint8Array[] } {
  const last = units.at(-1);
  if (units.length !== frames + 1 || !last?.key || last.display !== frames) {
    throw new RangeError(`expected ${frames} pictures and an IDR after them from x264, got ${units.length} pictures${last?.key ? '' : ' ending in a non-IDR one'}`);
  }
  return { units: units.slice(0, -1), idr: last.nals };
}

/**
 * A streamed piece coded after `count` lead pictures (segments.ts streamPiece `lead`): the lead's slices, when x264 coded them as
 * a fade needs (an IDR, then reference pictures that are not IDRs, decoded in display order before the piece's own
 * IDR), and the piece's own pictures with displays from 0. `lead` is undefined when x264 chose otherwise; the piece's
 * pictures are usable either way, since they start at an IDR of their own.
 */
export function splitLead(units: readonly AccessUnit[], count: number): { lead?: Uint8Array[][]; units: AccessUnit[] } {
  const own = units.slice(count).map((u) => ({ ...u, display: u.display - count }));
  if (!own[0]?.key || own.some((u) => u.display < 0)) throw new RangeError(`the streamed piece does not start with an IDR after its ${count} lead pictures`);
  const lead = units.slice(0, count);
  const usable = lead.every((u, i) => u.display === i && u.key === (i === 0));
  return usable ? { lead: lead.map((u) => u.nals), units: own } : { units: own };
}

/** Whether this template can synthesise a fade of `frames` blended frames (B frames, picture-order room). */
export function canSynthesiseFade(template: SkipTemplate | undefined, frames: number): template is SkipTemplate {
  return !!template && fadeFits(template, frames);
}
