import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { runTool } from '../../src/media/process.ts';
import { createSurface } from '../../src/media/canvas.ts';
import { FrameEncoder } from '../../src/media/encoder.ts';
import { concatSegments } from '../../src/media/concat.ts';
import { canSynthesiseFade, encodeHeldIdr, fadeUnits, holdUnits, skipTemplateFor, writeJoinedPieces, type SynthOptions } from '../../src/media/hold.ts';
import type { SkipTemplate } from '../../src/media/h264/skip-frames.ts';
import { splitAnnexB, toNal, toRbsp } from '../../src/media/h264/nal.ts';
import { BitReader, putBits } from '../../src/media/h264/bits.ts';
import { drawTransition } from '../../src/render/transitions.ts';
import { ArtifactCache } from '../../src/pipeline/artifact-cache.ts';
import { tempDir } from '../pipeline/helpers.ts';

/** A hold of `frames` frames of `pixels` (RGBA) written alone as an MP4 piece, as joinPieces writes one inside a segment. */
async function writeHoldPiece(path: string, pixels: Uint8Array, frames: number, template: SkipTemplate, opts: SynthOptions): Promise<void> {
  const idr = await encodeHeldIdr(pixels, template, opts);
  await writeJoinedPieces(path, template, [holdUnits(idr, frames, template, opts)], opts);
}

/** A fade (fadeUnits) written alone as an MP4 piece. */
async function writeFadePiece(path: string, first: Uint8Array, incoming: Uint8Array, frames: number, template: SkipTemplate, opts: SynthOptions): Promise<void> {
  await writeJoinedPieces(path, template, [await fadeUnits(first, incoming, frames, template, opts)], opts);
}

/**
 * Synthesised pieces (hold.ts, h264/skip-frames.ts): a held picture is one IDR plus skip P frames, a fade two coded
 * pictures plus skip B frames the decoder blends. They must decode to exactly what they claim, with exact frame
 * counts, constant frame rate and a keyframe every GOP, and join x264's own pieces by stream copy.
 */

const tools = await findFfmpeg();
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const W = 1280;
const H = 720;
const FPS = 30;

function picture(background: string, text: string, accent: string): Buffer {
  const s = createSurface(W, H);
  const g = s.ctx.createLinearGradient(0, 0, W, H);
  g.addColorStop(0, background);
  g.addColorStop(1, '#101820');
  s.ctx.fillStyle = g;
  s.ctx.fillRect(0, 0, W, H);
  s.ctx.fillStyle = accent;
  s.ctx.fillRect(120, 420, 700, 24);
  s.ctx.fillStyle = '#ffffff';
  s.ctx.font = 'bold 84px sans-serif';
  s.ctx.fillText(text, 120, 360);
  const d = s.ctx.getImageData(0, 0, W, H).data;
  return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
}

function fadeFrame(from: Buffer, to: Buffer, progress: number): Buffer {
  const img = (b: Buffer) => {
    const s = createSurface(W, H);
    const data = s.ctx.createImageData(W, H);
    data.data.set(b);
    s.ctx.putImageData(data, 0, 0);
    return s.canvas as unknown as CanvasImageSource;
  };
  const out = createSurface(W, H);
  drawTransition(out.ctx, 'fade', progress, img(from), img(to), W, H);
  const d = out.ctx.getImageData(0, 0, W, H).data;
  return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
}

async function setup(preset: 'standard' | 'draft'): Promise<{ dir: string; opts: SynthOptions }> {
  const dir = tempDir('skip-frames');
  made.push(dir);
  return { dir, opts: { width: W, height: H, fps: FPS, preset, tools, cache: new ArtifactCache(join(dir, 'cache')) } };
}

async function probe(file: string): Promise<{ frames: number; steps: Set<number>; keys: number[]; frameTicks: number }> {
  const { stdout } = await runTool(tools.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames,time_base:packet=pts,flags', '-of', 'json', file]);
  const j = JSON.parse(stdout.toString()) as { streams: { nb_read_frames: string; time_base: string }[]; packets: { pts: number; flags: string }[] };
  const pts = j.packets.map((p) => p.pts).sort((a, b) => a - b);
  const [num, den] = j.streams[0]!.time_base.split('/').map(Number);
  const frameTicks = den! / num! / FPS;
  return {
    frames: Number(j.streams[0]!.nb_read_frames),
    steps: new Set(pts.slice(1).map((p, i) => p - pts[i]!)),
    keys: j.packets.filter((p) => p.flags.includes('K')).map((p) => Math.round(p.pts / frameTicks)).sort((a, b) => a - b),
    frameTicks,
  };
}

async function decodeRgb(file: string): Promise<Buffer[]> {
  const { stdout } = await runTool(tools.ffmpeg, ['-v', 'error', '-i', file, '-vf', 'scale=in_color_matrix=bt709:in_range=tv,format=rgb24', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const size = W * H * 3;
  return Array.from({ length: stdout.length / size }, (_, i) => stdout.subarray(i * size, (i + 1) * size));
}

/** Mean absolute difference per value and share of values > 16 apart, between RGB24 and RGBA pictures. */
function difference(rgb: Buffer, rgba: Buffer): { mean: number; far: number } {
  let sum = 0;
  let far = 0;
  for (let p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(rgb[p + c]! - rgba[q + c]!);
      sum += d;
      if (d > 16) far++;
    }
  }
  return { mean: sum / rgb.length, far: far / rgb.length };
}

describe('H.264 bit plumbing', () => {
  it('splits Annex B at 3- and 4-byte start codes and round-trips emulation prevention', () => {
    const stream = Uint8Array.from([0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 9, 0]);
    expect(splitAnnexB(stream).map((n) => [...n])).toEqual([[0x67, 1, 2], [0x68, 3], [0x65, 9]]);
    const rbsp = Uint8Array.from([0x41, 0, 0, 0, 0, 0, 1, 0, 0, 3, 0, 0, 2, 7]);
    const nal = toNal(rbsp);
    for (let i = 0; i + 2 < nal.length; i++) expect(nal[i] === 0 && nal[i + 1] === 0 && nal[i + 2]! <= 2).toBe(false);
    expect([...toRbsp(nal)]).toEqual([...rbsp]);
  });

  it('rewrites a fixed-width field in place and reads Exp-Golomb codes', () => {
    const bytes = Uint8Array.from([0b10100110, 0b01000000]);
    const r = new BitReader(bytes);
    expect([r.ue(), r.ue(), r.ue(), r.ue()]).toEqual([0, 1, 2, 3]);
    putBits(bytes, 3, 4, 0b1011);
    expect(new BitReader(bytes).u(8)).toBe(0b10110110);
  });
});

describe('synthesised holds and fades', () => {
  const a = picture('#1f5fa8', 'Outgoing slide', '#ffcc33');
  const b = picture('#7a1fa8', 'Incoming slide', '#33ddaa');

  it('a held picture: exact frame count, CFR, an IDR every GOP, every frame the same picture', async () => {
    const { dir, opts } = await setup('standard');
    const template = await skipTemplateFor(opts);
    expect(template).toBeDefined();
    const file = join(dir, 'hold.mp4');
    await writeHoldPiece(file, a, 150, template!, opts);
    const p = await probe(file);
    expect(p.frames).toBe(150);
    expect([...p.steps]).toEqual([p.frameTicks]);
    expect(p.keys).toEqual([0, 60, 120]);
    const frames = await decodeRgb(file);
    expect(frames).toHaveLength(150);
    expect(new Set(frames.map((f) => f.toString('base64'))).size).toBe(1);
    const d = difference(frames[0]!, a);
    expect(d.mean).toBeLessThan(1.5);
    expect(d.far).toBeLessThan(0.002);
  }, 60_000);

  it('a fade: the decoder blends two coded pictures into what the canvas fade draws', async () => {
    const { dir, opts } = await setup('standard');
    const template = await skipTemplateFor(opts);
    expect(canSynthesiseFade(template, 15)).toBe(true);
    const file = join(dir, 'fade.mp4');
    const first = fadeFrame(a, b, 1 / 16);
    await writeFadePiece(file, first, b, 15, template!, opts);
    const p = await probe(file);
    expect(p.frames).toBe(16);
    expect([...p.steps]).toEqual([p.frameTicks]);
    expect(p.keys).toEqual([0]);
    const frames = await decodeRgb(file);
    for (let j = 0; j < 16; j++) {
      const expected = j < 15 ? fadeFrame(a, b, (j + 1) / 16) : b;
      const d = difference(frames[j]!, expected);
      expect(d.mean, `fade frame ${j}`).toBeLessThan(2);
      expect(d.far, `fade frame ${j}`).toBeLessThan(0.005);
    }
    // Frames in motion: every blended frame differs from its neighbours.
    for (let j = 1; j < 16; j++) expect(frames[j]!.equals(frames[j - 1]!)).toBe(false);
  }, 60_000);

  it('joins x264 pieces by stream copy: exact count, CFR, no decode errors, keyframes ≤ 2 s apart', async () => {
    const { dir, opts } = await setup('standard');
    const template = (await skipTemplateFor(opts))!;
    const streamed = async (name: string, pictures: Buffer[]): Promise<string> => {
      const output = join(dir, name);
      const enc = await FrameEncoder.open({ output, width: W, height: H, fps: FPS, preset: 'standard', tools });
      for (const f of pictures) await enc.writeFrame(f);
      await enc.finish();
      return output;
    };
    const head = await streamed('head.mp4', Array.from({ length: 12 }, (_, i) => fadeFrame(a, b, i / 40)));
    const hold = join(dir, 'hold.mp4');
    await writeHoldPiece(hold, a, 70, template, opts);
    const fade = join(dir, 'fade.mp4');
    await writeFadePiece(fade, fadeFrame(a, b, 1 / 16), b, 15, template, opts);
    const tail = await streamed('tail.mp4', Array.from({ length: 9 }, (_, i) => fadeFrame(b, a, i / 20)));
    const out = join(dir, 'joined.mp4');
    await concatSegments([{ path: head, frames: 12 }, { path: hold, frames: 70 }, { path: fade, frames: 16 }, { path: tail, frames: 9 }], out, { fps: FPS, tools });
    const p = await probe(out);
    expect(p.frames).toBe(107);
    expect([...p.steps]).toEqual([p.frameTicks]);
    expect(p.keys[0]).toBe(0);
    const gaps = [...p.keys.slice(1).map((k, i) => k - p.keys[i]!), 107 - p.keys.at(-1)!];
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60);
    const decoded = await runTool(tools.ffmpeg, ['-v', 'error', '-i', out, '-f', 'null', '-']);
    expect(decoded.stderr).toBe('');
    // The joined video shows each piece's own pictures: the fade's frames decode the same inside the join.
    const joined = await decodeRgb(out);
    const alone = await decodeRgb(fade);
    for (let j = 0; j < 16; j++) expect(joined[82 + j]!.equals(alone[j]!), `fade frame ${j} in the join`).toBe(true);
  }, 90_000);

  it('draft (no B frames): holds still synthesise, fades fall back to streaming', async () => {
    const { dir, opts } = await setup('draft');
    const template = await skipTemplateFor(opts);
    expect(template).toBeDefined();
    expect(canSynthesiseFade(template, 15)).toBe(false);
    const file = join(dir, 'hold.mp4');
    await writeHoldPiece(file, b, 45, template!, opts);
    const p = await probe(file);
    expect(p.frames).toBe(45);
    const frames = await decodeRgb(file);
    expect(new Set(frames.map((f) => f.toString('base64'))).size).toBe(1);
    expect(difference(frames[0]!, b).mean).toBeLessThan(2.5);
  }, 60_000);
});
