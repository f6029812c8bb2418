/**
 * `npm run bench:audio`: the soundtrack stage (narration → −14 LUFS, ≤ −1 dBTP → AAC of exactly the video's length)
 * for a 1- and a 10-minute narration, by the method before issue 16's audio work (kept here only: up to 6 full
 * render+measure passes, then a separate twoloop AAC encode) and by the current one (src/pipeline/audio-stage.ts:
 * gain/limit search on the input, or on an excerpt of a long one, then one full render written straight to AAC, metered
 * in the same run unless the search already measured that exact render). The narration is what bench/deck12.ts longSpec
 * speaks: the deck's 12 sentences in espeak-ng, one every 5 s. Prints wall and child-CPU seconds (CPU is steadier on a
 * busy machine), the ratio, and the loudness each method reached. Figures, not assertions.
 * Flags: --minutes 1,10.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findFfmpeg, type MediaTools } from '../src/media/ffmpeg-path.ts';
import { measureLoudness, parseEbur128Summary, type Loudness } from '../src/media/loudness.ts';
import { normalizeLoudness } from '../src/media/loudness.ts';
import { encodeAudioTrack } from '../src/media/mux.ts';
import { writeNarrationTrack } from '../src/media/narration-track.ts';
import { runTool } from '../src/media/process.ts';
import { resampleInt16 } from '../src/audio/resample.ts';
import { EspeakProvider } from '../src/voice/espeak.ts';
import { aacSoundtrack } from '../src/pipeline/audio-stage.ts';

// This bench reads ffmpeg's CPU as this process's children's: start the tools here, not through the spawn helper.
process.env.VIDEOGEN_SPAWN_HOST = '0';
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

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; wall: number; cpu: number }> {
  const cpu0 = childCpuSec();
  const t0 = performance.now();
  const result = await run();
  return { result, wall: (performance.now() - t0) / 1000, cpu: childCpuSec() - cpu0 };
}

// ---- the method before (a copy of src/media/loudness.ts normalizeLoudness as of commit 51cb41c) ----
async function legacyMeasure(tools: MediaTools, file: string): Promise<Loudness> {
  const { stderr } = await runTool(tools.ffmpeg, ['-hide_banner', '-nostats', '-loglevel', 'info', '-i', file, '-map', '0:a:0', '-filter:a', 'ebur128=peak=true', '-f', 'null', '-']);
  return parseEbur128Summary(stderr);
}

async function legacyRender(tools: MediaTools, input: string, output: string, gainDb: number, limitDb: number | undefined): Promise<void> {
  const chain = [`volume=${gainDb.toFixed(3)}dB`];
  if (limitDb !== undefined) chain.push(`aresample=${RATE * 4}`, `alimiter=limit=${Math.max(0.0625, 10 ** (limitDb / 20)).toFixed(5)}:attack=5:release=80:level=0`);
  chain.push(`aresample=${RATE}`);
  await runTool(tools.ffmpeg, ['-hide_banner', '-nostats', '-loglevel', 'error', '-y', '-i', input, '-map', '0:a:0', '-filter:a', chain.join(','), '-ar', String(RATE), '-c:a', 'pcm_s16le', '-f', 'wav', output]);
}

async function legacySoundtrack(tools: MediaTools, input: string, work: string, samples: number, m4a: string): Promise<{ after: Loudness; passes: number }> {
  const [target, ceiling] = [-14, -1];
  const wav = join(work, 'legacy-loud.wav');
  const before = await legacyMeasure(tools, input);
  let gainDb = target - before.integratedLufs;
  let limitDb = ceiling - 0.7;
  let limited = before.truePeakDbtp + gainDb > limitDb;
  let after = before;
  let passes = 0;
  let previous: { gainDb: number; lufs: number } | undefined;
  while (passes < 6) {
    passes++;
    await legacyRender(tools, input, wav, gainDb, limited ? limitDb : undefined);
    after = await legacyMeasure(tools, wav);
    const loudnessOff = target - after.integratedLufs;
    const peakOver = after.truePeakDbtp - ceiling;
    if (Math.abs(loudnessOff) <= 0.3 && peakOver <= 0) break;
    const slope = previous && gainDb !== previous.gainDb ? (after.integratedLufs - previous.lufs) / (gainDb - previous.gainDb) : limited ? 0.5 : 1;
    previous = { gainDb, lufs: after.integratedLufs };
    gainDb += loudnessOff / Math.min(1, Math.max(0.15, slope));
    if (peakOver > 0) {
      limitDb -= limited ? peakOver + 0.1 : 0;
      limited = true;
    }
  }
  await encodeAudioTrack(wav, m4a, samples, { tools });
  return { after, passes };
}
// ---- end of the method before ----

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
      const before = await timed(() => legacySoundtrack(tools, path, work, samples, join(work, `before-${minutes}.m4a`)));
      const afterPath = join(work, `after-${minutes}.m4a`);
      const after = await timed(() => normalizeLoudness(path, afterPath, { tools, encoding: aacSoundtrack(samples) }));
      const decoded = await measureLoudness(afterPath, { tools });
      console.log(`${minutes} min narration:`);
      console.log(`  before: ${before.wall.toFixed(2)} s wall, ${before.cpu.toFixed(2)} s ffmpeg CPU (${before.result.passes} full passes + twoloop AAC) → ${fmtLoud(before.result.after)}`);
      console.log(`  after:  ${after.wall.toFixed(2)} s wall, ${after.cpu.toFixed(2)} s ffmpeg CPU (${after.result.passes} full pass, search on ${after.result.excerptSec < minutes * 60 ? `a ${after.result.excerptSec.toFixed(0)} s excerpt` : 'the whole input'}) → ${fmtLoud(after.result.after)}; decoded AAC ${fmtLoud(decoded)}`);
      console.log(`  speed-up: ${(before.wall / after.wall).toFixed(2)}× wall, ${(before.cpu / after.cpu).toFixed(2)}× CPU`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
