import { NAL, nalType } from './nal.ts';
import type { Pps, Sps } from './params.ts';
import { parseSliceHeader, type SliceHeader } from './slice.ts';
import type { AccessUnit } from './skip-frames.ts';

/**
 * The coded pictures of an encoder's Annex B stream in decode order, each with its presentation index, so pieces x264
 * streamed can be joined with synthesised ones (hold.ts) in one MP4 without a demuxer: the container needs each
 * picture's display position, which Annex B carries only as picture order counts.
 *
 * Parameter sets, SEI and delimiters are dropped (the MP4 sample entry carries the parameter sets). Display indices
 * count from 0 at the stream's first picture; within each IDR period the pictures are ranked by picture order count
 * (§8.2.1), which is what a decoder outputs them by.
 */
export function streamAccessUnits(nals: readonly Uint8Array[], sps: Sps, pps: Pps): AccessUnit[] {
  if (sps.pocType === 1) throw new RangeError('pic_order_cnt_type 1 is not supported (x264 writes 0 or 2)');
  const pictures: { nals: Uint8Array[]; header: SliceHeader }[] = [];
  for (const nal of nals) {
    const type = nalType(nal);
    if (type !== NAL.slice && type !== NAL.idr) continue;
    const header = parseSliceHeader(nal, sps, pps);
    if (header.firstMb === 0 || !pictures.length) pictures.push({ nals: [nal], header });
    else pictures.at(-1)!.nals.push(nal);
  }
  if (pictures.length && !pictures[0]!.header.idr) throw new RangeError('the stream does not start with an IDR picture');
  const order = pictureOrderCounts(pictures.map((p) => p.header), sps);
  const units: AccessUnit[] = pictures.map((p) => ({ nals: p.nals, key: p.header.idr, display: -1 }));
  // Rank each IDR period's pictures by their order count; periods follow each other in display order too.
  let base = 0;
  for (let start = 0; start < units.length; ) {
    let end = start + 1;
    while (end < units.length && !units[end]!.key) end++;
    const ranked = Array.from({ length: end - start }, (_, k) => start + k).sort((a, b) => order[a]! - order[b]! || a - b);
    ranked.forEach((index, rank) => (units[index]!.display = base + rank));
    base += end - start;
    start = end;
  }
  return units;
}

/**
 * Picture order counts per §8.2.1.1 (type 0: the MSB inferred from the last reference picture's LSB) and §8.2.1.3
 * (type 2: decode order). Frames only; x264 writes no bottom-field deltas for progressive video.
 */
function pictureOrderCounts(headers: readonly SliceHeader[], sps: Sps): number[] {
  if (sps.pocType === 2) return headers.map((_, i) => i);
  const maxLsb = 2 ** sps.log2MaxPocLsb;
  let prevMsb = 0;
  let prevLsb = 0;
  return headers.map((h) => {
    if (h.idr) [prevMsb, prevLsb] = [0, 0];
    const lsb = h.pocLsb ?? 0;
    let msb = prevMsb;
    if (lsb < prevLsb && prevLsb - lsb >= maxLsb / 2) msb = prevMsb + maxLsb;
    else if (lsb > prevLsb && lsb - prevLsb > maxLsb / 2) msb = prevMsb - maxLsb;
    if (h.refIdc > 0) [prevMsb, prevLsb] = [msb, lsb];
    return msb + lsb;
  });
}
