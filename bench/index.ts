/**
 * `npm run bench`: renders the neutral deck-12 benchmark at 1080p30 `standard` with espeak-ng, measures the encode-only
 * floor for the same frame count, then renders a 1-minute and a 10-minute video to show memory stays flat, then runs
 * bench/align.ts (word timing error of the offline aligner) and bench/broll.ts (memory of footage videos).
 * Figures, not assertions: timing is never a test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFloor } from './encode-floor.ts';
import { findFfmpeg } from '../src/media/index.ts';

interface Run {
  wall: number;
  frames: number;
  fps: number;
  stages: Record<string, number>;
  renderFps: number;
  peakRssMb: number;
  segmentsRendered: number;
  /** Frames drawn on the canvas, piped to ffmpeg, and repeated by ffmpeg's holds (rendered segments only). */
  drawn: number;
  piped: number;
  held: number;
}

function run(which: string, preset: string, cacheDir: string): Run {
  // The same allocator settings `videogen render` uses (see bin/videogen.mjs).
  const env = { ...process.env, MALLOC_MMAP_THRESHOLD_: '134217728', MALLOC_TRIM_THRESHOLD_: '1073741824', MALLOC_TOP_PAD_: '268435456' };
  const out = execFileSync(process.execPath, ['--import', 'tsx', new URL('./run-render.ts', import.meta.url).pathname, which, preset, cacheDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
}

const tools = await findFfmpeg();
const cache = mkdtempSync(join(tmpdir(), 'videogen-bench-cache-'));
console.log(`ffmpeg: ${tools.source} ${tools.version}; ${(await import('node:os')).cpus().length} cores`);
try {
  const deck = run('deck', 'standard', cache);
  const seconds = deck.frames / deck.fps;
  const floor = await encodeFloor(deck.frames, 1920, 1080, deck.fps, 'standard', tools);
  console.log('\n== deck-12 (60 s, 1080p30, standard, espeak-ng), cold caches');
  console.log(`wall time           ${deck.wall.toFixed(2)} s`);
  console.log(`× realtime          ${(seconds / deck.wall).toFixed(2)} ×  (Remotion: 264 s, 0.24 ×; goal ≤ 13 s)`);
  console.log(`encode-only floor   ${floor.toFixed(2)} s for ${deck.frames} frames (still image, same preset)`);
  console.log(`ratio to floor      ${(deck.wall / floor).toFixed(2)}`);
  console.log(`frames              ${deck.drawn} drawn, ${deck.piped} piped, ${deck.held} held by ffmpeg (of ${deck.frames})`);
  console.log(`peak RSS            ${deck.peakRssMb.toFixed(0)} MB`);
  console.log(`stages (ms)         ${JSON.stringify(deck.stages)}`);
  const warm = run('deck', 'standard', cache);
  console.log(`\nre-render unchanged ${warm.wall.toFixed(2)} s (${(deck.wall / warm.wall).toFixed(1)} × faster, ${warm.segmentsRendered} segments rendered)`);
  const edit = run('deck-edit', 'standard', cache);
  console.log(`one scene edited    ${edit.wall.toFixed(2)} s (${((edit.wall / deck.wall) * 100).toFixed(0)} % of the full render, ${edit.segmentsRendered} of 12 segments rendered)`);

  const short = run('long:1', 'draft', mkdtempSync(join(tmpdir(), 'videogen-bench-c1-')));
  const long = run('long:10', 'draft', mkdtempSync(join(tmpdir(), 'videogen-bench-c10-')));
  console.log('\n== memory vs length (720p draft)');
  console.log(`1 min   ${short.wall.toFixed(1)} s wall, peak RSS ${short.peakRssMb.toFixed(0)} MB`);
  console.log(`10 min  ${long.wall.toFixed(1)} s wall, peak RSS ${long.peakRssMb.toFixed(0)} MB (ratio ${(long.peakRssMb / short.peakRssMb).toFixed(2)})`);
} finally {
  rmSync(cache, { recursive: true, force: true });
}

// The faceless figures: the offline word aligner's error, and memory of footage videos against their length.
for (const extra of ['align.ts', 'broll.ts']) {
  console.log('');
  execFileSync(process.execPath, ['--import', 'tsx', new URL(`./${extra}`, import.meta.url).pathname], { stdio: 'inherit' });
}
