import { describe, expect, it } from 'vitest';
import { I420Converter, I420Converters, forgetBands, i420Bytes, rgbaToI420, trackBands, withI420 } from '../../src/media/yuv.ts';
import { createSurface, readPixelsInto } from '../../src/media/canvas.ts';

const W = 64;
const H = 36;

/** Colours that exercise the matrix: a gradient, saturated primaries, black and white, and a sharp colour edge. */
function picture(shift = 0): Uint8Array {
  const rgba = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 4;
      const band = Math.floor(((x + shift) % W) / 8);
      const colours = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [0, 0, 0], [255, 255, 255], [(x * 4) & 255, (y * 7) & 255, 128], [255, 0, 255], [17, 200, 90]];
      const [r, g, b] = colours[band % colours.length]!;
      rgba.set([r!, g!, b!, 255], o);
    }
  }
  return rgba;
}

/** BT.709 limited range in floating point: the values the fixed-point conversion must round to. */
function reference(rgba: Uint8Array): Float64Array {
  const out = new Float64Array(i420Bytes(W, H));
  for (let i = 0; i < W * H; i++) out[i] = 16 + ((0.2126 * rgba[i * 4]! + 0.7152 * rgba[i * 4 + 1]! + 0.0722 * rgba[i * 4 + 2]!) * 219) / 255;
  for (let y = 0; y < H / 2; y++) {
    for (let x = 0; x < W / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const o = ((2 * y + dy) * W + 2 * x + dx) * 4;
        [r, g, b] = [r + rgba[o]! / 4, g + rgba[o + 1]! / 4, b + rgba[o + 2]! / 4];
      }
      const k = y * (W / 2) + x;
      out[W * H + k] = 128 + ((-0.2126 / 1.8556) * r - (0.7152 / 1.8556) * g + 0.5 * b) * (224 / 255);
      out[W * H * 1.25 + k] = 128 + (0.5 * r - (0.7152 / 1.5748) * g - (0.0722 / 1.5748) * b) * (224 / 255);
    }
  }
  return out;
}

describe('RGBA → yuv420p, BT.709 limited range', () => {
  it('rounds every sample to the exact value (within half a level)', async () => {
    const rgba = picture();
    const out = new Uint8Array(i420Bytes(W, H));
    rgbaToI420(rgba, W, H, out);
    const ref = reference(rgba);
    let worst = 0;
    for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i]! - ref[i]!));
    expect(worst).toBeLessThanOrEqual(0.51);
    // The corners of the range: black is 16/128/128, white 235/128/128.
    const black = new Uint8Array(W * H * 4).map((_, i) => (i % 4 === 3 ? 255 : 0));
    const white = new Uint8Array(W * H * 4).fill(255);
    await withI420([black, white], W, H, async ([b, w]) => {
      expect([b![0], b![W * H], b![W * H * 1.25]]).toEqual([16, 128, 128]);
      expect([w![0], w![W * H], w![W * H * 1.25]]).toEqual([235, 128, 128]);
    });
    // The buffers go back for the next pictures.
    const again = await withI420([white], W, H, async ([w]) => w);
    expect(again![0]).toBe(235);
  });

  it('a converter redoes only the bands a read-back changed, and gives what a full conversion gives', () => {
    const surface = createSurface(W, H, { opaque: true });
    const shown = Buffer.alloc(W * H * 4);
    const bands = trackBands(shown, H);
    const converter = new I420Converter(W, H);
    const check = (): void => {
      const full = new Uint8Array(i420Bytes(W, H));
      rgbaToI420(shown, W, H, full);
      expect(Buffer.from(converter.convert(shown)).equals(Buffer.from(full))).toBe(true);
    };
    const draw = (paint: (ctx: CanvasRenderingContext2D) => void): void => {
      paint(surface.ctx);
      readPixelsInto(surface, shown, bands);
    };
    draw((ctx) => {
      ctx.fillStyle = '#204060';
      ctx.fillRect(0, 0, W, H);
    });
    check();
    expect(converter.converted).toBe(H / 2); // the first picture: every band
    // One small change: only its bands are converted again.
    draw((ctx) => {
      ctx.fillStyle = '#ff8800';
      ctx.fillRect(10, 7, 5, 3);
    });
    const before = converter.converted;
    check();
    expect(converter.converted - before).toBe(2); // rows 7–9: bands 3 (rows 6–7) and 4 (rows 8–9)
    // The same picture piped again converts nothing; two read-backs between conversions still add up.
    const again = converter.converted;
    check();
    expect(converter.converted).toBe(again);
    draw((ctx) => ctx.fillRect(0, 0, 4, 4));
    draw((ctx) => ctx.fillRect(0, H - 2, 4, 2));
    check();
    // A buffer with no record, or another one, is converted whole.
    const untracked = Buffer.from(shown);
    const whole = converter.converted;
    expect(Buffer.from(converter.convert(untracked)).equals(Buffer.from(converter.out))).toBe(true);
    expect(converter.converted - whole).toBe(H / 2);
    forgetBands(shown);
    check();
  });

  it('hands converters out again once given back, and refuses odd sizes and wrong lengths', () => {
    const pool = new I420Converters(W, H);
    const first = pool.take();
    pool.give(first);
    expect(pool.take()).toBe(first);
    expect(pool.take()).not.toBe(first);
    expect(() => rgbaToI420(new Uint8Array(3 * 2 * 4), 3, 2, new Uint8Array(9))).toThrow(/even/);
    expect(() => new I420Converter(W, H).convert(new Uint8Array(10))).toThrow(/bytes/);
  });
});
