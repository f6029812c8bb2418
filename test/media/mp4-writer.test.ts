import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { avcMp4Bytes, mp4Timing, writeAvcMp4 } from '../../src/media/mp4-writer.ts';
import type { AvcMp4Options, AvcSample } from '../../src/media/mp4-writer.ts';
import { avcCRecord } from '../../src/media/mp4-avcc.ts';
import { splitAnnexB } from '../../src/media/h264/nal.ts';
import { concatSegments } from '../../src/media/concat.ts';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import type { MediaTools } from '../../src/media/ffmpeg-path.ts';
import { runTool } from '../../src/media/process.ts';
import { videoCodecArgs } from '../../src/media/presets.ts';
import type { FrameRate } from '../../src/media/presets.ts';
import { leftovers, tempDir } from './helpers.ts';

// Real x264 output is the reference: the writer must rebuild an MP4 that ffmpeg cannot tell from its own.
const W = 320;
const H = 180;
const FRAMES = 45;
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
let tools: MediaTools;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  tools = await findFfmpeg();
});
afterAll(() => cleanup());

interface Source {
  fps: FrameRate;
  /** lavfi source (its size and rate are added). */
  lavfi: string;
  extra?: string[];
}

async function x264(src: Source, out: string, format: 'mp4' | 'h264'): Promise<void> {
  await runTool(tools.ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${src.lavfi}=s=${W}x${H}:r=${src.fps}`,
    '-frames:v', String(FRAMES), ...videoCodecArgs('standard', src.fps), ...(src.extra ?? []), '-f', format, out,
  ]);
}

/**
 * Access units of an x264 Annex B stream (one slice per picture): a new one starts at a non-VCL NAL or a slice with
 * first_mb_in_slice 0 once the current unit has a picture. SPS/PPS/AUD are dropped: in MP4 they live in avcC. Unlike
 * h264/stream-units.ts this keeps SEI in its unit, as ffmpeg's muxer does, because the test compares files byte by byte.
 */
function accessUnits(b: Uint8Array): { sps: Uint8Array; pps: Uint8Array; units: { nals: Uint8Array[]; key: boolean }[] } {
  let sps: Uint8Array | undefined;
  let pps: Uint8Array | undefined;
  const units: { nals: Uint8Array[]; key: boolean; vcl: boolean }[] = [];
  for (const nal of splitAnnexB(b)) {
    const type = nal[0]! & 0x1f;
    const vcl = type === 1 || type === 5;
    const cur = units[units.length - 1];
    if (!cur || (cur.vcl && (!vcl || (nal[1]! & 0x80) !== 0))) units.push({ nals: [], key: false, vcl: false });
    const unit = units[units.length - 1]!;
    if (type === 7) sps ??= nal;
    else if (type === 8) pps ??= nal;
    else if (type !== 9) unit.nals.push(nal);
    unit.vcl ||= vcl;
    unit.key ||= type === 5;
  }
  return { sps: sps!, pps: pps!, units: units.map(({ nals, key }) => ({ nals, key })) };
}

async function packets(file: string): Promise<{ pts: number; dts: number; flags: string; size: number }[]> {
  const { stdout } = await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts,dts,flags,size', '-of', 'csv=p=0', file]);
  return stdout.toString().trim().split('\n').map((line) => {
    const [pts, dts, size, flags] = line.split(',');
    return { pts: Number(pts), dts: Number(dts), size: Number(size), flags: flags! };
  });
}

async function framemd5(file: string): Promise<string> {
  return (await runTool(tools.ffmpeg, ['-v', 'error', '-i', file, '-f', 'framemd5', '-'])).stdout.toString();
}

/** The per-frame md5s of framemd5 output (its last column), without the header lines. */
function frameHashes(text: string): string[] {
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').at(-1)!.trim());
}

/** The video stream as ffprobe describes it, without tags (ours has no `encoder` tag, see mp4-boxes.ts stsdBox). */
async function streamParams(file: string): Promise<Record<string, unknown>> {
  const { stdout } = await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', 'v', '-show_streams', '-of', 'json', file]);
  const { tags: _tags, ...rest } = (JSON.parse(stdout.toString()) as { streams: Record<string, unknown>[] }).streams[0]!;
  return rest;
}

/** A box's bytes found by path (`moov/trak`), header included. */
function findBox(b: Uint8Array, path: string[], from = 0, to = b.length): Uint8Array | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = from; at + 8 <= to; ) {
    const size = view.getUint32(at);
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    if (size < 8) return undefined;
    if (type === path[0]) return path.length === 1 ? b.subarray(at, at + size) : findBox(b, path.slice(1), at + 8, at + size);
    at += size;
  }
  return undefined;
}

/** Rebuilds an x264 encode with the writer from its Annex B twin; returns both paths and the options used. */
async function rebuild(name: string, src: Source, delay: number): Promise<{ ref: string; ours: string; opts: AvcMp4Options }> {
  const ref = join(dir, `${name}-ref.mp4`);
  const annexB = join(dir, `${name}.h264`);
  await x264(src, ref, 'mp4');
  await x264(src, annexB, 'h264');
  const { sps, pps, units } = accessUnits(await readFile(annexB));
  const { frameTicks } = mp4Timing(src.fps);
  const refPackets = await packets(ref);
  expect(units).toHaveLength(refPackets.length);
  const samples: AvcSample[] = units.map((u, i) => ({ ...u, display: refPackets[i]!.pts / frameTicks }));
  const opts: AvcMp4Options = { sps, pps, width: W, height: H, fps: src.fps, delay, samples };
  const ours = join(dir, `${name}-ours.mp4`);
  await writeAvcMp4(ours, opts);
  return { ref, ours, opts };
}

async function expectSameAsReference(ref: string, ours: string): Promise<void> {
  expect(await framemd5(ours)).toBe(await framemd5(ref));
  expect(await packets(ours)).toEqual(await packets(ref));
  expect(await streamParams(ours)).toEqual(await streamParams(ref));
  // Byte for byte, the track is ffmpeg 5.1's but for the compressor name (mp4-boxes.ts stsdBox).
  if (!tools.version.startsWith('5.1')) return console.warn(`\n*** ffmpeg ${tools.version}: track bytes not compared (reference is 5.1) ***\n`);
  const refBytes = await readFile(ref);
  const oursBytes = await readFile(ours);
  const refTrak = Uint8Array.from(findBox(refBytes, ['moov', 'trak'])!);
  const avc1At = Buffer.from(refTrak).indexOf('avc1') - 4;
  refTrak.fill(0, avc1At + 8 + 42, avc1At + 8 + 42 + 32);
  expect(Buffer.from(findBox(oursBytes, ['moov', 'trak'])!).toString('hex')).toBe(Buffer.from(refTrak).toString('hex'));
  expect(findBox(oursBytes, ['moov', 'mvhd'])).toEqual(findBox(refBytes, ['moov', 'mvhd']));
  expect(oursBytes.subarray(0, 48)).toEqual(refBytes.subarray(0, 48)); // ftyp, free, mdat header
}

describe('avcMp4Bytes / writeAvcMp4', () => {
  it('rebuilds an x264 encode with B-frames (delay 2) that ffmpeg reads exactly as its own', async () => {
    const { ref, ours } = await rebuild('bf', { fps: 30, lavfi: 'testsrc2' }, 2);
    await expectSameAsReference(ref, ours);
    expect((await packets(ours))[0]).toMatchObject({ dts: -1024, pts: 0, flags: 'K_' });
    expect(await leftovers(dir)).toEqual([]);
  });

  it('splits over 1 MiB of samples into chunks where ffmpeg does', async () => {
    // Noise at crf 5 makes ~3 MB, so stsc/stco get several chunks; the track bytes are compared with ffmpeg's.
    const { ref, ours } = await rebuild('big', { fps: 30, lavfi: 'testsrc2', extra: ['-vf', 'noise=alls=100:allf=t', '-crf', '5'] }, 2);
    expect((await readFile(ours)).byteLength).toBeGreaterThan(2 << 20);
    await expectSameAsReference(ref, ours);
  });

  it('rebuilds one without B-frames (delay 0) at 30000/1001', async () => {
    const { ref, ours } = await rebuild('b0', { fps: '30000/1001', lavfi: 'testsrc2', extra: ['-bf', '0'] }, 0);
    await expectSameAsReference(ref, ours);
    expect((await packets(ours))[1]).toMatchObject({ dts: 1001, pts: 1001 });
  });

  it('joins between x264 segments with concat -c copy: exact frames, even steps, clean decode, same pictures', async () => {
    const fps = 30;
    const a = join(dir, 'a.mp4');
    const c = join(dir, 'c.mp4');
    await x264({ fps, lavfi: 'testsrc2' }, a, 'mp4');
    await x264({ fps, lavfi: 'smptehdbars' }, c, 'mp4');
    const { ours: b } = await rebuild('mid', { fps, lavfi: 'mandelbrot' }, 2);
    // concat -c copy keeps only the first file's avcC, so the pieces must share it.
    const avcC = async (f: string): Promise<Buffer> => {
      const bytes = await readFile(f);
      const at = bytes.indexOf('avcC') - 4;
      return bytes.subarray(at, at + bytes.readUInt32BE(at));
    };
    expect(await avcC(b)).toEqual(await avcC(a));
    // Ours in the middle (the brief's case) and first (then the output's sample entry is the one we wrote).
    for (const order of [[a, b, c], [b, a, c]]) {
      const out = join(dir, `joined-${order.indexOf(b)}.mp4`);
      await concatSegments(order.map((path) => ({ path, frames: FRAMES })), out, { tools, fps });

      const { stdout } = await runTool(tools.ffprobe, ['-v', 'error', '-count_frames', '-select_streams', 'v', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', out]);
      expect(Number(stdout.toString().trim())).toBe(3 * FRAMES);
      const pts = (await packets(out)).map((p) => p.pts).sort((x, y) => x - y);
      expect(new Set(pts.slice(1).map((p, i) => p - pts[i]!))).toEqual(new Set([512]));
      expect(pts[0]).toBe(0);
      const errors = await runTool(tools.ffmpeg, ['-v', 'error', '-i', out, '-f', 'null', '-']);
      expect(errors.stderr + errors.stdout.toString()).toBe('');

      const parts = (await Promise.all(order.map(framemd5))).flatMap(frameHashes);
      expect(parts).toHaveLength(3 * FRAMES);
      expect(frameHashes(await framemd5(out))).toEqual(parts);
    }
  });

  it('picks the timescale ffmpeg picks (time base denominator doubled to at least 10000)', () => {
    expect(mp4Timing(30)).toEqual({ timescale: 15360, frameTicks: 512 });
    expect(mp4Timing(60)).toEqual({ timescale: 15360, frameTicks: 256 });
    expect(mp4Timing(25)).toEqual({ timescale: 12800, frameTicks: 512 });
    expect(mp4Timing(24)).toEqual({ timescale: 12288, frameTicks: 512 });
    expect(mp4Timing(12)).toEqual({ timescale: 12288, frameTicks: 1024 });
    expect(mp4Timing('30000/1001')).toEqual({ timescale: 30000, frameTicks: 1001 });
    expect(mp4Timing('24000/1001')).toEqual({ timescale: 24000, frameTicks: 1001 });
    expect(mp4Timing('60/2')).toEqual({ timescale: 15360, frameTicks: 512 });
    expect(() => mp4Timing(29.97)).toThrow(RangeError);
  });

  it('writes the avcC chroma/bit-depth trailer for High but not for Main (as ff_isom_write_avcc does)', () => {
    const pps = Uint8Array.of(0x68, 0xef, 0x85, 0xf2, 0xc0);
    const high = avcCRecord(Uint8Array.of(0x67, 0x64, 0x00, 0x0d, 0xac, 0xd9, 0x41, 0x41), pps);
    expect(Buffer.from(high.subarray(-4)).toString('hex')).toBe('fdf8f800'); // 4:2:0, 8-bit luma and chroma, no ext
    expect(Buffer.from(high.subarray(0, 6)).toString('hex')).toBe('0164000dffe1');
    const main = avcCRecord(Uint8Array.of(0x67, 0x4d, 0x40, 0x1e, 0xeb, 0xe3, 0xcb), pps);
    expect(main.byteLength).toBe(6 + 2 + 7 + 1 + 2 + 5);
  });

  it('refuses hostile options with a RangeError that says what is wrong', () => {
    const sps = Uint8Array.of(0x67, 0x64, 0x00, 0x0d, 0xac, 0xd9, 0x41, 0x41, 0x9f, 0x9f);
    const pps = Uint8Array.of(0x68, 0xef, 0x85, 0xf2, 0xc0);
    const idr = Uint8Array.of(0x65, 0x88, 0x84);
    const p = Uint8Array.of(0x41, 0x9a, 0x02);
    const base: AvcMp4Options = { sps, pps, width: W, height: H, fps: 30, delay: 0, samples: [{ nals: [idr], key: true, display: 0 }] };
    const bad = (o: Partial<AvcMp4Options>): (() => Uint8Array) => () => avcMp4Bytes({ ...base, ...o });
    expect(bad({})).not.toThrow();
    expect(bad({ samples: [] })).toThrow(/at least one sample/);
    expect(bad({ samples: [{ nals: [p], key: false, display: 0 }] })).toThrow(/sample 0 must be a key frame/);
    // Sample 2 is shown before it is decoded: with delay 0 its composition offset would be −1 frame.
    const reordered: AvcSample[] = [{ nals: [idr], key: true, display: 0 }, { nals: [p], key: false, display: 2 }, { nals: [p], key: false, display: 1 }];
    expect(bad({ samples: reordered })).toThrow(/sample 2 \(display 1\).*delay of at least 1/);
    expect(bad({ samples: reordered, delay: 1 })).not.toThrow();
    expect(bad({ samples: [...base.samples, { nals: [p], key: false, display: 0 }] })).toThrow(/sample 1 has display 0/);
    expect(bad({ samples: [...base.samples, { nals: [p], key: false, display: 5 }] })).toThrow(/sample 1 has display 5/);
    expect(bad({ samples: [...base.samples, { nals: [], key: false, display: 1 }] })).toThrow(/sample 1 has no NAL units/);
    expect(bad({ delay: -1 })).toThrow(/delay -1/);
    expect(bad({ sps: pps })).toThrow(/SPS NAL unit/);
    expect(bad({ fps: '30/0' })).toThrow(/fps 30\/0/);
    for (const f of [bad({ samples: [] }), bad({ delay: 0.5 }), bad({ width: 0 })]) expect(f).toThrow(RangeError);
  });
});
