import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PixelPool } from '../../src/media/pixel-pool.ts';
import { createSurface } from '../../src/media/canvas.ts';
import { SegmentPictures } from '../../src/pipeline/segment-pictures.ts';
import { RENDER_PROCESS_FLAGS } from '../../src/pipeline/render-env.ts';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import type { VideoSpecInput } from '../../src/spec/index.ts';
import { spec, tempDir, testConfig } from './helpers.ts';

/** Many distinct pictures (list reveals), fades and holds: every kind of reader of a picture. */
const busy: VideoSpecInput = {
  id: 'pool',
  title: 'Pooled pictures',
  resolution: '1080p',
  scenes: [
    { id: 'a', kind: 'title', title: 'Pooled pictures', narration: 'Every picture is read back into a buffer that is used again.', transition: 'fade', minDuration: 4 },
    {
      id: 'b',
      kind: 'list',
      title: 'Readers of a picture',
      items: ['The stream encoder', 'A fade', 'A held picture', 'The next segment'],
      narration: 'The stream encoder reads it. A fade reads two. A held picture is coded once. The next segment reuses them all.',
      transition: 'fade',
    },
    { id: 'c', kind: 'list', title: 'After the fade', items: ['One', 'Two', 'Three', 'Four'], narration: 'One. Two. Three. Four.' },
  ],
};

afterEach(() => vi.restoreAllMocks());

describe('PixelPool', () => {
  it('hands out a returned buffer again and allocates only when every buffer is in use', () => {
    const pool = new PixelPool(16);
    const a = pool.take();
    const b = pool.take();
    expect(a).not.toBe(b);
    expect(a.byteLength).toBe(16);
    pool.give(a);
    pool.give(a); // twice: still one entry, so two takers never share it
    expect(pool.idle).toBe(1);
    expect(pool.take()).toBe(a);
    pool.give(Buffer.alloc(8)); // another size is not this pool's
    expect(pool.idle).toBe(0);
  });
});

describe('SegmentPictures', () => {
  it('draws a picture only when its key changes, and two segments sharing one surface each read back their own', async () => {
    const surface = createSurface(64, 36, { opaque: true });
    const pool = new PixelPool(64 * 36 * 4);
    const draws: string[] = [];
    const segment = (name: string, colours: string[]) =>
      new SegmentPictures(
        surface,
        pool,
        colours,
        (i) => {
          draws.push(`${name}${i}`);
          surface.ctx.fillStyle = colours[i]!;
          surface.ctx.fillRect(0, 0, 64, 36);
        },
        // Footage decodes asynchronously: the other segment draws meanwhile.
        () => new Promise((r) => setImmediate(r)),
      );
    const a = segment('a', ['#ff0000', '#ff0000', '#00ff00']);
    const b = segment('b', ['#0000ff', '#ffffff', '#ffffff']);
    const red = (p: Buffer) => [p[0], p[1], p[2]];
    const readAll = async (s: SegmentPictures) => {
      const out = [];
      for (let i = 0; i < 3; i++) out.push(red(await s.at(i)));
      return out;
    };
    const seen = await Promise.all([readAll(a), readAll(b)]);
    // The segments take turns on the surface; each reads back what it drew, not what the other left there.
    expect(seen).toEqual([
      [[255, 0, 0], [255, 0, 0], [0, 255, 0]],
      [[0, 0, 255], [255, 255, 255], [255, 255, 255]],
    ]);
    expect(a.drawn + b.drawn).toBe(4);
    const kept = await a.kept(2);
    const first = await a.at(0); // drawn again into the shown buffer: the kept copy is its own
    expect(red(first)).toEqual([255, 0, 0]);
    expect(red(kept.pixels)).toEqual([0, 255, 0]);
    const idle = pool.idle;
    await kept.readBy(Promise.resolve());
    await new Promise((r) => setImmediate(r));
    expect(pool.idle).toBe(idle + 1);
    a.close();
    b.close();
    expect(pool.idle).toBe(idle + 3);
  });
});

describe('pictures read back into pooled buffers', () => {
  it('a render gives back every buffer it took, and needs a few buffers for many pictures', async () => {
    const taken = new Set<Buffer>();
    let takes = 0;
    let gives = 0;
    const take = PixelPool.prototype.take;
    const give = PixelPool.prototype.give;
    vi.spyOn(PixelPool.prototype, 'take').mockImplementation(function (this: PixelPool) {
      takes++;
      const buffer = take.call(this);
      taken.add(buffer);
      return buffer;
    });
    vi.spyOn(PixelPool.prototype, 'give').mockImplementation(function (this: PixelPool, buffer: Buffer) {
      gives++;
      give.call(this, buffer);
    });
    const result = await renderVideo(spec(busy), { outputDir: tempDir('pool'), preset: 'standard', config: testConfig() });
    expect(result.frames.drawn).toBeGreaterThan(20);
    expect(result.frames.blended).toBeGreaterThan(0);
    expect(gives).toBe(takes);
    // Two segment slots: each one's shown picture and a fade's two kept pictures at most.
    expect(taken.size).toBeLessThanOrEqual(6);
  }, 120_000);

  it('read-backs die young: no full collection for dropped pictures, as there was when encoders read them', () => {
    // 1080p pictures drawn and read back in a process started with the render flags, each held while three more are
    // drawn (as an encoder that takes its input late, or a picture kept for a hold). Handing the encoder getImageData's
    // own buffer (as before the pool) let it outlive two minor collections, so it was promoted and only a full
    // collection freed it. Pooled, the encoder holds a pool buffer and the read-back is garbage at once.
    const modules = ['media/canvas.ts', 'media/pixel-pool.ts'].map((m) => JSON.stringify(new URL(`../../src/${m}`, import.meta.url).href));
    const trace = (pooled: boolean): string => {
      const script = `
        const [{ createSurface, readPixelsInto, collectPixelGarbage }, { PixelPool }] = await Promise.all([${modules.map((m) => `import(${m})`).join(', ')}]);
        const surface = createSurface(1920, 1080, { opaque: true });
        const pool = new PixelPool(1920 * 1080 * 4);
        const held = [];
        for (let i = 0; i < 160; i++) {
          surface.ctx.fillStyle = i % 2 ? '#123' : '#456';
          surface.ctx.fillRect(0, 0, 1920, 1080);
          let picture;
          if (${pooled}) readPixelsInto(surface, (picture = pool.take()));
          else picture = surface.ctx.getImageData(0, 0, 1920, 1080).data;
          collectPixelGarbage();
          held.push(picture);
          if (held.length > 3) ${pooled} ? pool.give(held.shift()) : held.shift();
          await new Promise((r) => setImmediate(r));
        }
      `;
      const run = spawnSync(process.execPath, [...RENDER_PROCESS_FLAGS, '--trace-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      return run.stdout;
    };
    const fullForExternal = (out: string): number => out.split('\n').filter((l) => /Mark-Compact.*external memory pressure/.test(l)).length;
    const direct = trace(false);
    const pooled = trace(true);
    expect(pooled).toMatch(/Scavenge/);
    // Measured: 10 direct, 1 pooled (V8's first limit is 64 MB of external memory from zero, and the pool's four
    // buffers and the surface alone are 41 MB).
    expect(fullForExternal(direct)).toBeGreaterThan(5);
    expect(fullForExternal(pooled)).toBeLessThanOrEqual(1);
  }, 180_000);
});
