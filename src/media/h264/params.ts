import { BitReader } from './bits.ts';

/**
 * The parts of an H.264 sequence and picture parameter set (§7.3.2.1–2) that slice headers depend on, and the
 * reordering depth the container's DTS shift follows. Parsing stops where nothing further is needed.
 */
export interface Sps {
  profileIdc: number;
  chromaFormatIdc: number;
  separateColourPlane: boolean;
  log2MaxFrameNum: number;
  pocType: number;
  /** Only for pocType 0. */
  log2MaxPocLsb: number;
  deltaPicOrderAlwaysZero: boolean;
  maxNumRefFrames: number;
  frameMbsOnly: boolean;
  widthMbs: number;
  heightMapUnits: number;
  /** VUI bitstream_restriction max_num_reorder_frames; undefined when the SPS does not say. */
  maxNumReorderFrames: number | undefined;
}

export interface Pps {
  ppsId: number;
  spsId: number;
  cabac: boolean;
  bottomFieldPicOrderInFramePresent: boolean;
  numSliceGroups: number;
  numRefIdxL0Default: number;
  numRefIdxL1Default: number;
  weightedPred: boolean;
  weightedBipredIdc: number;
  deblockingFilterControlPresent: boolean;
  redundantPicCntPresent: boolean;
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

function skipHrd(r: BitReader): void {
  const count = r.ue() + 1;
  r.skip(8); // bit_rate_scale, cpb_size_scale
  for (let i = 0; i < count; i++) {
    r.ue();
    r.ue();
    r.skip(1);
  }
  r.skip(20); // four 5-bit lengths
}

/** Parses an SPS RBSP (including its one-byte NAL header). */
export function parseSps(rbsp: Uint8Array): Sps {
  const r = new BitReader(rbsp);
  r.skip(8); // NAL header
  const profileIdc = r.u(8);
  r.skip(16); // constraint flags, level_idc
  r.ue(); // seq_parameter_set_id
  let chromaFormatIdc = 1;
  let separateColourPlane = false;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = r.ue();
    if (chromaFormatIdc === 3) separateColourPlane = r.flag();
    r.ue();
    r.ue();
    r.skip(1);
    if (r.flag()) {
      for (let i = 0; i < (chromaFormatIdc !== 3 ? 8 : 12); i++) if (r.flag()) skipScalingList(r, i < 6 ? 16 : 64);
    }
  }
  const log2MaxFrameNum = r.ue() + 4;
  const pocType = r.ue();
  let log2MaxPocLsb = 0;
  let deltaPicOrderAlwaysZero = false;
  if (pocType === 0) log2MaxPocLsb = r.ue() + 4;
  else if (pocType === 1) {
    deltaPicOrderAlwaysZero = r.flag();
    r.se();
    r.se();
    const cycle = r.ue();
    for (let i = 0; i < cycle; i++) r.se();
  }
  const maxNumRefFrames = r.ue();
  r.skip(1); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = r.ue() + 1;
  const heightMapUnits = r.ue() + 1;
  const frameMbsOnly = r.flag();
  if (!frameMbsOnly) r.skip(1);
  r.skip(1); // direct_8x8_inference_flag
  if (r.flag()) for (let i = 0; i < 4; i++) r.ue(); // cropping
  let maxNumReorderFrames: number | undefined;
  if (r.flag()) {
    if (r.flag() && r.u(8) === 255) r.skip(32); // aspect ratio
    if (r.flag()) r.skip(1); // overscan
    if (r.flag()) {
      r.skip(4);
      if (r.flag()) r.skip(24);
    }
    if (r.flag()) {
      r.ue();
      r.ue();
    }
    if (r.flag()) r.skip(65); // timing info
    const nalHrd = r.flag();
    if (nalHrd) skipHrd(r);
    const vclHrd = r.flag();
    if (vclHrd) skipHrd(r);
    if (nalHrd || vclHrd) r.skip(1);
    r.skip(1); // pic_struct_present_flag
    if (r.flag()) {
      r.skip(1);
      for (let i = 0; i < 4; i++) r.ue();
      maxNumReorderFrames = r.ue();
    }
  }
  return { profileIdc, chromaFormatIdc, separateColourPlane, log2MaxFrameNum, pocType, log2MaxPocLsb, deltaPicOrderAlwaysZero, maxNumRefFrames, frameMbsOnly, widthMbs, heightMapUnits, maxNumReorderFrames };
}

/** Parses a PPS RBSP (including its NAL header) up to the flags slice headers need. */
export function parsePps(rbsp: Uint8Array): Pps {
  const r = new BitReader(rbsp);
  r.skip(8);
  const ppsId = r.ue();
  const spsId = r.ue();
  const cabac = r.flag();
  const bottomFieldPicOrderInFramePresent = r.flag();
  const numSliceGroups = r.ue() + 1;
  if (numSliceGroups > 1) {
    // Slice groups (FMO) are Baseline-only and x264 never writes them; nothing here reads past them.
    return { ppsId, spsId, cabac, bottomFieldPicOrderInFramePresent, numSliceGroups, numRefIdxL0Default: 0, numRefIdxL1Default: 0, weightedPred: false, weightedBipredIdc: 0, deblockingFilterControlPresent: false, redundantPicCntPresent: false };
  }
  const numRefIdxL0Default = r.ue() + 1;
  const numRefIdxL1Default = r.ue() + 1;
  const weightedPred = r.flag();
  const weightedBipredIdc = r.u(2);
  r.se();
  r.se();
  r.se();
  const deblockingFilterControlPresent = r.flag();
  r.skip(1);
  const redundantPicCntPresent = r.flag();
  return { ppsId, spsId, cabac, bottomFieldPicOrderInFramePresent, numSliceGroups, numRefIdxL0Default, numRefIdxL1Default, weightedPred, weightedBipredIdc, deblockingFilterControlPresent, redundantPicCntPresent };
}
