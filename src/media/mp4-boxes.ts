/**
 * ISO BMFF box primitives and the video-track boxes of an H.264 MP4, byte for byte as ffmpeg 5.1's mov muxer writes
 * them for our x264 segments (checked box by box against its output). Only what a single-track, constant-frame-rate,
 * 32-bit-sized file needs: the writer (mp4-writer.ts) refuses anything larger.
 */

/** Big-endian byte builder; boxes are small, so parts are collected and joined once. */
export class Bytes {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  u8(v: number): this {
    return this.raw(Uint8Array.of(v & 0xff));
  }

  u16(v: number): this {
    return this.raw(Uint8Array.of((v >>> 8) & 0xff, v & 0xff));
  }

  u32(v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0);
    return this.raw(b);
  }

  /** Many u32s in one part: sample tables have an entry or two per frame. */
  u32s(values: readonly number[]): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    values.forEach((v, i) => view.setUint32(i * 4, v >>> 0));
    return this.raw(b);
  }

  /** Signed 32-bit (elst media_time). */
  i32(v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v);
    return this.raw(b);
  }

  zeros(n: number): this {
    return this.raw(new Uint8Array(n));
  }

  ascii(s: string): this {
    return this.raw(Uint8Array.from(s, (c) => c.charCodeAt(0)));
  }

  raw(b: Uint8Array): this {
    this.parts.push(b);
    this.length += b.byteLength;
    return this;
  }

  done(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  }
}

export function box(type: string, ...children: Uint8Array[]): Uint8Array {
  const size = 8 + children.reduce((n, c) => n + c.byteLength, 0);
  const b = new Bytes().u32(size).ascii(type);
  for (const c of children) b.raw(c);
  return b.done();
}

export function fullBox(type: string, version: number, flags: number, ...children: Uint8Array[]): Uint8Array {
  return box(type, new Bytes().u8(version).u8(flags >>> 16).u16(flags & 0xffff).done(), ...children);
}

/** The unity transform every ffmpeg track and movie header carries. */
const MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];

export function ftypBox(): Uint8Array {
  return box('ftyp', new Bytes().ascii('isom').u32(0x200).ascii('isom').ascii('iso2').ascii('avc1').ascii('mp41').done());
}

/** Movie header; times in milliseconds (ffmpeg's movie timescale), creation times 0 as ffmpeg writes without metadata. */
export function mvhdBox(durationMs: number): Uint8Array {
  const b = new Bytes().u32(0).u32(0).u32(1000).u32(durationMs).u32(0x10000).u16(0x100).zeros(10);
  for (const m of MATRIX) b.u32(m);
  return fullBox('mvhd', 0, 0, b.zeros(24).u32(2).done());
}

/** Track header: enabled + in movie (flags 3), track 1, size in 16.16 fixed point (square pixels). */
export function tkhdBox(durationMs: number, width: number, height: number): Uint8Array {
  const b = new Bytes().u32(0).u32(0).u32(1).u32(0).u32(durationMs).zeros(8).u16(0).u16(0).u16(0).u16(0);
  for (const m of MATRIX) b.u32(m);
  return fullBox('tkhd', 0, 3, b.u32(width * 0x10000).u32(height * 0x10000).done());
}

/** One edit: the whole track, starting `mediaTime` ticks in, so the first presented frame is at 0 despite ctts. */
export function edtsBox(durationMs: number, mediaTime: number): Uint8Array {
  return box('edts', fullBox('elst', 0, 0, new Bytes().u32(1).u32(durationMs).i32(mediaTime).u16(1).u16(0).done()));
}

/** Media header; language 'und' packed as ISO-639-2/T. */
export function mdhdBox(timescale: number, duration: number): Uint8Array {
  return fullBox('mdhd', 0, 0, new Bytes().u32(0).u32(0).u32(timescale).u32(duration).u16(0x55c4).u16(0).done());
}

export function videoHandlerBoxes(): Uint8Array[] {
  const hdlr = fullBox('hdlr', 0, 0, new Bytes().u32(0).ascii('vide').zeros(12).ascii('VideoHandler').u8(0).done());
  const vmhd = fullBox('vmhd', 0, 1, new Bytes().zeros(8).done());
  const dinf = box('dinf', fullBox('dref', 0, 0, new Bytes().u32(1).done(), fullBox('url ', 0, 1)));
  return [hdlr, vmhd, dinf];
}

export interface VideoSampleEntry {
  width: number;
  height: number;
  avcC: Uint8Array;
  /** Average bit rate as ffmpeg computes it (bits/s, floored); 0 omits btrt as ffmpeg does. */
  avgBitRate: number;
}

/**
 * stsd with one avc1 entry. The compressor name is left empty (ffmpeg copies its own "Lavc… libx264" there; writing
 * that would claim a version we did not run), so the only ffprobe difference from an x264 segment is that the
 * stream has no `encoder` tag. colr/pasp: BT.709 limited range and square pixels, the tags every encode gets from
 * presets.ts videoCodecArgs; x264 writes the same values into the SPS VUI, which is what decoders use.
 */
export function stsdBox(e: VideoSampleEntry): Uint8Array {
  const header = new Bytes()
    .zeros(6).u16(1) // reserved, data_reference_index
    .zeros(16) // pre_defined/reserved (ffmpeg writes no vendor in MP4 mode)
    .u16(e.width).u16(e.height)
    .u32(0x480000).u32(0x480000) // 72 dpi
    .u32(0).u16(1) // data size, frames per sample
    .zeros(32) // compressor name (Pascal string, empty)
    .u16(0x18).u16(0xffff) // depth 24, pre_defined -1
    .done();
  const colr = box('colr', new Bytes().ascii('nclx').u16(1).u16(1).u16(1).u8(0).done());
  const pasp = box('pasp', new Bytes().u32(1).u32(1).done());
  const btrt = e.avgBitRate > 0 ? [box('btrt', new Bytes().u32(0).u32(e.avgBitRate).u32(e.avgBitRate).done())] : [];
  const avc1 = box('avc1', header, box('avcC', e.avcC), colr, pasp, ...btrt);
  return fullBox('stsd', 0, 0, new Bytes().u32(1).done(), avc1);
}

/** Run-length pairs (count, value) of consecutive equal values, the shape stts, ctts and stsc share. */
export function runs(values: readonly number[]): [count: number, value: number][] {
  const out: [number, number][] = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && last[1] === v) last[0]++;
    else out.push([1, v]);
  }
  return out;
}

export function tableBox(type: 'stts' | 'ctts', perSample: readonly number[]): Uint8Array {
  const r = runs(perSample);
  return fullBox(type, 0, 0, new Bytes().u32(r.length).u32s(r.flat()).done());
}

/** Sync samples, 1-based. */
export function stssBox(keys: readonly number[]): Uint8Array {
  return fullBox('stss', 0, 0, new Bytes().u32(keys.length).u32s(keys).done());
}

/** Sample-to-chunk: an entry where the samples-per-chunk changes (ffmpeg's mov_write_stsc_tag). */
export function stscBox(samplesPerChunk: readonly number[]): Uint8Array {
  const entries: [number, number][] = [];
  samplesPerChunk.forEach((n, i) => {
    if (entries[entries.length - 1]?.[1] !== n) entries.push([i + 1, n]);
  });
  return fullBox('stsc', 0, 0, new Bytes().u32(entries.length).u32s(entries.flatMap(([first, n]) => [first, n, 1])).done());
}

export function stszBox(sizes: readonly number[]): Uint8Array {
  return fullBox('stsz', 0, 0, new Bytes().u32(0).u32(sizes.length).u32s(sizes).done());
}

export function stcoBox(offsets: readonly number[]): Uint8Array {
  return fullBox('stco', 0, 0, new Bytes().u32(offsets.length).u32s(offsets).done());
}
