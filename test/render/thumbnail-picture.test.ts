import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { thumbnailPng } from '../../src/pipeline/outputs.ts';
import { layoutPictureThumbnail, THUMBNAIL_SIZE } from '../../src/render/thumbnail.ts';
import { nodeMeasurer } from '../../src/media/canvas.ts';
import { contrast, toHex } from '../../src/render/color.ts';
import { validateSpec, type VideoSpec } from '../../src/spec/index.ts';
import { tempDir } from '../pipeline/helpers.ts';

const spec = (aspect: '16:9' | '9:16'): VideoSpec => {
  const r = validateSpec({ id: 't', title: 'Why Octopuses Are Smart', aspect, theme: { accent: 'orange', mode: 'dark' }, scenes: [{ kind: 'title', title: 'Hook', badge: 'Did you know', narration: 'Hi.' }] });
  if (!r.ok) throw new Error('bad spec');
  return r.value;
};

/** A picture made by ffmpeg: a flat colour (or the test pattern) at the given size. */
function picture(dir: string, name: string, source: string, size: string): string {
  const file = join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `${source}:s=${size}`, '-frames:v', '1', file]);
  return file;
}

async function pixels(png: Buffer, width: number, height: number) {
  const img = await loadImage(png);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0, width, height);
  const data = ctx.getImageData(0, 0, width, height).data;
  return (x: number, y: number) => toHex({ r: data[(y * width + x) * 4]!, g: data[(y * width + x) * 4 + 1]!, b: data[(y * width + x) * 4 + 2]! });
}

describe('thumbnail with a picture', () => {
  const dir = tempDir('thumb-picture');

  it('shows the picture (cover) in the upper part, 1280×720, for a landscape and a portrait picture', async () => {
    for (const [size, aspect] of [['1920x1080', '16:9'], ['1080x1920', '9:16']] as const) {
      const file = picture(dir, `orange-${size}.png`, 'color=c=0xff5500', size);
      const png = await thumbnailPng(spec(aspect), file);
      const img = await loadImage(png);
      expect([img.width, img.height]).toEqual([THUMBNAIL_SIZE.width, THUMBNAIL_SIZE.height]);
      const at = await pixels(png, 1280, 720);
      // Top right, away from the text: the picture under the light top of the scrim.
      const top = at(1200, 30);
      const r = parseInt(top.slice(1, 3), 16);
      const g = parseInt(top.slice(3, 5), 16);
      expect(r, top).toBeGreaterThan(190);
      expect(g, top).toBeLessThan(90);
    }
  });

  it('keeps the title ≥ 4.5:1 over a pure white picture and large enough at 168×94', async () => {
    const white = picture(dir, 'white.png', 'color=c=white', '1280x720');
    const png = await thumbnailPng(spec('16:9'), white);
    const layout = layoutPictureThumbnail({ title: 'Why Octopuses Are Smart', theme: spec('16:9').theme, badge: 'Did you know' }, { width: 1280, height: 720 }, nodeMeasurer());
    const title = layout.elements.filter((e) => e.type === 'text').at(-1)!;
    if (title.type !== 'text') throw new Error('no title');
    // At YouTube's smallest size the title's letters are still ≥ 12 px tall.
    const small = { w: 168, h: 94 };
    expect((title.text.font.size * small.h) / THUMBNAIL_SIZE.height).toBeGreaterThanOrEqual(12);
    // Downscaled, the title's band still holds near-white letters on a dark scrim: the lightest and darkest pixels
    // of the band keep AA contrast (downscaling blends letters with the background, so this is the strict case).
    const at = await pixels(png, small.w, small.h);
    const k = small.h / THUMBNAIL_SIZE.height;
    const y0 = Math.ceil(title.text.top * k);
    const y1 = Math.floor((title.text.top + title.text.lines.length * title.text.lineHeight) * k);
    const band: string[] = [];
    for (let y = y0; y < y1; y++) for (let x = 8; x < small.w - 8; x++) band.push(at(x, y));
    const lum = (hex: string) => contrast(hex, '#000000');
    band.sort((a, b) => lum(a) - lum(b));
    expect(contrast(band.at(-1)!, band[0]!)).toBeGreaterThanOrEqual(4.5);
    // Full size: the scrim behind the letters (left margin, inside the band) against white text.
    const full = await pixels(png, 1280, 720);
    expect(contrast('#ffffff', full(20, Math.round(title.text.top + title.text.lineHeight / 2)))).toBeGreaterThanOrEqual(4.5);
  });

  it('falls back to the designed thumbnail when the picture cannot be decoded', async () => {
    const broken = join(dir, 'broken.png');
    execFileSync('sh', ['-c', `printf 'not a png' > '${broken}'`]);
    expect(Buffer.compare(await thumbnailPng(spec('16:9'), broken), await thumbnailPng(spec('16:9')))).toBe(0);
  });
});
