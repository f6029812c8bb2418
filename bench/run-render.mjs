// @ts-check
/**
 * One measured render in its own process, so peak RSS belongs to this render alone. Prints one JSON line.
 * Usage: node bench/run-render.mjs <spec.json> <preset> <cacheDir> (bench/index.ts writes the spec).
 * Plain JavaScript on the compiled package (dist/, which `npm run bench` rebuilds when stale), as the `videogen` bin and
 * `import 'videogen'` run: through tsx the render carried the transpiler's loader thread and module graph, ~8 % more
 * CPU and ~30 MB more RSS on deck-12.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

/** @type {import('../src/spec/index.ts')} */
const { validateSpec } = await import(new URL('../dist/spec/index.js', import.meta.url).href);
/** @type {import('../src/pipeline/render-video.ts')} */
const { renderVideo } = await import(new URL('../dist/pipeline/render-video.js', import.meta.url).href);
/** @type {import('../src/media/spawn-host.ts')} */
const { spawnHostCpuSeconds } = await import(new URL('../dist/media/spawn-host.js', import.meta.url).href);
/** @type {import('../src/config.ts')} */
const { loadConfig } = await import(new URL('../dist/config.js', import.meta.url).href);

const [specPath, preset = 'standard', cacheDir] = process.argv.slice(2);
if (!specPath || !cacheDir) throw new Error('usage: node bench/run-render.mjs <spec.json> <preset> <cacheDir>');

/**
 * CPU seconds of the ffmpeg processes this render started and waited for (Linux: /proc/self/stat cutime + cstime, in
 * clock ticks of 1/100 s); null elsewhere. With Node's own CPU time it tells how busy both cores were.
 * @returns {number | null}
 */
function childCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of every tool the render ran: our own children's and the spawn helper's; null where unknown. */
async function toolCpuSeconds() {
  const own = childCpuSeconds();
  const helper = await spawnHostCpuSeconds();
  return own === null || helper === null ? null : own + helper;
}

const result = validateSpec(JSON.parse(readFileSync(specPath, 'utf8')));
if (!result.ok) throw new Error(JSON.stringify(result.problems));
const out = await mkdtemp(join(tmpdir(), 'videogen-bench-'));
/** @type {Record<string, number>} */
const stages = {};
let renderFps = 0;
const loadBefore = loadavg()[0];
const started = performance.now();
const rendered = await renderVideo(result.value, {
  outputDir: out,
  preset: /** @type {import('../src/media/index.ts').PresetName} */ (preset),
  config: loadConfig({ cacheDir }),
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
    // The tools started through the spawn helper are its children, not ours: it reports their CPU (and its own).
    cpuChildren: await toolCpuSeconds(),
    load: [loadBefore, loadavg()[0]],
  })}\n`,
);
await rm(out, { recursive: true, force: true });
