/**
 * `npm run bench`: renders the neutral deck-12 benchmark at 1080p30 `standard` with espeak-ng, measures the encode-only
 * floor for the same frame count in the same run (right after the render, on the same machine state), then renders a
 * 1-minute and a 10-minute 1080p standard video to show memory stays flat, then runs the extras: bench/align.ts (word
 * timing error of the offline aligner), bench/broll.ts (memory of footage videos), bench/cli.ts (CLI start-up).
 * Figures, not assertions: timing is never a test. BENCH_MEMORY=0 skips the memory runs (the 10-minute one takes
 * minutes), BENCH_EXTRAS=0 the extras.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFloor } from './encode-floor.ts';
import { findFfmpeg } from '../src/media/index.ts';
import type { VideoSpecInput } from '../src/spec/index.ts';
import { deck12Spec, longSpec } from './deck12.ts';
import { RENDER_PROCESS_ENV, RENDER_PROCESS_FLAGS } from '../src/pipeline/render-env.ts';

interface Run {
  wall: number;
  frames: number;
  fps: number;
  /** Stage → milliseconds (render-video's stage events). `audio` runs alongside `render`. */
  stages: Record<string, number>;
  renderFps: number;
  peakRssMb: number;
  segmentsRendered: number;
  /** Frames drawn on the canvas, piped to ffmpeg, repeated by ffmpeg's holds, and shown by tile repeats. */
  drawn: number;
  piped: number;
  held: number;
  tiled: number;
  /** Fade frames the decoder blends (skip B frames): neither drawn nor encoded. */
  blended: number;
  tilesEncoded: number;
  /** ffmpeg processes the segments started (pieces, held pictures, fades, joins). */
  spawns: number;
  cpuNode: number;
  cpuChildren: number | null;
  /** 1-minute load average before and after the run: a busy machine makes every figure slower. */
  load: [number, number];
}

/** The spec a run renders: deck-12, deck-12 with one scene edited, or `long:N` (N minutes of the deck's scenes). */
function specFor(which: string): VideoSpecInput {
  if (which === 'deck') return deck12Spec();
  if (which === 'deck-edit') {
    // One of the 12 scenes edited: the cache should re-render only that scene and the transition into the next.
    const spec = deck12Spec();
    spec.scenes[5] = { ...spec.scenes[5]!, title: 'Queues, edited' } as (typeof spec.scenes)[number];
    return spec;
  }
  return longSpec(Number(which.split(':')[1]));
}

const specs = mkdtempSync(join(tmpdir(), 'videogen-bench-specs-'));

function run(which: string, preset: string, cacheDir: string): Run {
  const specPath = join(specs, `${which.replace(':', '-')}.json`);
  writeFileSync(specPath, JSON.stringify(specFor(which)));
  // The same allocator settings `videogen render` uses (see bin/videogen.mjs).
  const env = { ...process.env, ...RENDER_PROCESS_ENV };
  // And the Node flags `videogen render` runs with (RENDER_PROCESS_FLAGS).
  const out = execFileSync(process.execPath, [...RENDER_PROCESS_FLAGS, fileURLToPath(new URL('./run-render.mjs', import.meta.url)), specPath, preset, cacheDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
}

const STAGES = ['media', 'layout', 'voice', 'timeline', 'render', 'audio', 'mux', 'outputs'];

/** Each stage's share of the wall time; audio overlaps render, so the shares add up to more than 100 %. */
function stageShares(r: Run): string {
  return STAGES.map((s) => `${s} ${(((r.stages[s] ?? 0) / 1000 / r.wall) * 100).toFixed(0)} %`).join(', ');
}

function cpuLine(r: Run): string {
  if (r.cpuChildren === null) return `${r.cpuNode.toFixed(1)} s Node (ffmpeg's not measurable here)`;
  const total = r.cpuNode + r.cpuChildren;
  return `${total.toFixed(1)} s = ${r.cpuNode.toFixed(1)} Node + ${r.cpuChildren.toFixed(1)} tools (ffmpeg, espeak-ng); ${(total / r.wall).toFixed(2)} of ${cpus().length} cores busy on average`;
}

function framesLine(r: Run): string {
  return `${r.drawn} drawn, ${r.piped} piped, ${r.held} held by ffmpeg, ${r.tiled} in synthesised holds, ${r.blended} blended by the decoder (of ${r.frames}); ${r.tilesEncoded} holds/fades synthesised; ${r.spawns} ffmpeg runs for the segments`;
}

const tools = await findFfmpeg();
const cache = mkdtempSync(join(tmpdir(), 'videogen-bench-cache-'));
console.log(`ffmpeg: ${tools.source} ${tools.version}; ${cpus().length} cores`);
try {
  const deck = run('deck', 'standard', cache);
  const seconds = deck.frames / deck.fps;
  const floor = await encodeFloor(deck.frames, 1920, 1080, deck.fps, 'standard', tools);
  console.log('\n== deck-12 (60 s, 1080p30, standard, espeak-ng), cold caches');
  console.log(`wall time           ${deck.wall.toFixed(2)} s`);
  console.log(`× realtime          ${(seconds / deck.wall).toFixed(2)} ×  (goal ≥ 5 ×; Remotion: 264 s, 0.24 ×)`);
  console.log(`encode-only floor   ${floor.toFixed(2)} s for ${deck.frames} frames (one still, same preset, same run)`);
  console.log(`ratio to floor      ${(deck.wall / floor).toFixed(2)}  (goal ≤ 1.0)`);
  console.log(`frames              ${framesLine(deck)}`);
  console.log(`peak RSS            ${deck.peakRssMb.toFixed(0)} MB (Node)`);
  console.log(`CPU                 ${cpuLine(deck)}`);
  console.log(`share of wall       ${stageShares(deck)}`);
  console.log(`stages (ms)         ${JSON.stringify(deck.stages)}`);
  console.log(`load average        ${deck.load.map((l) => l.toFixed(1)).join(' → ')} (1 min; above ${cpus().length} the machine is shared and every figure is slower)`);
  const warm = run('deck', 'standard', cache);
  console.log(`\nre-render unchanged ${warm.wall.toFixed(2)} s (${(deck.wall / warm.wall).toFixed(1)} × faster, ${warm.segmentsRendered} segments rendered)`);
  const edit = run('deck-edit', 'standard', cache);
  console.log(`one scene edited    ${edit.wall.toFixed(2)} s (${((edit.wall / deck.wall) * 100).toFixed(0)} % of the full render, ${edit.segmentsRendered} of 12 segments rendered)`);

  if (process.env.BENCH_MEMORY !== '0') {
    const caches = [mkdtempSync(join(tmpdir(), 'videogen-bench-c1-')), mkdtempSync(join(tmpdir(), 'videogen-bench-c10-'))];
    try {
      const short = run('long:1', 'standard', caches[0]!);
      const long = run('long:10', 'standard', caches[1]!);
      console.log('\n== memory vs length (1080p30 standard, cold caches; the deck\'s scenes repeated)');
      for (const [label, r] of [['1 min ', short], ['10 min', long]] as const) {
        console.log(`${label}  ${r.wall.toFixed(1)} s wall (${(r.frames / r.fps / r.wall).toFixed(2)} × realtime), peak RSS ${r.peakRssMb.toFixed(0)} MB; ${framesLine(r)}; CPU ${cpuLine(r)}`);
      }
      console.log(`peak RSS ratio 10 min / 1 min: ${(long.peakRssMb / short.peakRssMb).toFixed(2)} (goal: 10 min ≤ 400 MB)`);
    } finally {
      for (const c of caches) rmSync(c, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(cache, { recursive: true, force: true });
  rmSync(specs, { recursive: true, force: true });
}

// The faceless figures (aligner error, footage memory) and the CLI start-up (bench/cli.ts, written alongside; skipped
// while it does not exist).
for (const extra of process.env.BENCH_EXTRAS === '0' ? [] : ['align.ts', 'broll.ts', 'cli.ts']) {
  const path = fileURLToPath(new URL(`./${extra}`, import.meta.url));
  console.log('');
  if (!existsSync(path)) {
    console.log(`(bench/${extra} is not there yet: skipped)`);
    continue;
  }
  execFileSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
}
