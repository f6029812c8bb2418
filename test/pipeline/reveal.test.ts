import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderVideo, type RenderResult } from '../../src/pipeline/render-video.ts';
import { findFfmpeg, probe } from '../../src/media/index.ts';
import { layoutScene } from '../../src/render/compose.ts';
import { applyReveals } from '../../src/render/reveal.ts';
import { estimateBeats } from '../../src/timeline/beats.ts';
import { nodeMeasurer } from '../../src/media/canvas.ts';
import { createCodeHighlighter, languagesOf } from '../../src/render/code-highlight.ts';
import { deck12Spec } from '../../bench/deck12.ts';
import { readJson, spec, tempDir, testConfig } from './helpers.ts';

interface Manifest {
  video: { frames: number; fps: number };
  scenes: { id: string; startFrame: number; reveals?: { steps: { step: number; at: number; sentence?: number; mentioned: boolean; focus?: [number, number] }[]; settlesAt: number } }[];
}

const ITEMS = ['Git for version control', 'Node for running scripts', 'Vitest for tests', 'ESLint for style', 'Prettier for formatting', 'ffmpeg for media'];
const NARRATION = 'Here are six tools worth knowing. Git keeps the history of your version control. Node runs your scripts. Vitest checks your code with tests. ESLint keeps the style consistent. Prettier takes care of formatting. And ffmpeg handles all the media.';
const listVideo = (narration: string) =>
  spec({ id: 'reveal-list', title: 'Six tools', fps: 30, resolution: '720p', scenes: [{ id: 'tools', kind: 'list', title: 'Six tools for every project', numbered: true, items: ITEMS, narration }] });

/** Decoded RGB frames of a file at the given frame numbers. */
async function framesAt(file: string, numbers: readonly number[], width: number, height: number): Promise<Buffer[]> {
  const { ffmpeg } = await findFfmpeg();
  const select = numbers.map((n) => `eq(n\\,${n})`).join('+');
  const out = execFileSync(ffmpeg, ['-v', 'error', '-i', file, '-vf', `select=${select},scale=in_color_matrix=bt709:in_range=tv,format=rgb24`, '-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 30 });
  const size = width * height * 3;
  return numbers.map((_, i) => out.subarray(i * size, (i + 1) * size));
}

/** Share of pixels that differ by more than a few levels (compression noise) between two frames. */
function changedShare(a: Buffer, b: Buffer): number {
  let changed = 0;
  for (let i = 0; i < a.length; i += 3) if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 24) changed++;
  return changed / (a.length / 3);
}

describe('a narrated list: items appear as the voice names them, and the frames between are held, not drawn or piped', () => {
  let out: string;
  let cache: string;
  let result: RenderResult;
  let manifest: Manifest;
  beforeAll(async () => {
    out = tempDir('reveal');
    cache = tempDir('reveal-cache');
    result = await renderVideo(listVideo(NARRATION), { outputDir: out, preset: 'draft', config: testConfig(cache) });
    manifest = readJson<Manifest>(join(out, 'manifest.json'));
  }, 180_000);

  it('the manifest records each item at the sentence that names it, in order', () => {
    const r = manifest.scenes[0]!.reveals!;
    expect(r.steps.map((s) => [s.step, s.sentence, s.mentioned])).toEqual(ITEMS.map((_, i) => [i, i + 1, true]));
    for (let i = 1; i < r.steps.length; i++) expect(r.steps[i]!.at).toBeGreaterThan(r.steps[i - 1]!.at + 0.5);
    // The voice talks for well over ten seconds; the picture keeps following it to the end.
    expect(r.settlesAt).toBeGreaterThan(10);
  });

  it('frame count is exact, and only the frames that change are drawn and piped', async () => {
    const info = await probe(join(out, 'video.mp4'), { countFrames: true });
    const v = info.streams.find((s) => s.type === 'video')!;
    expect(v.frames).toBe(manifest.video.frames);
    const { drawn, piped, held, tiled, blended } = result.frames;
    // Every frame is piped, held inside ffmpeg, shown by a synthesised hold, or blended by the decoder in a fade.
    expect(piped + held + tiled + blended).toBe(manifest.video.frames);
    // A synthesised hold's picture is drawn once for its IDR and never piped.
    expect(drawn).toBeLessThanOrEqual(piped + result.frames.tilesEncoded);
    // Moments: the heading's entrance and six item entrances (0.45 s each) with their emphasis fades (0.25 s), and a
    // pair of frames per short hold. Everything else (about three quarters of the video) is held, inside ffmpeg or as
    // a synthesised hold (one IDR and skip frames).
    const moving = Math.ceil((0.9 + 6 * (0.45 + 0.25) + 0.25) * 30);
    expect(piped).toBeLessThanOrEqual(moving + 2 * 12);
    expect(held + tiled).toBeGreaterThan(manifest.video.frames * 0.6);
  });

  it('between two reveals the picture is a still; at a reveal the next item comes in', async () => {
    const steps = manifest.scenes[0]!.reveals!.steps;
    const fps = manifest.video.fps;
    const frameOf = (t: number) => Math.round(t * fps);
    // Item 3 (Vitest): settled 0.8 s after its reveal, just before item 4's, and 0.8 s after item 4's.
    const [a, b, c] = await framesAt(join(out, 'video.mp4'), [frameOf(steps[2]!.at + 0.8), frameOf(steps[3]!.at - 0.05), frameOf(steps[3]!.at + 0.8)], 1280, 720);
    // Identical pictures; a keyframe inside the hold may re-code a few pixels by a level or two.
    expect(changedShare(a!, b!)).toBeLessThan(0.001);
    expect(changedShare(b!, c!)).toBeGreaterThan(0.01);
  });

  it('a narration with other timing re-renders the segment (the cache key has the reveals)', async () => {
    const other = await renderVideo(listVideo(`${NARRATION.replace('Here are six tools worth knowing.', 'Here are six tools worth knowing, one by one, in the order we use them.')}`), { outputDir: tempDir('reveal-2'), preset: 'draft', config: testConfig(cache) });
    expect(other.segmentsRendered).toBe(1);
  }, 180_000);
});

describe('deck-12 (one sentence per scene that names no item): reveals change nothing', () => {
  it('every entrance and settle time is the layout’s own', async () => {
    const deck = spec(deck12Spec(new URL('../../../shared/bench/deck-12.json', import.meta.url)));
    const ctx = { measure: nodeMeasurer(), code: await createCodeHighlighter(languagesOf(deck.scenes)) };
    for (const [i, scene] of deck.scenes.entries()) {
      const laid = layoutScene(deck, scene, i, ctx);
      const timed = applyReveals(laid, estimateBeats(scene, deck.language), { language: deck.language });
      expect(timed.settlesAt, scene.id).toBe(laid.settlesAt);
      expect(JSON.stringify(timed.elements), scene.id).toBe(JSON.stringify(laid.elements));
    }
  });
});
