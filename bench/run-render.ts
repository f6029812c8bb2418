/**
 * One measured render in its own process, so peak RSS belongs to this render alone. Prints one JSON line.
 * Usage: tsx bench/run-render.ts <deck|deck-edit|long:N> <preset> <cacheDir>
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSpec } from '../src/spec/index.ts';
import { renderVideo } from '../src/pipeline/render-video.ts';
import { loadConfig } from '../src/config.ts';
import type { PresetName } from '../src/media/index.ts';
import { deck12Spec, longSpec } from './deck12.ts';

const [which = 'deck', preset = 'standard', cacheDir] = process.argv.slice(2);
function pick() {
  if (which === 'deck') return deck12Spec();
  if (which === 'deck-edit') {
    // One of the 12 scenes edited: the cache should re-render only that scene and the transition into the next.
    const spec = deck12Spec();
    spec.scenes[5] = { ...spec.scenes[5]!, title: 'Queues, edited' } as (typeof spec.scenes)[number];
    return spec;
  }
  return longSpec(Number(which.split(':')[1]));
}

/**
 * CPU seconds of the ffmpeg processes this render started and waited for (Linux: /proc/self/stat cutime + cstime, in
 * clock ticks of 1/100 s); undefined elsewhere. With Node's own CPU time it tells how busy both cores were.
 */
function childCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

const input = pick();
const result = validateSpec(input);
if (!result.ok) throw new Error(JSON.stringify(result.problems));
const out = await mkdtemp(join(tmpdir(), 'videogen-bench-'));
const cache = cacheDir ?? join(out, 'cache');
const stages: Record<string, number> = {};
let renderFps = 0;
const loadBefore = loadavg()[0]!;
const started = performance.now();
const rendered = await renderVideo(result.value, {
  outputDir: out,
  preset: preset as PresetName,
  config: loadConfig({ cacheDir: cache }),
  onEvent: (e) => {
    if (e.type === 'stage' && e.status === 'end') stages[e.stage] = e.ms ?? 0;
    if (e.type === 'progress' && e.stage === 'render' && e.fps) renderFps = e.fps;
  },
});
const wall = (performance.now() - started) / 1000;
const own = process.cpuUsage();
const frames = rendered.frames;
process.stdout.write(
  `${JSON.stringify({
    wall,
    frames: rendered.totalFrames,
    fps: result.value.fps,
    stages,
    renderFps,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    segmentsRendered: rendered.segmentsRendered,
    drawn: frames.drawn,
    piped: frames.piped,
    held: frames.held,
    tiled: frames.tiled,
    blended: frames.blended,
    tilesEncoded: frames.tilesEncoded,
    spawns: frames.spawns,
    cpuNode: (own.user + own.system) / 1e6,
    cpuChildren: childCpuSeconds() ?? null,
    load: [loadBefore, loadavg()[0]!],
  })}\n`,
);
await rm(out, { recursive: true, force: true });
