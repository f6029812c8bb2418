/**
 * The AVCDecoderConfigurationRecord (avcC) ffmpeg 5.1 writes (libavformat/avc.c ff_isom_write_avcc): one SPS, one PPS,
 * 4-byte NAL lengths, and for every profile but Baseline/Main/Extended the chroma-format / bit-depth trailer, read
 * from the SPS the way ffmpeg's ff_avc_decode_sps reads it. For our 8-bit 4:2:0 High streams the trailer is
 * fd f8 f8 00.
 */
import { BitReader } from './h264/bits.ts';
import { toRbsp } from './h264/nal.ts';

/** Profiles whose SPS carries chroma_format_idc and bit depths (the list ff_avc_decode_sps checks). */
const CHROMA_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134]);

/** Profiles ffmpeg writes no trailer for: Baseline, Main, Extended. */
const NO_TRAILER_PROFILES = new Set([66, 77, 88]);

export function avcCRecord(sps: Uint8Array, pps: Uint8Array): Uint8Array {
  if (sps.byteLength < 4 || (sps[0]! & 0x1f) !== 7) throw new RangeError('sps must be an SPS NAL unit (type 7, header byte included, no start code)');
  if (pps.byteLength < 2 || (pps[0]! & 0x1f) !== 8) throw new RangeError('pps must be a PPS NAL unit (type 8, header byte included, no start code)');
  if (sps.byteLength > 0xffff || pps.byteLength > 0xffff) throw new RangeError('sps/pps longer than 65535 bytes do not fit avcC');
  const profile = sps[1]!;
  const trailer = NO_TRAILER_PROFILES.has(profile) ? [] : chromaTrailer(sps);
  const out = new Uint8Array(6 + 2 + sps.byteLength + 1 + 2 + pps.byteLength + trailer.length);
  // version 1, profile, compatibility flags, level; 0xff = reserved + lengthSizeMinusOne 3; 0xe1 = reserved + 1 SPS.
  out.set([1, profile, sps[2]!, sps[3]!, 0xff, 0xe1], 0);
  let at = 6;
  out.set([sps.byteLength >> 8, sps.byteLength & 0xff], at);
  out.set(sps, (at += 2));
  at += sps.byteLength;
  out.set([1, pps.byteLength >> 8, pps.byteLength & 0xff], at);
  out.set(pps, (at += 3));
  out.set(trailer, at + pps.byteLength);
  return out;
}

function chromaTrailer(sps: Uint8Array): number[] {
  let chroma = 1;
  let lumaDepth = 8;
  let chromaDepth = 8;
  if (CHROMA_PROFILES.has(sps[1]!)) {
    const r = new BitReader(toRbsp(sps));
    r.skip(32); // NAL header, profile_idc, constraint flags, level_idc
    r.ue(); // seq_parameter_set_id
    chroma = r.ue();
    if (chroma === 3) r.skip(1); // separate_colour_plane_flag
    lumaDepth = r.ue() + 8;
    chromaDepth = r.ue() + 8;
  }
  // 6 reserved bits + chroma_format_idc, 5 reserved bits + each bit_depth_minus8, then 0 SPS extensions.
  return [0xfc | chroma, 0xf8 | (lumaDepth - 8), 0xf8 | (chromaDepth - 8), 0];
}
