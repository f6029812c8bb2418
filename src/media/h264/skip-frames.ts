import { NAL, nalType, toRbsp } from './nal.ts';
import { parsePps, parseSps, type Pps, type Sps } from './params.ts';
import { parseSliceHeader, rewriteSlice, type SliceHeader } from './slice.ts';

/**
 * Pictures that cost no encoding. A P slice whose every macroblock is P_Skip with a zero motion vector shows its first
 * reference unchanged; a B slice whose every macroblock is B_Skip (spatial direct, both references at index 0) shows
 * their blend, weighted by picture-order distance when the PPS asks for implicit weights (§8.4.2.3.1). Such a slice's
 * entropy-coded data depends only on the frame size, its QP and CABAC table — never on the picture — so one made by
 * x264 for a flat grey frame can be reused anywhere in a stream with the same parameter sets, with frame_num and
 * pic_order_cnt_lsb rewritten (fixed-width fields, so the data does not move).
 *
 * Holds (hold.ts) are an IDR of the held picture followed by skip P frames; fades (also hold.ts) are the first blended frame
 * as an IDR, the incoming picture as a P frame, and skip B frames between them at the picture-order positions whose
 * implicit weights are the fade's own progress.
 */
export interface SkipTemplate {
  sps: Uint8Array;
  pps: Uint8Array;
  spsInfo: Sps;
  ppsInfo: Pps;
  /** A reference P slice that copies its reference, and its header. */
  p: { nal: Uint8Array; header: SliceHeader };
  /** A non-reference B slice that blends its two references (absent when the stream has no B frames). */
  b?: { nal: Uint8Array; header: SliceHeader };
}

export interface AccessUnit {
  nals: Uint8Array[];
  key: boolean;
  /** 0-based presentation index within its piece. */
  display: number;
}

/** A skip slice of a 1080p frame is ~60–70 bytes; anything much larger codes real macroblocks and is not a copy. */
function looksAllSkip(nal: Uint8Array, sps: Sps): boolean {
  return nal.length <= 64 + (sps.widthMbs * sps.heightMapUnits) / 32;
}

/** Parameter sets of a stream, or undefined when it has none in band. */
export function parameterSets(nals: readonly Uint8Array[]): { sps: Uint8Array; pps: Uint8Array } | undefined {
  const sps = nals.find((n) => nalType(n) === NAL.sps);
  const pps = nals.find((n) => nalType(n) === NAL.pps);
  return sps && pps ? { sps, pps } : undefined;
}

/**
 * Picks the reusable skip slices out of an x264 encode of a flat picture (with in-band SPS/PPS). Throws a RangeError
 * saying why when the stream offers none (another encoder, slices, temporal direct, weights): callers fall back to
 * encoding holds frame by frame.
 */
export function skipTemplate(nals: readonly Uint8Array[]): SkipTemplate {
  const sets = parameterSets(nals);
  if (!sets) throw new RangeError('the template stream has no SPS/PPS in band');
  const spsInfo = parseSps(toRbsp(sets.sps));
  const ppsInfo = parsePps(toRbsp(sets.pps));
  if (ppsInfo.numSliceGroups !== 1 || !spsInfo.frameMbsOnly) throw new RangeError('slice groups and interlaced streams are not supported');
  let p: SkipTemplate['p'] | undefined;
  let b: SkipTemplate['b'];
  for (const nal of nals) {
    if (nalType(nal) !== NAL.slice) continue;
    const header = parseSliceHeader(nal, spsInfo, ppsInfo);
    if (header.firstMb !== 0 || header.listModified || header.weighted || header.adaptiveMarking || !looksAllSkip(nal, spsInfo)) continue;
    if (!p && header.kind === 'P' && header.refIdc > 0) p = { nal, header };
    if (!b && header.kind === 'B' && header.refIdc === 0 && header.directSpatial && ppsInfo.weightedBipredIdc === 2 && spsInfo.pocType === 0) b = { nal, header };
  }
  if (!p) throw new RangeError('the template stream has no single-slice skip P frame');
  return { ...sets, spsInfo, ppsInfo, p, ...(b ? { b } : {}) };
}

/** pic_order_cnt_lsb advances by two per frame, as x264 writes it. */
const POC_STEP = 2;

/**
 * A held picture for `frames` frames: the IDR access unit, then skip P frames, with the IDR repeated every `gop` frames
 * so seeking never has to decode more than a GOP. `idr` is the coded IDR picture (its slice NAL units, without
 * parameter sets or SEI).
 */
export function holdAccessUnits(template: SkipTemplate, idr: readonly Uint8Array[], frames: number, gop: number): AccessUnit[] {
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`a hold needs a whole number of frames ≥ 1, got ${frames}`);
  const { spsInfo: sps, ppsInfo: pps } = template;
  for (const nal of idr) if (parseSliceHeader(nal, sps, pps).frameNum !== 0) throw new RangeError('the held IDR must carry frame_num 0');
  const units: AccessUnit[] = [];
  for (let display = 0; display < frames; display++) {
    const k = display % gop;
    if (k === 0) {
      units.push({ nals: [...idr], key: true, display });
      continue;
    }
    const nal = rewriteSlice(template.p.nal, template.p.header, sps, { frameNum: k, ...(sps.pocType === 0 ? { pocLsb: k * POC_STEP } : {}) });
    units.push({ nals: [nal], key: false, display });
  }
  return units;
}

/** Whether a fade of `frames` blended frames fits the picture-order range one IDR period can address. */
export function fadeFits(template: SkipTemplate, frames: number): boolean {
  const sps = template.spsInfo;
  if (!template.b || frames < 2 || (sps.maxNumReorderFrames ?? 0) < 1) return false;
  return fadePocStep(sps, frames) > 0;
}

/** The largest POC step ≤ 2 that keeps the incoming picture within half the POC range of the IDR (no wrap). */
function fadePocStep(sps: Sps, frames: number): number {
  const half = 2 ** (sps.log2MaxPocLsb - 1);
  for (const step of [POC_STEP, 1]) if (step * frames < half) return step;
  return 0;
}

/**
 * A fade of `frames` frames into an incoming picture, given x264's coding of [first blended frame, incoming picture]
 * (an IDR and a P frame referencing it). Frame j (0-based, j < frames) shows first + (j / frames)·(incoming − first),
 * frame `frames` the incoming picture: with first = outgoing·(1 − 1/(frames + 1)) + incoming/(frames + 1), that is
 * exactly the canvas fade's linear progress (j + 1)/(frames + 1) (up to the implicit weights' 1/64 steps).
 * Returns frames + 1 access units in decode order: IDR, incoming P, then the skip B frames.
 */
export function fadeAccessUnits(template: SkipTemplate, first: readonly Uint8Array[], incoming: readonly Uint8Array[], frames: number): AccessUnit[] {
  const { spsInfo: sps, ppsInfo: pps } = template;
  if (!fadeFits(template, frames)) throw new RangeError(`a ${frames}-frame fade does not fit this stream's picture order range or it has no B frames`);
  const step = fadePocStep(sps, frames);
  const incomingHeaders = incoming.map((nal) => parseSliceHeader(nal, sps, pps));
  if (incomingHeaders.some((h) => h.idr || h.refIdc === 0 || h.frameNum !== 1 || (h.kind !== 'P' && h.kind !== 'I'))) {
    throw new RangeError('the incoming picture must be a reference P or I frame with frame_num 1');
  }
  const units: AccessUnit[] = [{ nals: [...first], key: true, display: 0 }];
  units.push({ nals: incoming.map((nal, i) => rewriteSlice(nal, incomingHeaders[i]!, sps, { pocLsb: frames * step })), key: false, display: frames });
  for (let j = 1; j < frames; j++) {
    // Non-reference pictures after the reference with frame_num 1 carry frame_num 2 (§7.4.3).
    units.push({ nals: [rewriteSlice(template.b!.nal, template.b!.header, sps, { frameNum: 2, pocLsb: j * step })], key: false, display: j });
  }
  return units;
}
