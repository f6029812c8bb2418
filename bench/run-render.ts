/**
 * One measured render in its own process, so peak RSS belongs to this render alone. Prints one JSON line.
 * Usage: tsx bench/run-render.ts <deck|long:N> <preset> <cacheDir>
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
const input = pick();
const result = validateSpec(input);
if (!result.ok) throw new Error(JSON.stringify(result.problems));
const out = await mkdtemp(join(tmpdir(), 'videogen-bench-'));
const stages: Record<string, number> = {};
let renderFps = 0;
const started = performance.now();
const rendered = await renderVideo(result.value, {
  outputDir: out,
  preset: preset as PresetName,
  config: loadConfig({ cacheDir: cacheDir ?? join(out, 'cache') }),
  onEvent: (e) => {
    if (e.type === 'stage' && e.status === 'end') stages[e.stage] = e.ms ?? 0;
    if (e.type === 'progress' && e.stage === 'render' && e.fps) renderFps = e.fps;
  },
});
const wall = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ wall, frames: rendered.totalFrames, fps: result.value.fps, stages, renderFps, peakRssMb: process.resourceUsage().maxRSS / 1024, segmentsRendered: rendered.segmentsRendered, drawn: rendered.frames.drawn, piped: rendered.frames.piped, held: rendered.frames.held })}\n`);
await rm(out, { recursive: true, force: true });
