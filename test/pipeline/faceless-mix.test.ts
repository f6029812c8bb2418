import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { findFfmpeg, probe, type MediaTools } from '../../src/media/index.ts';
import { measureLoudness } from '../../src/media/loudness.ts';
import { decodeAudio, readJson, spec, tempDir, testConfig } from './helpers.ts';
import { bandsPng, colourClip, decodeFrame, nearest, type Rgb } from '../media/media-fixtures.ts';
import { PROBE_HZ, makeMusic, toneLevelDb } from '../media/music-fixtures.ts';

/**
 * The acceptance spec in one render: a picture scene, a footage scene (clip made by ffmpeg here), a scene on
 * stock footage (found in a local library by its search terms) and background music. Checked in the finished MP4:
 * frame count, what each scene shows (decoded pixels), the credits, the loudness of the mix, and how deep the music
 * ducks under the voice — measured on the music's own 60 Hz probe tone, which speech does not contain, in a stretch
 * where nobody speaks against one where the voice does.
 */
const YELLOW: Rgb = [255, 204, 0];
const PURPLE: Rgb = [124, 58, 237];
const TEAL: Rgb = [20, 170, 160];
const ORANGE: Rgb = [255, 110, 0];
const PALETTE = { yellow: YELLOW, purple: PURPLE, teal: TEAL, orange: ORANGE, black: [0, 0, 0] as Rgb, white: [255, 255, 255] as Rgb };

interface ManifestScene {
  id: string;
  startFrame: number;
  endFrame: number;
  narrationStart: number;
  end: number;
}

describe('a faceless video: picture, footage, stock background and music', () => {
  let tools: MediaTools;
  let video: string;
  let scenes: Map<string, ManifestScene>;
  let assets: { provider: string; title?: string; kind?: string }[];
  let totalFrames: number;
  const fps = 25;

  beforeAll(async () => {
    tools = await findFfmpeg();
    const dir = tempDir('faceless-mix');
    bandsPng(join(dir, 'coast.png'), [YELLOW, PURPLE]);
    await colourClip(tools, join(dir, 'teal.mp4'), [TEAL], { secondsEach: 2 });
    await makeMusic(tools, dir);
    const library = join(dir, 'library');
    mkdirSync(library);
    await colourClip(tools, join(library, 'harbour-boats.mp4'), [ORANGE], { secondsEach: 3, width: 320, height: 180 });
    writeFileSync(join(library, 'harbour-boats.json'), JSON.stringify({ tags: ['harbour', 'boats'], title: 'Boats in the harbour', author: 'Dock Films', license: 'CC BY 4.0' }));
    const input = spec({
      id: 'faceless',
      title: 'The harbour',
      fps,
      music: { src: 'music-7.37.m4a' },
      scenes: [
        { id: 'picture', kind: 'image', src: 'coast.png', motion: 'none', narration: 'The coast at first light.', minDuration: 2, transition: 'none' },
        // No narration: five seconds of music alone, the reference for the ducking depth.
        { id: 'quiet', kind: 'image', src: 'coast.png', motion: 'none', minDuration: 5, transition: 'none' },
        { id: 'footage', kind: 'video', src: 'teal.mp4', narration: 'Out on the water, the light changes by the minute. Nothing stays the same colour for long.', minDuration: 3, transition: 'none' },
        { id: 'stock', kind: 'quote', text: 'The sea is everything.', background: { stock: 'harbour boats' }, narration: 'Back in the harbour, the boats come home.', minDuration: 3, transition: 'none' },
      ],
    });
    const out = tempDir('faceless-mix-out');
    const result = await renderVideo(input, { outputDir: out, preset: 'draft', config: testConfig(), mediaScope: { kind: 'folder', root: dir }, mediaDir: library });
    video = result.files.video!;
    totalFrames = result.totalFrames;
    const manifest = readJson<{ scenes: ManifestScene[]; assets: { provider: string; title?: string }[] }>(join(out, 'manifest.json'));
    scenes = new Map(manifest.scenes.map((s) => [s.id, s]));
    assets = manifest.assets;
  }, 300_000);

  const colourAt = async (scene: string, seconds: number, x: number, y: number) => {
    const s = scenes.get(scene)!;
    return nearest((await decodeFrame(tools, video, Math.min(s.endFrame - 1, s.startFrame + Math.round(seconds * fps))))(x, y), PALETTE);
  };

  it('has exactly the planned frames and shows each scene its own media', async () => {
    const info = await probe(video, { countFrames: true, tools });
    expect(info.streams.find((s) => s.type === 'video')!.frames).toBe(totalFrames);
    expect(await colourAt('picture', 1, 0.2, 0.3)).toBe('yellow');
    expect(await colourAt('picture', 1, 0.8, 0.3)).toBe('purple');
    expect(await colourAt('footage', 1.5, 0.5, 0.3)).toBe('teal');
    // The stock clip sits behind the quote, darkened by the scrim but still itself at the top of the frame.
    const s = scenes.get('stock')!;
    const [r, g, b] = (await decodeFrame(tools, video, s.startFrame + 20))(0.5, 0.04);
    expect(r).toBeGreaterThan(g + 20);
    expect(g).toBeGreaterThan(b);
  });

  it('credits the stock clip and the music', () => {
    expect(assets.map((a) => a.title)).toEqual(expect.arrayContaining(['Boats in the harbour', 'music-7.37.m4a']));
    expect(assets.find((a) => a.title === 'Boats in the harbour')!.provider).toBe('local');
  });

  it('mixes to −14 LUFS ±1 with true peak ≤ −1 dBTP', async () => {
    const loudness = await measureLoudness(video, { tools });
    expect(Math.abs(loudness.integratedLufs + 14)).toBeLessThanOrEqual(1);
    expect(loudness.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('ducks the music 12–18 dB under the narration', async () => {
    const pcm = await decodeAudio(video);
    const rate = 48_000;
    const quiet = scenes.get('quiet')!;
    const footage = scenes.get('footage')!;
    // Music alone: the middle of the silent scene (clear of the attack before the next scene's voice).
    const aloneFrom = Math.round((quiet.startFrame / fps + 1.5) * rate);
    const alone = toneLevelDb(pcm, PROBE_HZ, aloneFrom, aloneFrom + rate * 2);
    // Under speech: a second inside the footage scene's narration, after the attack has settled.
    const speechFrom = Math.round((footage.narrationStart + 0.6) * rate);
    const under = toneLevelDb(pcm, PROBE_HZ, speechFrom, speechFrom + rate);
    const depth = alone - under;
    console.log(`[faceless mix] 60 Hz music tone: alone ${alone.toFixed(1)} dB, under speech ${under.toFixed(1)} dB, ducked ${depth.toFixed(1)} dB`);
    expect(depth).toBeGreaterThanOrEqual(12);
    expect(depth).toBeLessThanOrEqual(18);
  });
});
