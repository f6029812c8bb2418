import { VideogenError } from '../errors.ts';
import { findFfmpeg } from './ffmpeg-path.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { rm } from 'node:fs/promises';
import { partialPath, writeAtomically } from './atomic.ts';
import { probe } from './ffprobe.ts';
import { runTool } from './process.ts';
import { MIX_RATE } from './audio.ts';

export interface Loudness {
  /** Integrated loudness, LUFS (EBU R128 / ITU-R BS.1770); −70 means silence. */
  integratedLufs: number;
  /** True peak, dBTP (4× oversampled); −Infinity for digital silence. */
  truePeakDbtp: number;
  /** Loudness range, LU. */
  rangeLu: number;
}

export interface MediaToolOptions {
  tools?: MediaTools;
  signal?: AbortSignal;
}

export interface MeasureOptions extends MediaToolOptions {
  /** Measure from this second of the file… */
  start?: number;
  /** …for this many seconds (a stretch of a mix, or the part of a clip a scene uses). */
  duration?: number;
  /**
   * Filters run before the meter, e.g. the channel conversion a mix applies, so the figure is the loudness of the
   * signal as it will be mixed (a mono file up-mixed to stereo measures differently from the file itself).
   */
  filter?: string;
}

/**
 * The meter. dcshift first: over the silences between utterances the K-weighting filter's state decays into denormal
 * floats, which made ebur128 ~6× slower (10-minute espeak-ng narration: 4.2 s → 0.7 s of CPU). A −120 dBFS DC offset
 * keeps the state normal; it sits far below the −70 LUFS gate and the K-filter's high-pass removes it, so the figures do
 * not change. framelog=verbose: the per-100 ms lines stay out of an info-level log, which keeps the Summary.
 */
function meter(peak: 'true' | 'sample'): string {
  return `dcshift=0.000001,ebur128=framelog=verbose:peak=${peak}`;
}

/** Measures the first audio stream of any file ffmpeg reads, with ebur128. */
export async function measureLoudness(file: string, opts: MeasureOptions = {}): Promise<Loudness> {
  const tools = opts.tools ?? (await findFfmpeg());
  const window = [...(opts.start ? ['-ss', opts.start.toFixed(6)] : []), ...(opts.duration !== undefined ? ['-t', opts.duration.toFixed(6)] : [])];
  const chain = [...(opts.filter ? [opts.filter] : []), meter('true')].join(',');
  const { stderr } = await runTool(tools.ffmpeg, [
    '-hide_banner', '-nostats', '-loglevel', 'info', ...window, '-i', file,
    '-map', '0:a:0', '-filter:a', chain, '-f', 'null', '-',
  ], opts);
  return parseEbur128Summary(stderr);
}

/** Reads the Summary block ebur128 logs at the end of a run. */
export function parseEbur128Summary(log: string): Loudness {
  const { integratedLufs, rangeLu, peak, summary } = readSummary(log);
  if (integratedLufs === undefined || peak === undefined) throw noSummary(summary);
  return { integratedLufs, truePeakDbtp: peak, rangeLu: rangeLu ?? 0 };
}

/** The figures of ebur128's last Summary block; `peak` only when it ran with a peak mode. */
function readSummary(log: string): { integratedLufs: number | undefined; rangeLu: number | undefined; peak: number | undefined; summary: string } {
  const summary = log.slice(log.lastIndexOf('Summary:'));
  const value = (re: RegExp): number | undefined => {
    const m = re.exec(summary);
    if (!m) return undefined;
    return m[1] === '-inf' ? -Infinity : Number(m[1]);
  };
  return {
    integratedLufs: value(/I:\s+(-?[\d.]+|-inf)\s+LUFS/),
    rangeLu: value(/LRA:\s+(-?[\d.]+|-inf)\s+LU/),
    peak: value(/Peak:\s+(-?[\d.]+|-inf)\s+dBFS/),
    summary,
  };
}

function noSummary(summary: string): VideogenError {
  return new VideogenError('FFMPEG_FAILED', 'ffmpeg ebur128 printed no loudness summary; the file may have no audio stream', { logTail: summary.slice(-800) });
}

export interface OutputEncoding {
  /** Filters after the loudness chain, e.g. padding to an exact sample count. */
  filter?: string;
  /** ffmpeg output options: codec, channels, container (`-f`, since the partial file's name hides the extension). */
  args: readonly string[];
}

/** 48 kHz PCM16 WAV, what the mix and the tests read. */
const WAV_OUTPUT: OutputEncoding = { args: ['-ar', String(MIX_RATE), '-c:a', 'pcm_s16le', '-f', 'wav'] };

export interface NormalizeOptions extends MediaToolOptions {
  /** Integrated loudness to reach, LUFS; YouTube's reference is −14. */
  targetLufs?: number;
  /** Ceiling for true peak, dBTP. */
  truePeakDbtp?: number;
  /**
   * How the output is written (default 48 kHz PCM16 WAV). The final AAC encode goes here, so the soundtrack is
   * rendered, measured and encoded in one ffmpeg run instead of three.
   */
  encoding?: OutputEncoding;
}

/**
 * The input as first measured, with the sample peak only (a true-peak meter costs more than the rest of that pass). A
 * long input's loudness and range are its excerpt's, which is what the search aims from; its sample peak is the whole
 * input's.
 */
export interface InputLoudness {
  integratedLufs: number;
  rangeLu: number;
  /** Sample peak, dBFS (≤ the true peak). */
  samplePeakDbfs: number;
}

export interface NormalizeResult {
  before: InputLoudness;
  /** Loudness of the written signal, measured before the output encoding (as the WAV holds it). */
  after: Loudness;
  /** Total gain applied before limiting, dB. */
  gainDb: number;
  /** Whether the peak limiter had to act (the gain alone would have pushed peaks over the ceiling). */
  limited: boolean;
  /** Full-length renders written to the output; the search steps on the input or its excerpt are not counted. */
  passes: number;
  /** Seconds of the input the gain and limit were searched on: all of it when it is short or its excerpt missed the speech. */
  excerptSec: number;
}

/** Below this the input is silence or room noise: boosting it to −14 LUFS would only make hiss loud. */
const SILENCE_LUFS = -60;
/**
 * The limiter's ceiling sits this far under the true-peak ceiling. It limits the 48 kHz samples, and the peaks between
 * them overshoot it: by 0.3–0.9 dB on espeak-ng speech limited by 10–19 dB. (A limiter at 4× oversampling sees those
 * peaks, but its resampling to 192 kHz and back cost 1.3 s of CPU per 10 minutes of narration, five times the rest of
 * the chain.) The meter's 4× true peak checks every result, so an overshoot costs a lower limit, never a loud peak.
 */
const LIMIT_MARGIN_DB = 1;
/** A long input holds peaks its excerpt missed, so a search on an excerpt keeps the true peak this far under the ceiling. */
const EXCERPT_PEAK_SAFETY_DB = 0.2;
/** Accept a full render when the measured loudness is this close to the target, LU (the tolerance is ±1). */
const CLOSE_ENOUGH_LU = 0.3;
/** The search on an excerpt aims closer, leaving the excerpt's sampling error for the full render. */
const SEARCH_CLOSE_LU = 0.1;
/**
 * Loudness gained per dB of gain under limiting, until two steps show the real slope (secant). espeak-ng, whose every
 * glottal pulse is a peak, gains 0.2–0.4 dB per dB when limited by 8–16 dB; from the first step (the plain gain, which
 * the limiter leaves ~2 LU short) this prior lands the second within 0.2 LU on the deck-12 narration.
 */
const LIMITED_SLOPE = 0.3;
/** ebur128 prints tenths, so −14.3 − (−14) must count as 0.3, not 0.30000000000000071. */
const ROUNDING = 1e-6;
const MAX_SEARCH_STEPS = 8;
const MAX_FULL_PASSES = 3;
/**
 * Inputs longer than this are searched on an excerpt: EXCERPT_CHUNKS evenly spaced stretches covering EXCERPT_SHARE
 * of the input (at least EXCERPT_MIN_SEC), so every part of a long narration is represented. Shorter inputs are
 * searched on themselves, which makes the last search step a measurement of the final render.
 */
const EXCERPT_ABOVE_SEC = 90;
const EXCERPT_CHUNKS = 24;
const EXCERPT_SHARE = 0.1;
const EXCERPT_MIN_SEC = 45;

export interface Setting {
  gainDb: number;
  /** Limiter ceiling, dBFS (sample peaks), or undefined for plain gain. */
  limitDb: number | undefined;
}

/** What the search must reach on its sample. */
export interface SearchGoal {
  aimLufs: number;
  /** How close to aimLufs, LU. */
  closeLu: number;
  /** True peak to stay under, dBTP. */
  peakDbtp: number;
  /** Limiter ceiling to add when plain gain turns out to overshoot peakDbtp. */
  limitDb: number;
}

/** A measured search step. */
export interface Trial {
  setting: Setting;
  lufs: number;
}

/**
 * Normalises a narration track to a loudness target with a true-peak ceiling (48 kHz; WAV unless `encoding` says).
 * Method: measure with ebur128; apply the exact gain; if that would push peaks over the ceiling, run a look-ahead
 * limiter and correct the gain, because limiting lowers the loudness. Chosen over loudnorm: loudnorm's linear mode
 * gives up (falls back to dynamic mode) whenever the gain would exceed the peak ceiling, which is the usual case for TTS
 * speech (espeak-ng: −21 LUFS with −0.1 dBFS peaks).
 * Speed: the gain/limit search (2–3 render+measure steps) runs on the input itself when it is short — the final render
 * then repeats the last step and needs no meter — and on an excerpt of a long one, whose final render is measured in
 * the same ffmpeg run as it is written. Another full pass happens only when that measurement misses.
 * bench/audio.ts, espeak-ng narration to AAC on the 2-core machine, ffmpeg CPU: 1 min 2.3 → 1.06 s; 10 min 8.5 →
 * 5.7–6.1 s, of which the final run is 5.0 (AAC encode 3.45, meter 1.25, decode and chain 0.3), the floor while every
 * full render is measured.
 */
export async function normalizeLoudness(input: string, output: string, opts: NormalizeOptions = {}): Promise<NormalizeResult> {
  const tools = opts.tools ?? (await findFfmpeg());
  const target = opts.targetLufs ?? -14;
  const ceiling = opts.truePeakDbtp ?? -1;
  const encoding = opts.encoding ?? WAV_OUTPUT;
  const run: Run = { tools, signal: opts.signal, peakStats: await peakStatsFilter(tools) };
  const durationSec = (await probe(input, run)).durationSec;
  // Named as a partial file so that a crash leaves nothing that looks finished.
  const excerptPath = `${partialPath(output)}-excerpt`;
  try {
    const { before, excerpt } = await measureInput(input, durationSec > EXCERPT_ABOVE_SEC ? excerptPath : undefined, durationSec, run);
    if (before.integratedLufs <= SILENCE_LUFS) {
      const after = await writeAtomically(output, (partial) => renderChain(run, input, { gainDb: 0, limitDb: undefined }, { partial, encoding, meter: true }));
      return { before, after: after!, gainDb: 0, limited: false, passes: 1, excerptSec: 0 };
    }
    const limitDb = ceiling - LIMIT_MARGIN_DB;
    const gainDb = target - before.integratedLufs;
    let setting: Setting = { gainDb, limitDb: before.samplePeakDbfs + gainDb > limitDb ? limitDb : undefined };
    // The search aims its sample (whose loudness `before` holds) at the target; `bias` carries what a full render
    // showed an excerpt to mispredict.
    const goal = excerpt
      ? { closeLu: SEARCH_CLOSE_LU, peakDbtp: ceiling - EXCERPT_PEAK_SAFETY_DB, limitDb }
      : { closeLu: CLOSE_ENOUGH_LU, peakDbtp: ceiling, limitDb };
    let bias = 0;
    let after: Loudness | undefined;
    let passes = 0;
    await writeAtomically(output, async (partial) => {
      while (passes < MAX_FULL_PASSES) {
        // Plain gain is linear: its loudness needs no search, and the full render's meter checks its peaks.
        const found = setting.limitDb === undefined ? { setting } : await searchSetting(run, excerpt?.path ?? input, { ...goal, aimLufs: target + bias }, setting);
        setting = found.setting;
        passes++;
        // A short input was searched on itself: the render repeats a measured step exactly, so it needs no meter.
        const known = excerpt ? undefined : found.measured;
        after = (await renderChain(run, input, setting, { partial, encoding, meter: !known })) ?? known!;
        const loudnessOff = target - after.integratedLufs;
        const peakOver = after.truePeakDbtp - ceiling;
        if (Math.abs(loudnessOff) <= CLOSE_ENOUGH_LU + ROUNDING && peakOver <= 0) break;
        if (excerpt) bias += loudnessOff;
        if (setting.limitDb === undefined) setting = { gainDb: setting.gainDb + loudnessOff, limitDb: peakOver > 0 ? limitDb : undefined };
        else if (peakOver > 0) setting = { ...setting, limitDb: setting.limitDb - peakOver - 0.1 };
      }
    });
    return { before, after: after!, gainDb: setting.gainDb, limited: setting.limitDb !== undefined, passes, excerptSec: excerpt?.seconds ?? durationSec };
  } finally {
    await rm(excerptPath, { force: true });
  }
}

/**
 * One step of the search: the setting to try after `setting` measured `measured`, or undefined when it meets the goal.
 * The gain steps by the loudness still missing over the slope between the last two steps on the same limiter (secant),
 * else over the prior (1 for plain gain, LIMITED_SLOPE under limiting); a true peak over the goal lowers the limit.
 */
export function nextSetting(setting: Setting, measured: Loudness, previous: Trial | undefined, goal: SearchGoal): Setting | undefined {
  const loudnessOff = goal.aimLufs - measured.integratedLufs;
  const peakOver = measured.truePeakDbtp - goal.peakDbtp;
  if (Math.abs(loudnessOff) <= goal.closeLu + ROUNDING && peakOver <= 0) return undefined;
  const limited = setting.limitDb !== undefined;
  const secant = previous && previous.setting.limitDb === setting.limitDb && previous.setting.gainDb !== setting.gainDb
    ? (measured.integratedLufs - previous.lufs) / (setting.gainDb - previous.setting.gainDb)
    : undefined;
  const slope = Math.min(1, Math.max(0.15, secant ?? (limited ? LIMITED_SLOPE : 1)));
  const limitDb = peakOver > 0 ? (limited ? setting.limitDb! - peakOver - 0.1 : goal.limitDb) : setting.limitDb;
  return { gainDb: setting.gainDb + loudnessOff / slope, limitDb };
}

/**
 * Finds the gain and limit that bring `path` to the goal, by rendering and measuring it (one ffmpeg run per step,
 * nothing written). `measured` is the last step's measurement when that step met the goal.
 */
async function searchSetting(run: Run, path: string, goal: SearchGoal, start: Setting): Promise<{ setting: Setting; measured?: Loudness }> {
  let setting = start;
  let previous: Trial | undefined;
  for (let step = 0; step < MAX_SEARCH_STEPS; step++) {
    const measured = (await renderChain(run, path, setting, undefined))!;
    const next = nextSetting(setting, measured, previous, goal);
    if (!next) return { setting, measured };
    previous = { setting, lufs: measured.integratedLufs };
    setting = next;
  }
  return { setting };
}

/** The gain/limiter chain, at the input's rate in and MIX_RATE out. */
function loudnessChain({ gainDb, limitDb }: Setting): string {
  const chain = [`volume=${gainDb.toFixed(3)}dB`, `aresample=${MIX_RATE}`];
  if (limitDb !== undefined) {
    const limit = Math.max(0.0625, 10 ** (limitDb / 20)); // alimiter's lowest accepted limit
    // level=0: alimiter otherwise re-normalises its output to full scale, undoing the ceiling.
    chain.push(`alimiter=limit=${limit.toFixed(5)}:attack=5:release=80:level=0`);
  }
  return chain.join(',');
}

/** One normalisation's ffmpeg, cancellation, and what its astats can do. */
interface Run {
  tools: MediaTools;
  signal?: AbortSignal | undefined;
  /** astats measuring the overall sample peak alone, or undefined when this ffmpeg's astats cannot (see below). */
  peakStats: string | undefined;
}

const peakStatsByFfmpeg = new Map<string, Promise<string | undefined>>();

/**
 * astats reporting only the overall sample peak; it logs the figure at the end. ffmpeg 4.1 (the npm build) has no
 * measure_* options and computes every statistic, which at 192 kHz costs more than ebur128's own true-peak mode, so
 * there the meter keeps that mode. Asked once per ffmpeg binary.
 */
function peakStatsFilter(tools: MediaTools): Promise<string | undefined> {
  let known = peakStatsByFfmpeg.get(tools.ffmpeg);
  if (!known) {
    known = runTool(tools.ffmpeg, ['-hide_banner', '-h', 'filter=astats']).then(
      ({ stdout }) => (stdout.toString().includes('measure_overall') ? 'astats=measure_perchannel=none:measure_overall=Peak_level:metadata=0' : undefined),
      () => undefined,
    );
    peakStatsByFfmpeg.set(tools.ffmpeg, known);
  }
  return known;
}

/**
 * The meter on pad `[label]`: ebur128 for the loudness (see meter()), and astats on the signal resampled to 192 kHz
 * for the true peak. That is the 4× resampling ebur128's own true-peak mode does (swresample's defaults, in doubles),
 * so the figure is the same, but it costs 0.15–0.3 s less CPU per 10 minutes of narration.
 */
function meterGraph(run: Run, label: string): string {
  if (!run.peakStats) return `[${label}]${meter('true')},anullsink`;
  return `[${label}]asplit=2[${label}l][${label}p];[${label}l]dcshift=0.000001,ebur128=framelog=verbose,anullsink;`
    + `[${label}p]aresample=${MIX_RATE * 4}:osf=dbl,${run.peakStats},anullsink`;
}

/** Reads astats' overall peak, dB, rounded to tenths as ebur128 prints its peaks; −Infinity for digital silence. */
export function parseAstatsPeak(log: string): number | undefined {
  const all = [...log.matchAll(/Peak level dB:\s+(-?[\d.]+|-inf)/g)];
  const last = all.at(-1);
  if (!last) return undefined;
  return last[1] === '-inf' ? -Infinity : Math.round(Number(last[1]) * 10) / 10;
}

/** The loudness of a meterGraph() run: ebur128's summary for loudness and range, astats (else ebur128) for the peak. */
export function parseMeterLog(log: string): Loudness {
  const { integratedLufs, rangeLu, peak } = readSummary(log);
  const truePeakDbtp = parseAstatsPeak(log) ?? peak;
  if (integratedLufs === undefined || truePeakDbtp === undefined) throw noSummary(log.slice(-800));
  return { integratedLufs, truePeakDbtp, rangeLu: rangeLu ?? 0 };
}

/**
 * Renders `input` through the chain. With `write`, writes it to `write.partial` in `write.encoding` and, when
 * `write.meter`, measures it in the same run (the meter taps the 48 kHz signal before the output encoding); without,
 * only measures it. Resolves to the measurement, or undefined when nothing was measured.
 */
async function renderChain(run: Run, input: string, setting: Setting, write: { partial: string; encoding: OutputEncoding; meter: boolean } | undefined): Promise<Loudness | undefined> {
  const chain = `[0:a:0]${loudnessChain(setting)}`;
  const encode = write ? `${write.encoding.filter ?? 'anull'}[enc]` : '';
  const graph = !write ? `${chain}[m];${meterGraph(run, 'm')}`
    : write.meter ? `${chain},asplit=2[out][m];${meterGraph(run, 'm')};[out]${encode}`
    : `${chain},${encode}`;
  const { stderr } = await runTool(run.tools.ffmpeg, [
    '-hide_banner', '-nostats', '-loglevel', 'info', '-y', '-i', input, '-filter_complex', graph,
    ...(write ? ['-map', '[enc]', ...write.encoding.args, write.partial] : ['-f', 'null', '-']),
  ], { signal: run.signal });
  return !write || write.meter ? parseMeterLog(stderr) : undefined;
}

/**
 * One read of the input. A short input: its loudness and sample peak (ebur128). A long one: the whole input's sample
 * peak (astats, nearly free) and an excerpt of EXCERPT_CHUNKS evenly spaced stretches (PCM16 WAV at the input's rate)
 * with its loudness, measured in the same run; the whole input's loudness would cost ebur128 on all of it (0.55 s of
 * CPU per 10 minutes), and the full render measures that anyway. An excerpt that reads as silence may have missed sparse
 * speech, so the input is then measured and searched as a whole.
 */
async function measureInput(input: string, excerptPath: string | undefined, durationSec: number, run: Run): Promise<{ before: InputLoudness; excerpt?: { path: string; seconds: number } }> {
  const ffmpeg = (args: string[]) => runTool(run.tools.ffmpeg, ['-hide_banner', '-nostats', '-loglevel', 'info', '-y', '-i', input, ...args], { signal: run.signal });
  if (excerptPath) {
    const period = durationSec / EXCERPT_CHUNKS;
    const chunk = Math.min(period, Math.max(EXCERPT_MIN_SEC, durationSec * EXCERPT_SHARE) / EXCERPT_CHUNKS);
    // aselect keeps whole decoded frames (≈ 85 ms of WAV), which is fine for a representative sample.
    const select = `aselect='lt(mod(t\\,${period.toFixed(6)})\\,${chunk.toFixed(6)})',asetpts=N/SR/TB`;
    const { stderr } = await ffmpeg([
      '-filter_complex', `[0:a:0]asplit=2[w][e];[w]${run.peakStats ?? 'astats=metadata=0'},anullsink;[e]${select},asplit=2[x][m];[m]dcshift=0.000001,ebur128=framelog=verbose,anullsink`,
      '-map', '[x]', '-c:a', 'pcm_s16le', '-f', 'wav', excerptPath,
    ]);
    const measured = parseMeterLog(stderr); // the excerpt's loudness, the whole input's sample peak
    const before = { integratedLufs: measured.integratedLufs, rangeLu: measured.rangeLu, samplePeakDbfs: measured.truePeakDbtp };
    if (before.integratedLufs > SILENCE_LUFS) return { before, excerpt: { path: excerptPath, seconds: chunk * EXCERPT_CHUNKS } };
  }
  const { stderr } = await ffmpeg(['-map', '0:a:0', '-filter:a', meter('sample'), '-f', 'null', '-']);
  const whole = parseEbur128Summary(stderr); // its peak figure is the sample peak here
  return { before: { integratedLufs: whole.integratedLufs, rangeLu: whole.rangeLu, samplePeakDbfs: whole.truePeakDbtp } };
}
