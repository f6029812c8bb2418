/**
 * `npm run bench:audio`: the soundtrack stage (narration → −14 LUFS, ≤ −1 dBTP → AAC of exactly the video's length)
 * for a 1- and a 10-minute narration, by src/media/loudness.ts normalizeLoudness as src/pipeline/audio-stage.ts calls it
 * (in-process meter and limiter, one ffmpeg run for the AAC encode). The narration is what bench/deck12.ts longSpec
 * speaks: the deck's 12 sentences in espeak-ng, one every 5 s. Prints wall, ffmpeg CPU (finished children) and Node
 * CPU (this process, during the call), the loudness reached and that of the decoded AAC, and, for scale, the CPU of
 * the bare AAC encode of the same narration (the floor any method writing this AAC pays). Figures, not assertions.
 * The method before (ffmpeg ebur128 passes and alimiter at 192 kHz in a search) is in git history (commit aaa5135).
 * Measured on the 2-core machine, busy with another render (CPU s, ffmpeg + Node; the bare AAC encode in brackets):
 *   1 min:  before 5.2 s (5.15 + 0.05);  now ~1.5 s (1.0 + 0.5) [AAC alone ~0.9 s]
 *   10 min: before 19.6 s (19.4 + 0.2); now ~10 s (7.9 + 2.0)   [AAC alone ~8.0 s]
 * Flags: --minutes 1,10.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findFfmpeg } from '../src/media/ffmpeg-path.ts';
import { measureLoudness, normalizeLoudness, type Loudness } from '../src/media/loudness.ts';
import { AAC_CODER_ARGS } from '../src/media/mux.ts';
import { writeNarrationTrack } from '../src/media/narration-track.ts';
import { runTool } from '../src/media/process.ts';
import { resampleInt16 } from '../src/audio/resample.ts';
import { EspeakProvider } from '../src/voice/espeak.ts';
import { aacSoundtrack } from '../src/pipeline/audio-stage.ts';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '1,10' } } });
const RATE = 48_000;
const SENTENCES = [
  'How does the event loop work?', 'Here is what you will learn.', 'A first example prints four letters.',
  'The call stack runs one thing.', 'Never block the event loop.', 'Two kinds of queue.', 'So this is the order of output.',
  'Blocking versus non-blocking code.', 'Timers are not immediate.', 'Which one logs first?', 'The key takeaways.', 'Thanks for watching.',
];

/** CPU seconds of this process's finished children (ffmpeg), from /proc (Linux); NaN elsewhere. */
function childCpuSec(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, clock ticks
  } catch {
    return NaN;
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; wall: number; cpu: number; node: number }> {
  const cpu0 = childCpuSec();
  const node0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await run();
  const node = process.cpuUsage(node0);
  return { result, wall: (performance.now() - t0) / 1000, cpu: childCpuSec() - cpu0, node: (node.user + node.system) / 1e6 };
}


async function narration(work: string, minutes: number, clips: Int16Array[]): Promise<{ path: string; samples: number }> {
  const path = join(work, `narration-${minutes}.wav`);
  const samples = minutes * 60 * RATE;
  const placed = Array.from({ length: minutes * 12 }, (_, i) => ({ pcm: clips[i % clips.length]!, at: Math.round((i * 5 + 0.4) * RATE) }));
  await writeNarrationTrack(path, placed, samples, RATE);
  return { path, samples };
}

const fmtLoud = (l: Loudness) => `${l.integratedLufs.toFixed(1)} LUFS / ${l.truePeakDbtp.toFixed(1)} dBTP`;

async function main(): Promise<void> {
  const tools = await findFfmpeg();
  const work = mkdtempSync(join(tmpdir(), 'videogen-bench-audio-'));
  try {
    const espeak = new EspeakProvider();
    const clips: Int16Array[] = [];
    for (const text of SENTENCES) {
      const speech = await espeak.synthesize(text, 'en-us');
      clips.push(resampleInt16(speech.pcm, speech.sampleRate, RATE));
    }
    console.log(`ffmpeg ${tools.version} (${tools.source}); narration: deck-12 sentences (espeak-ng), one per 5 s`);
    for (const minutes of values.minutes!.split(',').map(Number)) {
      const { path, samples } = await narration(work, minutes, clips);
      const afterPath = join(work, `after-${minutes}.m4a`);
      const after = await timed(() => normalizeLoudness(path, afterPath, { tools, encoding: aacSoundtrack(samples) }));
      const decoded = await measureLoudness(afterPath, { tools });
      const bare = await timed(() => runTool(tools.ffmpeg, ['-v', 'error', '-y', '-i', path, '-af', aacSoundtrack(samples).filter!, ...AAC_CODER_ARGS, '-b:a', '192k', '-ac', '2', '-f', 'mp4', join(work, `bare-${minutes}.m4a`)]));
      const r = after.result;
      console.log(`${minutes} min narration:`);
      console.log(`  soundtrack: ${after.wall.toFixed(2)} s wall, ${(after.cpu + after.node).toFixed(2)} s CPU (ffmpeg ${after.cpu.toFixed(2)} + Node ${after.node.toFixed(2)}); ${r.passes} full render(s), search on ${r.excerptSec.toFixed(0)} s, gain ${r.gainDb.toFixed(2)} dB${r.limited ? ', limited' : ''}`);
      console.log(`  loudness: input ${r.before.integratedLufs.toFixed(1)} LUFS → ${fmtLoud(r.after)} as written; decoded AAC ${fmtLoud(decoded)}`);
      console.log(`  bare AAC encode of the same narration: ${bare.cpu.toFixed(2)} s ffmpeg CPU (the floor)`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
