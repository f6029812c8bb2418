import { BitReader, putBits } from './bits.ts';
import { NAL, nalRefIdc, nalType, toNal, toRbsp } from './nal.ts';
import type { Pps, Sps } from './params.ts';

export type SliceKind = 'P' | 'B' | 'I' | 'SP' | 'SI';
const KINDS: SliceKind[] = ['P', 'B', 'I', 'SP', 'SI'];

/**
 * What a slice header (§7.3.3) says that matters when a slice is reused at another place in a stream: where its
 * fixed-width frame_num and pic_order_cnt_lsb fields sit (so they can be rewritten in place without moving the slice
 * data), and the features that would make a reused skip slice show anything other than a copy or a blend of its
 * references (reordered reference lists, explicit weights, memory management operations, temporal direct).
 */
export interface SliceHeader {
  kind: SliceKind;
  idr: boolean;
  refIdc: number;
  firstMb: number;
  frameNum: number;
  /** Bit offset of frame_num in the RBSP. */
  frameNumAt: number;
  pocLsb: number | undefined;
  /** Bit offset of pic_order_cnt_lsb in the RBSP (pocType 0 only). */
  pocLsbAt: number | undefined;
  directSpatial: boolean | undefined;
  listModified: boolean;
  /** Some explicit weight or offset is coded (pred_weight_table with a flag set). */
  weighted: boolean;
  adaptiveMarking: boolean;
}

function skipListModification(r: BitReader): boolean {
  if (!r.flag()) return false;
  for (let idc = r.ue(); idc !== 3; idc = r.ue()) r.ue();
  return true;
}

function weightTable(r: BitReader, sps: Sps, lists: number[]): boolean {
  let weighted = false;
  r.ue();
  const chroma = (sps.separateColourPlane ? 0 : sps.chromaFormatIdc) !== 0;
  if (chroma) r.ue();
  for (const count of lists) {
    for (let i = 0; i < count; i++) {
      if (r.flag()) {
        weighted = true;
        r.se();
        r.se();
      }
      if (chroma && r.flag()) {
        weighted = true;
        for (let k = 0; k < 4; k++) r.se();
      }
    }
  }
  return weighted;
}

/** Parses the header of a coded slice NAL unit (type 1 or 5) against its parameter sets. */
export function parseSliceHeader(nal: Uint8Array, sps: Sps, pps: Pps): SliceHeader {
  const type = nalType(nal);
  if (type !== NAL.slice && type !== NAL.idr) throw new RangeError(`NAL unit type ${type} is not a coded slice`);
  const idr = type === NAL.idr;
  const refIdc = nalRefIdc(nal);
  const r = new BitReader(toRbsp(nal));
  r.skip(8);
  const firstMb = r.ue();
  const kind = KINDS[r.ue() % 5]!;
  r.ue(); // pic_parameter_set_id
  if (sps.separateColourPlane) r.skip(2);
  const frameNumAt = r.position;
  const frameNum = r.u(sps.log2MaxFrameNum);
  let field = false;
  if (!sps.frameMbsOnly && (field = r.flag())) r.skip(1);
  if (idr) r.ue();
  let pocLsb: number | undefined;
  let pocLsbAt: number | undefined;
  if (sps.pocType === 0) {
    pocLsbAt = r.position;
    pocLsb = r.u(sps.log2MaxPocLsb);
    if (pps.bottomFieldPicOrderInFramePresent && !field) r.se();
  } else if (sps.pocType === 1 && !sps.deltaPicOrderAlwaysZero) {
    r.se();
    if (pps.bottomFieldPicOrderInFramePresent && !field) r.se();
  }
  if (pps.redundantPicCntPresent) r.ue();
  let directSpatial: boolean | undefined;
  if (kind === 'B') directSpatial = r.flag();
  let l0 = pps.numRefIdxL0Default;
  let l1 = pps.numRefIdxL1Default;
  if (kind === 'P' || kind === 'SP' || kind === 'B') {
    if (r.flag()) {
      l0 = r.ue() + 1;
      if (kind === 'B') l1 = r.ue() + 1;
    }
  }
  let listModified = false;
  if (kind !== 'I' && kind !== 'SI') {
    listModified = skipListModification(r);
    if (kind === 'B') listModified = skipListModification(r) || listModified;
  }
  let weighted = false;
  if ((pps.weightedPred && (kind === 'P' || kind === 'SP')) || (pps.weightedBipredIdc === 1 && kind === 'B')) {
    weighted = weightTable(r, sps, kind === 'B' ? [l0, l1] : [l0]);
  }
  let adaptiveMarking = false;
  if (refIdc !== 0) {
    if (idr) r.skip(2);
    else if ((adaptiveMarking = r.flag())) {
      for (let op = r.ue(); op !== 0; op = r.ue()) {
        if (op === 1 || op === 3) r.ue();
        if (op === 2) r.ue();
        if (op === 3 || op === 6) r.ue();
        if (op === 4) r.ue();
      }
    }
  }
  return { kind, idr, refIdc, firstMb, frameNum, frameNumAt, pocLsb, pocLsbAt, directSpatial, listModified, weighted, adaptiveMarking };
}

/**
 * A copy of a slice NAL unit with frame_num and/or pic_order_cnt_lsb replaced. Both fields are fixed-width, so the
 * rest of the header and the entropy-coded slice data keep their bit positions: nothing else is re-encoded.
 */
export function rewriteSlice(nal: Uint8Array, header: SliceHeader, sps: Sps, values: { frameNum?: number; pocLsb?: number }): Uint8Array {
  const rbsp = Uint8Array.from(toRbsp(nal));
  if (values.frameNum !== undefined) putBits(rbsp, header.frameNumAt, sps.log2MaxFrameNum, values.frameNum % 2 ** sps.log2MaxFrameNum);
  if (values.pocLsb !== undefined) {
    if (header.pocLsbAt === undefined) throw new RangeError('this stream has no pic_order_cnt_lsb to rewrite (pic_order_cnt_type ≠ 0)');
    putBits(rbsp, header.pocLsbAt, sps.log2MaxPocLsb, values.pocLsb % 2 ** sps.log2MaxPocLsb);
  }
  return toNal(rbsp);
}
