import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFfmpeg, type MediaTools } from '../../src/media/index.ts';
import { runTool } from '../../src/media/process.ts';
import { colourClip, decodeFrame, nearest, type Rgb } from '../media/media-fixtures.ts';
import { makeMusic } from '../media/music-fixtures.ts';
import { startFakePexels } from '../assets/fake-pexels.ts';
import { startFakePixabay } from '../assets/fake-pixabay.ts';
import { tempDir } from './helpers.ts';

/**
 * The faceless path end to end, as a user runs it: `videogen create --topic … --format short --broll` with no language
 * model renders a 9:16 Short from a niche template — once fully offline with a local media library (clips and a music
 * track), once against local servers speaking the Pexels and Pixabay APIs. Each clip is one solid colour, so what the
 * video shows can be read back from decoded pixels: footage in every narrated scene, no clip twice, credits for all.
 */
const run = promisify(execFile);
const BIN = new URL('../../bin/videogen.mjs', import.meta.url).pathname;
const TOPIC = 'Why octopuses are smart';

const PALETTE: Record<string, Rgb> = {
  red: [220, 40, 40],
  green: [40, 200, 60],
  blue: [40, 80, 230],
  yellow: [230, 210, 40],
  magenta: [210, 50, 200],
  cyan: [40, 200, 210],
  orange: [240, 140, 30],
};
const COLOURS = Object.keys(PALETTE);

let tools: MediaTools;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  tools = await findFfmpeg();
});
afterAll(async () => {
  while (closers.length) await closers.pop()!();
});

async function videogen(args: string[], env: Record<string, string>) {
  const base = { ...process.env, ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '', PEXELS_API_KEY: '', PIXABAY_API_KEY: '', VIDEOGEN_EDGE: '0', ...env };
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 26, env: base });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface SceneEntry {
  id: string;
  start: number;
  end: number;
}

/** The palette colour of a pixel seen through a dark scrim: compared by chromaticity, which darkening keeps. */
function nearestHue(pixel: Rgb): string {
  const sum = pixel[0] + pixel[1] + pixel[2];
  if (sum < 60) return 'dark';
  const norm = (c: Rgb) => c.map((v) => v / (c[0] + c[1] + c[2])) as unknown as Rgb;
  return nearest(norm(pixel).map((v) => v * 255) as unknown as Rgb, Object.fromEntries(Object.entries(PALETTE).map(([k, c]) => [k, norm(c).map((v) => v * 255) as unknown as Rgb])));
}

/** The colour each narrated beat shows, read in the upper band of the frame (above the text, under the light scrim). */
async function coloursOfScenes(video: string, scenes: SceneEntry[], fps: number): Promise<string[]> {
  const out: string[] = [];
  for (const scene of scenes) {
    const frame = Math.round(((scene.start + scene.end) / 2) * fps);
    const pixel = await decodeFrame(tools, video, frame);
    out.push(nearestHue(pixel(0.5, 0.08)));
  }
  return out;
}

async function probe(video: string): Promise<{ width: number; height: number; duration: number; audio: boolean }> {
  const { stdout } = await runTool(tools.ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_type,width,height:format=duration', '-of', 'json', video]);
  const info = JSON.parse(stdout.toString()) as { streams: { codec_type: string; width?: number; height?: number }[]; format: { duration: string } };
  const v = info.streams.find((s) => s.codec_type === 'video')!;
  return { width: v.width!, height: v.height!, duration: Number(info.format.duration), audio: info.streams.some((s) => s.codec_type === 'audio') };
}

function outputsOf(out: string) {
  const dir = join(out, readdirSync(out).find((f) => existsSync(join(out, f, 'video.mp4'))) ?? '.');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { video: { fps: number }; scenes: SceneEntry[]; assets: { provider: string; title?: string; author?: string; license: string }[]; warnings: string[] };
  const metadata = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')) as { title: string; description: string; tags: string[] };
  return { dir, manifest, metadata, credits: readFileSync(join(dir, 'credits.txt'), 'utf8') };
}

function checkMetadata(metadata: { title: string; description: string; tags: string[] }) {
  expect(metadata.title.length).toBeLessThanOrEqual(100);
  expect(metadata.title).toMatch(/octopus/i);
  // YouTube counts tags with a space as if quoted, plus the commas between them.
  const tagChars = metadata.tags.reduce((n, t) => n + t.length + (t.includes(' ') ? 2 : 0), 0) + Math.max(0, metadata.tags.length - 1);
  expect(tagChars).toBeLessThanOrEqual(500);
  expect(metadata.tags.length).toBeGreaterThan(0);
}

describe('create --topic … --format short --broll (no language model)', () => {
  it('renders offline with a local media library: footage in every beat in narration order, no clip twice, music, credits and metadata', async () => {
    const lib = tempDir('short-lib');
    mkdirSync(join(lib, 'music'));
    // Seven clips of octopuses (by file name), each its own colour, 9:16, with sidecar credits for four of them.
    for (const [i, name] of COLOURS.entries()) {
      await colourClip(tools, join(lib, `octopus-${name}.mp4`), [PALETTE[name]!], { secondsEach: 4, width: 180, height: 320 });
      if (i < 4) writeFileSync(join(lib, `octopus-${name}.json`), JSON.stringify({ tags: ['octopus', 'ocean'], title: `Octopus ${name}`, author: 'Reef Camera Club', license: 'CC BY 4.0' }));
    }
    const track = await makeMusic(tools, join(lib, 'music'));
    writeFileSync(track.replace(/\.\w+$/, '.json'), JSON.stringify({ mood: 'playful', title: 'Tide Pool Jig', author: 'Test Composer', license: 'CC0' }));

    const out = tempDir('short-offline');
    const r = await videogen(['create', '--topic', TOPIC, '--format', 'short', '--broll', '--media', lib, '--preset', 'draft', '-o', out], { VIDEOGEN_HOME: tempDir('short-home') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('content check');
    const { dir, manifest, metadata, credits } = outputsOf(out);

    const video = join(dir, 'video.mp4');
    const info = await probe(video);
    expect([info.width, info.height]).toEqual([720, 1280]);
    expect(info.duration).toBeGreaterThanOrEqual(29);
    expect(info.duration).toBeLessThanOrEqual(61);
    expect(info.audio).toBe(true);

    const beats = manifest.scenes.filter((s) => s.id !== 'cta');
    const shown = await coloursOfScenes(video, beats, manifest.video.fps);
    expect(shown.every((c) => COLOURS.includes(c)), `beats show ${shown.join(', ')}`).toBe(true);
    expect(new Set(shown).size, `beats show ${shown.join(", ")}`).toBe(shown.length);

    // Every clip shown and the music track are credited, in the manifest and in credits.txt.
    const titles = manifest.assets.map((a) => a.title ?? '');
    expect(manifest.assets.filter((a) => a.provider === 'local').length).toBeGreaterThanOrEqual(shown.length);
    expect(titles).toContain('Tide Pool Jig');
    expect(credits).toContain('Reef Camera Club');
    expect(credits).toContain('Tide Pool Jig');
    checkMetadata(metadata);
    expect(metadata.description).toContain('Reef Camera Club');
  }, 600_000);

  it('renders with stock footage from local servers that speak the Pexels and Pixabay APIs, crediting every author', async () => {
    const clips = new Map<string, Buffer>();
    const work = tempDir('short-stock-files');
    for (const name of COLOURS) clips.set(name, readFileSync(await colourClip(tools, join(work, `${name}.mp4`), [PALETTE[name]!], { secondsEach: 4, width: 180, height: 320 })));
    const fallback = { video: clips.get('red')!, image: clips.get('red')! };
    // Pexels has four octopus clips, Pixabay three; each id's file is its own colour.
    const colourOf = (path: string) => COLOURS[Number(/(\d+)/.exec(path)?.[1] ?? 0) % COLOURS.length]!;
    const files = { ...fallback, byPath: (path: string) => (path.endsWith('.mp4') ? clips.get(colourOf(path)) : undefined) };
    const pexels = await startFakePexels({
      apiKey: 'px-key',
      files,
      videos: [0, 1, 2, 3].map((id) => ({ id: 100 + id, slug: `octopuses-on-the-reef-${id}`, orientation: 'portrait' as const, duration: 8, author: `Pexels Diver ${id}` })),
    });
    const pixabay = await startFakePixabay({
      apiKey: 'pb-key',
      files,
      videos: [4, 5, 6].map((id) => ({ id: 200 + id, tags: ['octopuses', 'sea'], orientation: 'portrait' as const, duration: 8 })),
    });
    closers.push(pexels.close, pixabay.close);

    const out = tempDir('short-stock');
    const r = await videogen(['create', '--topic', TOPIC, '--format', 'short', '--broll', '--preset', 'draft', '-o', out], {
      VIDEOGEN_HOME: tempDir('short-stock-home'),
      PEXELS_API_KEY: 'px-key',
      PEXELS_BASE_URL: pexels.baseUrl,
      PIXABAY_API_KEY: 'pb-key',
      PIXABAY_BASE_URL: pixabay.baseUrl,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(pexels.api.length).toBeGreaterThan(0);
    expect(pexels.api.every((req) => req.headers.authorization === 'px-key' && /^videogen\//.test(String(req.headers['user-agent'])))).toBe(true);
    const { dir, manifest, metadata, credits } = outputsOf(out);
    const video = join(dir, 'video.mp4');
    expect((await probe(video)).height).toBe(1280);

    const beats = manifest.scenes.filter((s) => s.id !== 'cta');
    const shown = await coloursOfScenes(video, beats, manifest.video.fps);
    expect(shown.every((c) => COLOURS.includes(c)), `beats show ${shown.join(', ')}`).toBe(true);
    expect(new Set(shown).size, `beats show ${shown.join(", ")}`).toBe(shown.length);
    // No music library: no music, said once.
    expect(manifest.warnings.filter((w) => /no music/i.test(w)).length).toBeLessThanOrEqual(1);

    const stock = manifest.assets.filter((a) => a.provider === 'pexels' || a.provider === 'pixabay');
    expect(stock.length).toBe(shown.length);
    for (const asset of stock) expect(credits).toContain(asset.license);
    expect(credits).toMatch(/Pexels Diver \d/);
    checkMetadata(metadata);
  }, 600_000);
});
