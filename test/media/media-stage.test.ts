import { createServer, type Server } from 'node:http';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareMedia, type MediaStageOptions } from '../../src/pipeline/media-stage.ts';
import { findFfmpeg, type MediaTools } from '../../src/media/index.ts';
import { frameFor } from '../../src/render/geometry.ts';
import { GRADIENT_REF } from '../../src/render/media.ts';
import type { VideoSpecInput } from '../../src/spec/index.ts';
import { spec, tempDir, testConfig } from '../pipeline/helpers.ts';
import { bandsPng, colourClip, writeText } from './media-fixtures.ts';

/** prepareMedia on its own: what each kind of `src` resolves to, and the clear refusals. */
describe('media stage', () => {
  let tools: MediaTools;
  let dir: string;
  let server: Server;
  let base = '';
  let hits = 0;
  let png: Buffer;

  const options = (extra: Partial<MediaStageOptions> = {}): MediaStageOptions => ({
    config: testConfig(),
    tools,
    frame: frameFor('16:9', 360),
    scope: { kind: 'folder', root: dir },
    ...extra,
  });
  const one = (scene: Record<string, unknown>, more: Partial<VideoSpecInput> = {}) => spec({ id: 'm', title: 'M', scenes: [{ id: 's', narration: 'Look.', ...scene } as never], ...more });

  beforeAll(async () => {
    tools = await findFfmpeg();
    dir = tempDir('media-stage');
    mkdirSync(join(dir, 'media'));
    bandsPng(join(dir, 'media/pic.png'), [[10, 120, 200]], 800, 600);
    await colourClip(tools, join(dir, 'media/sound.mp4'), [[200, 0, 0], [0, 200, 0]], { audio: true });
    writeText(dir, 'media/notes.png', 'just some text, not a picture\n');
    png = readFileSync(join(dir, 'media/pic.png'));
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/photo.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
        res.end(png);
      } else if (req.url === '/broken.mp4') {
        // Promises more than it sends, then hangs up: a download that dies half-way.
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': 100_000 });
        res.write(png.subarray(0, 1000), () => res.destroy());
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: '/photo.png' });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('resolves a local picture to its content hash, with its size and a credit', async () => {
    const media = await prepareMedia(one({ kind: 'image', src: 'media/pic.png' }), options());
    const main = media.scenes[0]!.main!;
    expect(main.ref).toMatch(/^[0-9a-f]{64}$/);
    expect(media.catalog[main.ref]).toMatchObject({ kind: 'image', width: 800, height: 600 });
    expect(media.sceneHashes[0]).toEqual([main.ref]);
    expect(media.credits).toEqual([{ provider: 'file', title: 'pic.png', license: 'provided by the user' }]);
    expect(media.poster).toMatchObject({ kind: 'image', path: join(dir, 'media/pic.png') });
    // Decoded at cover size for the 640×360 frame, not at 800×600.
    const feeder = media.feeder();
    await feeder.prepare([{ ref: main.ref, seconds: 0 }]);
    const picture = feeder.frameAt(main.ref, 0) as unknown as { width: number; height: number };
    expect([picture.width, picture.height]).toEqual([640, 480]);
    await feeder.close();
  });

  it('refuses a path out of the spec folder with SOURCE_FORBIDDEN', async () => {
    await expect(prepareMedia(one({ kind: 'image', src: '../outside.png' }), options())).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN', message: expect.stringContaining('scenes[0].src') });
    // Over the API (no folder) any path is refused, even one inside.
    await expect(prepareMedia(one({ kind: 'image', src: 'media/pic.png' }), options({ scope: { kind: 'none' } }))).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN' });
  });

  it('refuses a text file named .png with SOURCE_UNREADABLE naming the field', async () => {
    const error = await prepareMedia(one({ kind: 'image', src: 'media/notes.png' }), options()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SOURCE_UNREADABLE' });
    expect((error as Error).message).toMatch(/^scenes\[0\]\.src: the file is not media/);
  });

  it('refuses a missing file and a clip given to a picture scene, naming the field', async () => {
    await expect(prepareMedia(one({ kind: 'image', src: 'media/nope.png' }), options())).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', message: expect.stringContaining('no such file') });
    await expect(prepareMedia(one({ kind: 'image', src: 'media/sound.mp4' }), options())).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', message: expect.stringContaining('kind: video') });
  });

  it('fetches a URL (through redirects) into the content cache once, SSRF rules kept', async () => {
    const config = testConfig();
    const input = one({ kind: 'image', src: `${base}/moved` });
    await expect(prepareMedia(input, options({ config }))).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', message: expect.stringContaining('loopback') });
    hits = 0;
    const media = await prepareMedia(input, options({ config, allowPrivateForTests: ['127.0.0.1'] }));
    const local = await prepareMedia(one({ kind: 'image', src: 'media/pic.png' }), options());
    // Same bytes, same ref, wherever they came from.
    expect(media.scenes[0]!.main!.ref).toBe(local.scenes[0]!.main!.ref);
    expect(media.credits[0]).toMatchObject({ provider: 'url', sourceUrl: `${base}/moved`, license: 'provided by the user' });
    expect(hits).toBe(2);
    await prepareMedia(input, options({ config, allowPrivateForTests: ['127.0.0.1'] }));
    expect(hits).toBe(2);
    await expect(prepareMedia(one({ kind: 'image', src: `${base}/missing.png` }), options({ config, allowPrivateForTests: ['127.0.0.1'] }))).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', message: expect.stringContaining('HTTP 404') });
  });

  it('leaves nothing that looks finished when a download dies half-way', async () => {
    const config = testConfig();
    const input = one({ kind: 'video', src: `${base}/broken.mp4` });
    await expect(prepareMedia(input, options({ config, allowPrivateForTests: ['127.0.0.1'] }))).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', message: expect.stringContaining('scenes[0].src') });
    expect(readdirSync(join(config.cacheDir, 'media'))).toEqual([]);
  });

  it('resolves uploads through the server hook and refuses them on the command line', async () => {
    const input = one({ kind: 'image', src: 'upload:abc123' });
    await expect(prepareMedia(input, options())).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
    const media = await prepareMedia(input, options({ scope: { kind: 'none' }, uploads: async (id) => (id === 'abc123' ? join(dir, 'media/pic.png') : '') }));
    expect(media.credits[0]).toMatchObject({ provider: 'upload' });
  });

  it('trims clips, keeps the sound of an unmuted one as a bed, and takes a music file', async () => {
    const input = spec({
      id: 'm',
      title: 'M',
      music: { src: 'media/sound.mp4' },
      scenes: [
        { id: 'a', kind: 'video', src: 'media/sound.mp4', start: 0.5, end: 9, muted: false, loop: false, narration: 'One.' },
        { id: 'b', kind: 'list', title: 'T', items: ['x'], background: { src: 'media/sound.mp4', scrim: 0.5 }, narration: 'Two.' },
      ],
    });
    const media = await prepareMedia(input, options());
    const main = media.scenes[0]!.main!;
    expect(main).toMatchObject({ kind: 'video', sourceStart: 0.5, loop: false });
    expect(main.sourceEnd).toBeCloseTo(2, 1);
    expect(media.catalog[main.ref]!.duration).toBeCloseTo(2, 1);
    // The sound plays the same window as the picture: from 0.5 s to the clip's end (end: 9 is past it).
    expect(media.beds).toEqual([{ scene: 0, path: join(dir, 'media/sound.mp4'), sourceStart: 0.5, sourceEnd: main.sourceEnd, loop: false }]);
    expect(media.scenes[1]).toMatchObject({ scrim: 0.5, background: [{ ref: main.ref, kind: 'video', loop: true }] });
    expect(media.musicFile).toBe(join(dir, 'media/sound.mp4'));
    // One asset, one credit, however many fields name it.
    expect(media.credits).toHaveLength(1);
  });

  it('asks for b-roll for narrated page scenes only, and draws the gradient when nothing is found', async () => {
    const input = spec({
      id: 'm',
      title: 'M',
      broll: 'auto',
      scenes: [
        { id: 'a', kind: 'list', title: 'Harbours', items: ['Boats'], narration: 'Boats leave the harbour at dawn. Gulls follow them out.' },
        { id: 'b', kind: 'code', code: 'let x = 1', language: 'js', narration: 'A line of code.' },
        { id: 'c', kind: 'title', title: 'Night', background: { stock: 'city at night' } },
      ],
    });
    const media = await prepareMedia(input, options());
    expect(media.scenes[0]!.background![0]!.ref).toBe(GRADIENT_REF);
    expect(media.scenes[1]).toBeUndefined();
    expect(media.scenes[2]!.background![0]!.ref).toBe(GRADIENT_REF);
    expect(media.sceneHashes).toEqual([[], [], []]);
  });

  it('b-roll from the local library becomes background clips in narration order, credited', async () => {
    const library = tempDir('media-library');
    await colourClip(tools, join(library, 'harbour-boats.mp4'), [[0, 90, 160]], { secondsEach: 3 });
    bandsPng(join(library, 'seagulls-flying.png'), [[240, 240, 240]]);
    const input = spec({
      id: 'm',
      title: 'M',
      broll: 'auto',
      scenes: [{ id: 'a', kind: 'list', title: 'Harbours', items: ['Boats'], narration: 'Fishing boats leave the harbour at dawn and sail far out to sea. Seagulls follow the boats, flying low over the water.' }],
    });
    const media = await prepareMedia(input, options({ mediaDir: library }));
    const clips = media.scenes[0]!.background!;
    expect(clips.length).toBeGreaterThanOrEqual(1);
    expect(clips.map((c) => c.sentence)).toEqual([...clips.map((c) => c.sentence)].sort((a, b) => a - b));
    const first = clips[0]!;
    expect(first.ref).toMatch(/^[0-9a-f]{64}$/);
    expect(media.catalog[first.ref]).toMatchObject({ kind: 'video', width: 320, height: 180 });
    expect(media.sceneHashes[0]).toContain(first.ref);
    expect(media.credits.some((c) => c.provider === 'local')).toBe(true);
    expect(media.poster).toMatchObject({ kind: 'video' });
  });
});
