import { writeFile } from 'node:fs/promises';
import { writeAtomically } from './atomic.ts';
import { avcCRecord } from './mp4-avcc.ts';
import {
  Bytes, box, edtsBox, ftypBox, mdhdBox, mvhdBox, stcoBox, stscBox, stsdBox, stssBox, stszBox, tableBox, tkhdBox,
  videoHandlerBoxes,
} from './mp4-boxes.ts';
import type { FrameRate } from './presets.ts';

/**
 * MP4 files for H.264 pieces the renderer synthesises itself (held stills, fades), laid out as ffmpeg 5.1's mov muxer
 * lays out x264 output, so the concat demuxer (concat.ts, `-c copy`) joins them with FrameEncoder segments
 * seamlessly: same sample entry, same timescale, DTS starting `delay` frames early (as ffmpeg's, shifted by an edit
 * list), constant frame duration. No ffmpeg runs; the whole file is built in memory (pieces are small).
 */

/** One access unit. `nals`: NAL units without start codes, in decode order; `display`: 0-based presentation index. */
export interface AvcSample { nals: readonly Uint8Array[]; key: boolean; display: number }

export interface AvcMp4Options {
  sps: Uint8Array;
  pps: Uint8Array;
  width: number;
  height: number;
  fps: FrameRate;
  /** dts shift in frames: SPS max_num_reorder_frames (2 for x264 veryfast/medium, 0 ultrafast) */
  delay: number;
  samples: readonly AvcSample[];
}

/** ffmpeg's chunking rule (movenc.c build_chunks): contiguous samples share a chunk while it stays under 1 MiB. */
const MAX_CHUNK_BYTES = 1 << 20;

/** Bytes before the first sample: ftyp (32) + free (8, ffmpeg's room for a 64-bit mdat size) + mdat header (8). */
const MDAT_DATA_OFFSET = 48;

export interface Mp4Timing {
  /** Media ticks per second. */
  timescale: number;
  /** Ticks per frame. */
  frameTicks: number;
}

/**
 * The track timescale ffmpeg's mov muxer picks: the denominator of the stream time base (1/fps reduced, so the fps
 * numerator), doubled until it is at least 10000. 30 → 15360 (512 ticks a frame), 25 → 12800, 30000/1001 → 30000.
 */
export function mp4Timing(fps: FrameRate): Mp4Timing {
  const [num, den] = typeof fps === 'number' ? [fps, 1] : fps.split('/').map(Number);
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num! <= 0 || den! <= 0) {
    throw new RangeError(`fps ${fps} must be a positive integer or an integer ratio such as 30000/1001`);
  }
  const g = gcd(num!, den!);
  const n = num! / g;
  let timescale = n;
  while (timescale < 10000) timescale *= 2;
  return { timescale, frameTicks: (den! / g) * (timescale / n) };
}

/** The whole MP4 file. Throws RangeError, naming the sample, for anything ffmpeg's output could not contain. */
export function avcMp4Bytes(opts: AvcMp4Options): Uint8Array {
  validate(opts);
  const { timescale, frameTicks } = mp4Timing(opts.fps);
  const { samples, delay } = opts;
  const n = samples.length;

  const ctts = samples.map((s, i) => {
    const frames = s.display + delay - i;
    if (frames < 0) {
      throw new RangeError(
        `sample ${i} (display ${s.display}) is presented ${-frames} frame(s) before it is decoded with delay ${delay}; ` +
          `composition offsets cannot be negative, so pass a delay of at least ${i - s.display}`,
      );
    }
    return frames * frameTicks;
  });

  const sizes = samples.map((s) => s.nals.reduce((sum, nal) => sum + 4 + nal.byteLength, 0));
  const dataBytes = sizes.reduce((a, b) => a + b, 0);
  if (MDAT_DATA_OFFSET + dataBytes > 0xffffffff) throw new RangeError('samples exceed 4 GiB; pieces are meant to be small');

  const chunks = chunkLayout(sizes);
  const duration = n * frameTicks; // ticks; presentation and decode spans are both n frames at a constant rate
  if (duration > 0x7fffffff) throw new RangeError(`${n} frames at ${opts.fps} fps overflow 32-bit MP4 durations`);
  // ffmpeg rounds the movie-timescale (ms) durations up.
  const durationMs = Math.ceil((duration * 1000) / timescale);
  const keys = samples.flatMap((s, i) => (s.key ? [i + 1] : []));

  const stbl = box(
    'stbl',
    stsdBox({ width: opts.width, height: opts.height, avcC: avcCRecord(opts.sps, opts.pps), avgBitRate: Math.floor((dataBytes * 8 * timescale) / duration) }),
    tableBox('stts', samples.map(() => frameTicks)),
    // ffmpeg omits stss when every sample is a sync sample, and ctts when no sample has an offset.
    ...(keys.length < n ? [stssBox(keys)] : []),
    ...(ctts.some((c) => c !== 0) ? [tableBox('ctts', ctts)] : []),
    stscBox(chunks.map((c) => c.samples)),
    stszBox(sizes),
    stcoBox(chunks.map((c) => c.offset)),
  );
  const [hdlr, vmhd, dinf] = videoHandlerBoxes();
  const trak = box(
    'trak',
    tkhdBox(durationMs, opts.width, opts.height),
    edtsBox(durationMs, delay * frameTicks),
    box('mdia', mdhdBox(timescale, duration), hdlr!, box('minf', vmhd!, dinf!, stbl)),
  );
  const moov = box('moov', mvhdBox(durationMs), trak);

  // Each NAL with its 4-byte length (avcC lengthSizeMinusOne 3), copied once into one mdat payload.
  const data = new Uint8Array(dataBytes);
  const view = new DataView(data.buffer);
  let at = 0;
  for (const s of samples) {
    for (const nal of s.nals) {
      view.setUint32(at, nal.byteLength);
      data.set(nal, at + 4);
      at += 4 + nal.byteLength;
    }
  }
  return new Bytes().raw(ftypBox()).u32(8).ascii('free').u32(8 + dataBytes).ascii('mdat').raw(data).raw(moov).done();
}

/** Writes the MP4 atomically: a crash never leaves a truncated piece under the final name. */
export async function writeAvcMp4(path: string, opts: AvcMp4Options): Promise<void> {
  const bytes = avcMp4Bytes(opts);
  await writeAtomically(path, (partial) => writeFile(partial, bytes));
}

function chunkLayout(sizes: readonly number[]): { offset: number; samples: number }[] {
  const chunks: { offset: number; samples: number; bytes: number }[] = [];
  let offset = MDAT_DATA_OFFSET;
  for (const size of sizes) {
    const last = chunks[chunks.length - 1];
    if (last && last.bytes + size < MAX_CHUNK_BYTES) {
      last.bytes += size;
      last.samples++;
    } else chunks.push({ offset, samples: 1, bytes: size });
    offset += size;
  }
  return chunks;
}

function validate(opts: AvcMp4Options): void {
  const { samples, delay, width, height } = opts;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || width > 0xffff || height > 0xffff) {
    throw new RangeError(`frame size ${width}x${height} must be positive integers up to 65535`);
  }
  if (!Number.isInteger(delay) || delay < 0) throw new RangeError(`delay ${delay} must be a non-negative integer (frames)`);
  if (samples.length === 0) throw new RangeError('an MP4 piece needs at least one sample');
  const first = samples[0]!;
  if (!first.key) throw new RangeError('sample 0 must be a key frame (an IDR): a piece has to decode on its own after a join');
  if (first.display !== 0) throw new RangeError(`sample 0 is the IDR and must be displayed first (display 0), not ${first.display}`);
  const seen = new Set<number>();
  samples.forEach((s, i) => {
    if (!Number.isInteger(s.display) || s.display < 0 || s.display >= samples.length || seen.has(s.display)) {
      throw new RangeError(`sample ${i} has display ${s.display}; displays must be the distinct integers 0..${samples.length - 1} (constant frame rate, no gaps)`);
    }
    seen.add(s.display);
    if (s.nals.length === 0 || s.nals.some((nal) => nal.byteLength === 0)) throw new RangeError(`sample ${i} has no NAL units, or an empty one`);
  });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
