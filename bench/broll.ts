/**
 * `npm run bench:broll`: memory of footage videos against their length. Renders a 1-minute and a 10-minute video whose
 * every scene is footage (clips made here by ffmpeg: moving testsrc2 patterns, looped, trimmed, and as backgrounds
 * behind page scenes), each in its own Node process, and prints per length: the Node process's peak RSS, the peak RSS
 * of the whole process tree (Node + its ffmpeg decoders and encoders, sampled from /proc every 100 ms), the render time
 * and frames per second. Memory must stay flat with length: footage is streamed frame by frame, never held whole.
 * Figures, not assertions. BENCH_BROLL_MINUTES ("1,10") picks the lengths; BENCH_BROLL_PRESET (draft) the preset;
 * BENCH_BROLL_SLIDES=1 renders the same scenes without any media, the baseline the footage figures compare with.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { findFfmpeg } from '../src/media/index.ts';
import { runTool } from '../src/media/process.ts';
import { renderVideo } from '../src/pipeline/render-video.ts';
import type { PresetName } from '../src/media/index.ts';
import { validateSpec, type SceneInput } from '../src/spec/index.ts';

const SCENE_SECONDS = 10;
const CLIPS = ['testsrc2', 'smptehdbars', 'rgbtestsrc', 'testsrc'];

/** Clips of 6 s at 640×360: shorter than a scene, so every scene loops or holds, as stock footage does. */
async function makeClips(dir: string): Promise<string[]> {
  const { ffmpeg } = await findFfmpeg();
  mkdirSync(join(dir, 'clips'), { recursive: true });
  const files: string[] = [];
  for (const [i, source] of CLIPS.entries()) {
    const file = `clips/clip${i}.mp4`;
    await runTool(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `${source}=s=640x360:r=30:d=6`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', join(dir, file)]);
    files.push(file);
  }
  return files;
}

function footageSpec(minutes: number, clips: readonly string[]) {
  const count = Math.round((minutes * 60) / SCENE_SECONDS);
  const slides = process.env.BENCH_BROLL_SLIDES === '1';
  const scenes: SceneInput[] = Array.from({ length: count }, (_, i): SceneInput => {
    const src = clips[i % clips.length]!;
    const narration = `Scene ${i + 1} shows moving footage.`;
    if (slides) return { id: `s${i}`, kind: 'list', title: `Point ${i + 1}`, items: ['A page, no footage'], narration, minDuration: SCENE_SECONDS, maxDuration: SCENE_SECONDS };
    if (i % 3 === 2) return { id: `s${i}`, kind: 'list', title: `Point ${i + 1}`, items: ['Footage behind the page'], background: { src }, narration, minDuration: SCENE_SECONDS, maxDuration: SCENE_SECONDS };
    if (i % 3 === 1) return { id: `s${i}`, kind: 'video', src, start: 1, end: 5, loop: false, narration, minDuration: SCENE_SECONDS, maxDuration: SCENE_SECONDS };
    return { id: `s${i}`, kind: 'video', src, narration, minDuration: SCENE_SECONDS, maxDuration: SCENE_SECONDS };
  });
  const r = validateSpec({ id: `broll-${Math.round(minutes * 60)}s`, title: `Footage, ${minutes} minutes`, scenes });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

/** Child mode: render one length and print its figures as JSON. */
async function runOne(minutes: number, dir: string): Promise<void> {
  const clips = readdirSync(join(dir, 'clips')).sort().map((f) => `clips/${f}`);
  const cache = mkdtempSync(join(tmpdir(), 'videogen-bench-broll-cache-'));
  const started = performance.now();
  const result = await renderVideo(footageSpec(minutes, clips), {
    outputDir: join(dir, `out-${minutes}`),
    preset: (process.env.BENCH_BROLL_PRESET ?? 'draft') as PresetName,
    config: loadConfig({ cacheDir: cache, home: cache }),
    mediaScope: { kind: 'folder', root: dir },
  });
  const seconds = (performance.now() - started) / 1000;
  rmSync(cache, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ minutes, frames: result.totalFrames, seconds, nodePeakMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

/** RSS in MB of `pid` and all its descendants, from /proc (Linux). */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(entry), kb);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total / 1024;
}

async function measure(minutes: number, dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', String(minutes), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let treePeakMb = 0;
  const sampler = setInterval(() => (treePeakMb = Math.max(treePeakMb, treeRssMb(child.pid!))), 100);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`the ${minutes}-minute render exited with ${code}`);
  return { ...(JSON.parse(out.trim().split('\n').at(-1)!) as { minutes: number; frames: number; seconds: number; nodePeakMb: number }), treePeakMb };
}

async function main(): Promise<void> {
  const minutes = (process.env.BENCH_BROLL_MINUTES ?? '1,10').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'videogen-bench-broll-'));
  try {
    await makeClips(dir);
    console.log(`${process.env.BENCH_BROLL_SLIDES === '1' ? 'BASELINE: the same scenes as pages without media; ' : ''}footage videos (${CLIPS.length} generated clips, ${SCENE_SECONDS} s scenes, preset ${process.env.BENCH_BROLL_PRESET ?? 'draft'}); ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`);
    const rows = [];
    for (const m of minutes) {
      const row = await measure(m, dir);
      rows.push(row);
      console.log(`${String(m).padStart(3)} min  ${String(row.frames).padStart(6)} frames  ${row.seconds.toFixed(1).padStart(7)} s  ${(row.frames / row.seconds).toFixed(1).padStart(6)} fps  node peak RSS ${row.nodePeakMb.toFixed(0).padStart(5)} MB  tree peak RSS ${row.treePeakMb.toFixed(0).padStart(5)} MB`);
    }
    if (rows.length >= 2) {
      const [a, b] = [rows[0]!, rows.at(-1)!];
      console.log(`peak RSS ${b.minutes} min / ${a.minutes} min: node ${(b.nodePeakMb / a.nodePeakMb).toFixed(2)}×, tree ${(b.treePeakMb / a.treePeakMb).toFixed(2)}× (flat ≈ 1×)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--one') await runOne(Number(process.argv[3]), process.argv[4]!);
else await main();
