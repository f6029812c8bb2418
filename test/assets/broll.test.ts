import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { chooseStock } from '../../src/assets/broll.ts';
import { createMediaRegistry } from '../../src/assets/registry.ts';
import type { StockRequest } from '../../src/assets/types.ts';
import type { LlmProvider } from '../../src/writing/llm/types.ts';
import { startFakePexels } from './fake-pexels.ts';
import { startFakePixabay } from './fake-pixabay.ts';
import { FAST_HTTP, fakeFiles, stockConfig, tempDir } from './helpers.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const HD = { width: 1920, height: 1080 };
const SHORT = { width: 1080, height: 1920 };

async function servers() {
  const pexels = await startFakePexels({
    apiKey: 'px',
    files: fakeFiles(),
    videos: [
      { id: 11, slug: 'fishing-boats-in-the-harbour', orientation: 'landscape', duration: 12 },
      { id: 12, slug: 'fishing-boats-leaving-port', orientation: 'portrait', duration: 10 },
      { id: 13, slug: 'harbour-at-dawn', orientation: 'landscape', duration: 3 },
      { id: 14, slug: 'harbour-cranes-at-dawn', orientation: 'landscape', duration: 20 },
      { id: 15, slug: 'market-stalls-with-fresh-fish', orientation: 'landscape', duration: 9 },
    ],
    photos: [{ id: 31, slug: 'lighthouse-on-the-coast', width: 6000, height: 4000 }],
  });
  const pixabay = await startFakePixabay({
    apiKey: 'pb',
    files: fakeFiles(),
    videos: [
      { id: 21, tags: ['fishing boats', 'sea'], orientation: 'landscape', duration: 15 },
      { id: 22, tags: ['gulls', 'sky'], orientation: 'landscape', duration: 7 },
    ],
  });
  closers.push(pexels.close, pixabay.close);
  const home = tempDir('broll');
  const config = stockConfig(home, { PEXELS_API_KEY: 'px', PEXELS_BASE_URL: pexels.baseUrl, PIXABAY_API_KEY: 'pb', PIXABAY_BASE_URL: pixabay.baseUrl });
  const providers = createMediaRegistry(config, undefined, { http: FAST_HTTP });
  return { pexels, pixabay, home, config, providers };
}

/** A loopback URL on which nothing listens (a port just released). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const scene = (n: number, sentences: string[], seconds = sentences.map(() => 2.5)): StockRequest => ({ scene: n, sentences, seconds });

describe('chooseStock: b-roll that matches the words', () => {
  it('gives each chunk of narration its own clip, in order, never the same one twice, downloaded once', async () => {
    const { config, providers, pexels } = await servers();
    const requests = [
      scene(0, ['The harbour fills with fishing boats at dawn.', 'Crews unload the night’s catch.']),
      scene(1, ['More fishing boats head out to sea.', 'Nets are thrown over the side.']),
      scene(2, ['By noon the harbour is quiet.', 'Only the gulls remain.', 'Market stalls sell fresh fish.', 'Tourists taste the grilled sardines.'], [2.5, 2, 2.5, 2]),
    ];
    const { picks, warnings } = await chooseStock(requests, { config, frame: HD, language: 'en', providers });
    expect(warnings).toEqual([]);
    expect(picks.map((p) => [p.scene, p.sentence])).toEqual([[0, 0], [1, 0], [2, 0], [2, 2]]);
    expect(picks.map((p) => `${p.credit?.provider}:${p.file?.split('/').pop()}`)).toEqual([
      'pexels:pexels-11.mp4', // fishing boats, landscape, 12 s ≥ the 5 s chunk
      'pixabay:pixabay-21.mp4', // the Pexels landscape boat clip is taken: next provider
      'pexels:pexels-14.mp4', // "harbour": 13 is only 3 s (would loop), 14 is 20 s
      'pexels:pexels-15.mp4', // "market stalls" from its own sentences
    ]);
    expect(picks.map((p) => p.terms)).toEqual(['fishing boats', 'fishing boats', 'harbour', 'market stalls']);
    for (const p of picks) {
      expect(p.kind).toBe('video');
      expect(existsSync(p.file!)).toBe(true);
      expect(p.file!.startsWith(join(config.cacheDir, 'media', 'stock'))).toBe(true);
    }
    // The files are the real clips the server sent: ffprobe reads them.
    expect(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', picks[0]!.file!]).toString().trim()).toBe('h264');
    expect(pexels.downloads).toContain('/files/pexels-11-1920x1080.mp4');

    const downloads = pexels.downloads.length;
    const again = await chooseStock(requests, { config, frame: HD, language: 'en', providers: createMediaRegistry(config, undefined, { http: FAST_HTTP }) });
    expect(again.picks).toEqual(picks);
    expect(pexels.downloads.length).toBe(downloads);
  });

  it('asks for portrait footage for a Short and takes the 1080×1920 file', async () => {
    const { config, providers, pexels } = await servers();
    const { picks } = await chooseStock([scene(0, ['Fishing boats leave the harbour before sunrise.'])], { config, frame: SHORT, language: 'en', providers });
    expect(picks[0]!.file).toMatch(/pexels-12\.mp4$/);
    expect(pexels.api[0]!.query.get('orientation')).toBe('portrait');
    expect(pexels.downloads).toEqual(['/files/pexels-12-1080x1920.mp4']);
  });

  it('uses a picture when no video matches', async () => {
    const { config, providers } = await servers();
    const { picks, warnings } = await chooseStock([scene(0, ['A lighthouse stands on the coast.'])], { config, frame: HD, language: 'en', providers });
    expect(warnings).toEqual([]);
    expect(picks[0]).toMatchObject({ kind: 'image', credit: { provider: 'pexels', license: 'Pexels License' } });
    expect(picks[0]!.file).toMatch(/pexels-photo-31\.jpe?g$/);
  });

  it('moves on to the next provider when one answers 503, and to the local library when none has it', async () => {
    const { config, pexels, home } = await servers();
    const lib = join(home, 'library');
    mkdirSync(lib);
    writeFileSync(join(lib, 'old-town-square.mp4'), fakeFiles().video);
    const providers = createMediaRegistry(config, lib, { http: FAST_HTTP });
    pexels.script({ status: 503 }, { status: 503 }, { status: 503 });
    const { picks, warnings } = await chooseStock([scene(0, ['Fishing boats rock in the swell.']), scene(1, ['The old town square is empty.'])], { config, frame: HD, language: 'en', providers });
    expect(picks.map((p) => p.credit?.provider)).toEqual(['pixabay', 'local']);
    expect(picks[1]!.file).toBe(join(lib, 'old-town-square.mp4'));
    expect(warnings).toEqual([]);
  });

  it('survives a dropped connection: one retry, then the next provider', async () => {
    const { config, providers, pexels } = await servers();
    pexels.script('drop', 'drop');
    const { picks } = await chooseStock([scene(0, ['Fishing boats rock in the swell.'])], { config, frame: HD, language: 'en', providers });
    expect(picks[0]!.credit?.provider).toBe('pixabay');
  });

  it('a rejected key switches the provider off with one warning naming the variable', async () => {
    const { pexels, pixabay, home } = await servers();
    const config = stockConfig(home, { PEXELS_API_KEY: 'stale', PEXELS_BASE_URL: pexels.baseUrl, PIXABAY_API_KEY: 'pb', PIXABAY_BASE_URL: pixabay.baseUrl });
    const { picks, warnings } = await chooseStock([scene(0, ['Fishing boats at sea.']), scene(1, ['Gulls in the sky.'])], { config, frame: HD, language: 'en', providers: createMediaRegistry(config, undefined, { http: FAST_HTTP }) });
    expect(picks.map((p) => p.credit?.provider)).toEqual(['pixabay', 'pixabay']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Pexels rejected the API key \(HTTP 401\); set PEXELS_API_KEY/);
    expect(pexels.api).toHaveLength(1);
  });

  it('an exhausted rate limit skips to the next provider instead of waiting', async () => {
    const { config, pexels } = await servers();
    const providers = createMediaRegistry(config, undefined, { http: FAST_HTTP, limits: { pexels: { capacity: 1, intervalMs: 3_600_000 } } });
    const { picks, warnings } = await chooseStock([scene(0, ['Fishing boats at sea.']), scene(1, ['Gulls in the sky.'])], { config, frame: HD, language: 'en', providers });
    expect(picks.map((p) => p.credit?.provider)).toEqual(['pexels', 'pixabay']);
    expect(pexels.api).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('refuses a file link to a private address (SSRF) and takes the next clip', async () => {
    const pexels = await startFakePexels({
      apiKey: 'px',
      files: fakeFiles(),
      videos: [
        { id: 51, slug: 'glacier-from-above', orientation: 'landscape', duration: 10, linkBase: 'http://169.254.169.254' },
        { id: 52, slug: 'glacier-calving', orientation: 'landscape', duration: 10 },
      ],
    });
    closers.push(pexels.close);
    const config = stockConfig(tempDir('ssrf'), { PEXELS_API_KEY: 'px', PEXELS_BASE_URL: pexels.baseUrl });
    const { picks, warnings } = await chooseStock([scene(0, ['The glacier melts.'])], { config, frame: HD, language: 'en', providers: createMediaRegistry(config, undefined, { http: FAST_HTTP }) });
    expect(picks[0]!.file).toMatch(/pexels-52\.mp4$/);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not download Pexels video 51: refused .*cloud metadata address/);
  });

  it('fully offline: every chunk gets the gradient, with a warning saying why', async () => {
    const home = tempDir('offline');
    const config = stockConfig(home);
    const none = await chooseStock([scene(0, ['The harbour fills with fishing boats at dawn.']), scene(1, ['Gulls follow the boats home.'])], { config, frame: HD, language: 'en' });
    expect(none.picks).toEqual([{ scene: 0, sentence: 0, terms: 'fishing boats' }, { scene: 1, sentence: 0, terms: expect.any(String) }]);
    // Said once for the whole video, not once per clip.
    expect(none.warnings).toEqual(['no footage source configured (set PEXELS_API_KEY, PIXABAY_API_KEY or --media <dir>): all 2 clips are drawn as gradients']);

    // Keys configured but nothing listening: connection failures, still no exception.
    const closed = await closedPort();
    const dead = stockConfig(home, { PEXELS_API_KEY: 'a', PEXELS_BASE_URL: closed, PIXABAY_API_KEY: 'b', PIXABAY_BASE_URL: closed });
    const down = await chooseStock([scene(0, ['The harbour fills with fishing boats at dawn.'])], { config: dead, frame: HD, language: 'en', providers: createMediaRegistry(dead, undefined, { http: FAST_HTTP }) });
    expect(down.picks[0]!.file).toBeUndefined();
    expect(down.warnings).toEqual(["no footage for 'fishing boats': Pexels connection failed (ECONNREFUSED), Pixabay connection failed (ECONNREFUSED); drawing a gradient"]);
  });

  it('says which provider had no match', async () => {
    const { config, providers } = await servers();
    const { picks, warnings } = await chooseStock([scene(0, ['Lava flows from the volcano.'])], { config, frame: HD, language: 'en', providers });
    expect(picks[0]!.file).toBeUndefined();
    expect(warnings).toEqual(["no footage for 'volcano': Pexels no match, Pixabay no match; drawing a gradient"]);
  });

  it('a chunk with nothing filmable borrows its scene’s subjects instead of drawing a gradient', async () => {
    const { config, providers } = await servers();
    const { picks, warnings } = await chooseStock([scene(0, ['Fishing boats leave the harbour.', 'It is what it is.', 'Follow for more!', 'Really, truly.'], [4, 4, 4, 4])], { config, frame: HD, language: 'en', providers });
    expect(warnings).toEqual([]);
    expect(picks.map((p) => [p.sentence, p.terms])).toEqual([[0, 'fishing boats'], [1, 'harbour'], [2, 'harbour'], [3, 'fishing boats']]);
    expect(new Set(picks.map((p) => p.file)).size).toBe(4);
  });

  it('a background with fixed terms gets one clip for them', async () => {
    const { config, providers } = await servers();
    const { picks } = await chooseStock([{ scene: 0, sentences: [], seconds: [], terms: 'harbour cranes' }], { config, frame: HD, language: 'en', providers });
    expect(picks).toMatchObject([{ scene: 0, sentence: 0, terms: 'harbour cranes' }]);
    expect(picks[0]!.file).toMatch(/pexels-14\.mp4$/);
  });

  it('uses the language model’s filmable terms first and falls back to keywords when it fails', async () => {
    const { config, providers, pexels } = await servers();
    const asked: string[] = [];
    const llm: LlmProvider = {
      id: 'fake', model: 'fake',
      async generate<T>(req: { messages: { content: string }[]; schema: z.ZodType<T> }): Promise<T> {
        asked.push(req.messages.at(-1)!.content);
        return req.schema.parse({ chunks: [{ chunk: 0, terms: ['harbour cranes'] }] });
      },
    };
    const { picks } = await chooseStock([scene(0, ['Trade made this port rich.'])], { config, frame: HD, language: 'en', providers, llm });
    expect(asked[0]).toContain('0: Trade made this port rich.');
    expect(picks[0]).toMatchObject({ terms: 'harbour cranes' });
    expect(pexels.api[0]!.query.get('query')).toBe('harbour cranes');

    const broken: LlmProvider = { id: 'x', model: 'x', generate: () => Promise.reject(new Error('model unreachable')) };
    const fallback = await chooseStock([scene(0, ['Fishing boats at sea.'])], { config, frame: HD, language: 'en', providers: createMediaRegistry(config, undefined, { http: FAST_HTTP }), llm: broken });
    expect(fallback.picks[0]!.terms).toBe('fishing boats');
    expect(fallback.warnings[0]).toMatch(/language model gave no footage search terms \(model unreachable\)/);
  });

  it('stops when the signal aborts', async () => {
    const { config, providers } = await servers();
    const controller = new AbortController();
    controller.abort();
    await expect(chooseStock([scene(0, ['Fishing boats at sea.'])], { config, frame: HD, language: 'en', providers, signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
