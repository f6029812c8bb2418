import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { findFfmpeg, probe, type MediaTools } from '../../src/media/index.ts';
import { readJson, spec, tempDir, testConfig } from './helpers.ts';
import { bandsPng, colourClip, decodeFrame, nearest, type Rgb } from '../media/media-fixtures.ts';

const RED: Rgb = [230, 30, 30];
const GREEN: Rgb = [30, 200, 60];
const BLUE: Rgb = [30, 60, 230];
const YELLOW: Rgb = [255, 204, 0];
const PURPLE: Rgb = [124, 58, 237];
const ORANGE: Rgb = [255, 110, 0];
const PALETTE = { red: RED, green: GREEN, blue: BLUE, yellow: YELLOW, purple: PURPLE, orange: ORANGE, black: [0, 0, 0] as Rgb, white: [255, 255, 255] as Rgb };

interface ManifestScene {
  id: string;
  startFrame: number;
  endFrame: number;
}

/**
 * One spec with a picture scene, a looped clip, a trimmed held clip and a picture background, rendered to MP4 at the
 * draft preset with the espeak voice; what the frames show is read back from decoded pixels.
 */
describe('pictures and footage in a rendered video', () => {
  let tools: MediaTools;
  let dir: string;
  const config = testConfig();
  let first: Awaited<ReturnType<typeof renderVideo>>;
  let video: string;
  let scenes: Map<string, ManifestScene>;
  let fps: number;

  const input = () =>
    spec({
      id: 'media',
      title: 'Media',
      fps: 25,
      scenes: [
        { id: 'picture', kind: 'image', src: 'bands.png', motion: 'none', narration: 'A picture.', minDuration: 2, transition: 'none' },
        // 3 s of red, green, blue looped over a 6.5 s scene: R G B R G B R.
        { id: 'looped', kind: 'video', src: 'media/rgb.mp4', narration: 'Colours.', minDuration: 6.5, transition: 'none' },
        // Only the green second, not looped: green all along, its last frame held.
        { id: 'trimmed', kind: 'video', src: 'media/rgb.mp4', start: 1, end: 2, loop: false, narration: 'Green.', minDuration: 3, transition: 'none' },
        { id: 'backdrop', kind: 'list', title: 'Over a picture', items: ['One'], background: { src: 'orange.png' }, narration: 'A list.', minDuration: 2, transition: 'none' },
      ],
    });

  beforeAll(async () => {
    tools = await findFfmpeg();
    dir = tempDir('media-spec');
    bandsPng(join(dir, 'bands.png'), [YELLOW, PURPLE]);
    bandsPng(join(dir, 'orange.png'), [ORANGE], 640, 360);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'media'));
    await colourClip(tools, join(dir, 'media/rgb.mp4'), [RED, GREEN, BLUE]);
    const out = tempDir('media-out');
    first = await renderVideo(input(), { outputDir: out, preset: 'draft', config, mediaScope: { kind: 'folder', root: dir } });
    video = first.files.video!;
    const manifest = readJson<{ scenes: ManifestScene[]; video: { fps: number } }>(join(out, 'manifest.json'));
    scenes = new Map(manifest.scenes.map((s) => [s.id, s]));
    fps = 25;
  }, 240_000);

  const colourAt = async (scene: string, seconds: number, x = 0.5, y = 0.5) => {
    const s = scenes.get(scene)!;
    const frame = Math.min(s.endFrame - 1, s.startFrame + Math.round(seconds * fps));
    return (await decodeFrame(tools, video, frame))(x, y);
  };

  it('has exactly the frames of the plan', async () => {
    const info = await probe(video, { countFrames: true, tools });
    expect(info.streams.find((s) => s.type === 'video')!.frames).toBe(first.totalFrames);
  });

  it('shows the picture where it belongs (left band yellow, right band purple, cover fit)', async () => {
    expect(nearest(await colourAt('picture', 1, 0.2, 0.3), PALETTE)).toBe('yellow');
    expect(nearest(await colourAt('picture', 1, 0.8, 0.3), PALETTE)).toBe('purple');
    // Cover: the picture reaches the frame's corners.
    expect(nearest(await colourAt('picture', 1, 0.01, 0.01), PALETTE)).toBe('yellow');
  });

  it('plays the clip in order and loops it to the scene', async () => {
    const seen: string[] = [];
    for (const t of [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.3]) seen.push(nearest(await colourAt('looped', t), PALETTE));
    expect(seen).toEqual(['red', 'green', 'blue', 'red', 'green', 'blue', 'red']);
  });

  it('trims the clip to start/end and holds its last frame when not looping', async () => {
    for (const t of [0.2, 1.2, 2.8]) expect(nearest(await colourAt('trimmed', t), PALETTE)).toBe('green');
  });

  it('draws a background picture behind a page scene (darkened under the text, still its colour)', async () => {
    const [r, g, b] = await colourAt('backdrop', 1.5, 0.02, 0.98);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
    expect(r).toBeGreaterThan(40);
  });

  it('reuses every segment on a second render of the same spec', async () => {
    const again = await renderVideo(input(), { outputDir: tempDir('media-out2'), preset: 'draft', config, mediaScope: { kind: 'folder', root: dir } });
    expect(again.segmentsRendered).toBe(0);
    expect(again.segmentsCached).toBe(4);
  }, 120_000);
});
