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
  const summary = log.slice(log.lastIndexOf('Summary:'));
  const value = (re: RegExp): number | undefined => {
    const m = re.exec(summary);
    if (!m) return undefined;
    return m[1] === '-inf' ? -Infinity : Number(m[1]);
  };
  const integratedLufs = value(/I:\s+(-?[\d.]+|-inf)\s+LUFS/);
  const rangeLu = value(/LRA:\s+(-?[\d.]+|-inf)\s+LU/);
  const truePeakDbtp = value(/Peak:\s+(-?[\d.]+|-inf)\s+dBFS/);
  if (integratedLufs === undefined || truePeakDbtp === undefined) {
    throw new VideogenError('FFMPEG_FAILED', 'ffmpeg ebur128 printed no loudness summary; the file may have no audio stream', { logTail: summary.slice(-800) });
  }
  return { integratedLufs, truePeakDbtp, rangeLu: rangeLu ?? 0 };
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

/** The input as first measured: the sample peak only, since the 4× true-peak meter would double that pass's cost. */
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
  /** Whether the true-peak limiter had to act (the gain alone would have pushed peaks over the ceiling). */
  limited: boolean;
  /** Full-length renders (each also measures); the search on the excerpt is not counted. */
  passes: number;
  /** Seconds of the input the gain and limit were searched on (the whole input when it is short). */
  excerptSec: number;
}

/** Below this the input is silence or room noise: boosting it to −14 LUFS would only make hiss loud. */
const SILENCE_LUFS = -60;
/** The limiter aims this far under the ceiling: resampling back to 48 kHz and AAC both add a few tenths of a dB. */
const PEAK_MARGIN_DB = 0.7;
/** Accept a full render when the measured loudness is this close to the target, LU (the tolerance is ±1). */
const CLOSE_ENOUGH_LU = 0.3;
/** The search on the excerpt is cheap, so it aims closer, leaving the excerpt's sampling error for the full render. */
const SEARCH_CLOSE_LU = 0.1;
/** ebur128 prints tenths, so −14.3 − (−14) must count as 0.3, not 0.30000000000000071. */
const ROUNDING = 1e-6;
const MAX_SEARCH_STEPS = 8;
const MAX_FULL_PASSES = 3;
/**
 * Inputs longer than this are searched on an excerpt: EXCERPT_CHUNKS evenly spaced stretches covering EXCERPT_SHARE
 * of the input (at least EXCERPT_MIN_SEC), so every part of a long narration is represented. Measured on a 10-minute
 * espeak-ng narration: the excerpt's prediction lands within 0.1 LU of the full render.
 */
const EXCERPT_ABOVE_SEC = 90;
const EXCERPT_CHUNKS = 24;
const EXCERPT_SHARE = 0.1;
const EXCERPT_MIN_SEC = 45;

interface Setting {
  gainDb: number;
  /** Limiter ceiling, dBTP, or undefined for plain gain. */
  limitDb: number | undefined;
}

/**
 * Normalises a narration track to a loudness target with a true-peak ceiling (48 kHz; WAV unless `encoding` says).
 * Method: measure with ebur128; apply the exact gain; if that would push true peaks over the ceiling, run a limiter at
 * 4× oversampling (so it sees inter-sample peaks) and correct the gain, because limiting lowers the loudness. Chosen
 * over loudnorm: loudnorm's linear mode gives up (falls back to dynamic mode) whenever the gain would exceed the peak
 * ceiling, which is the usual case for TTS speech (espeak-ng: −21 LUFS with −2 dBTP peaks).
 * Speed: the gain/limit search (2–4 render+measure steps) runs on an excerpt of a long input; the whole input is then
 * rendered once, measured in the same ffmpeg run, and written in its final encoding. Another full pass happens only
 * when that measurement misses. bench/audio.ts, 10-minute espeak-ng narration to AAC: 49.8 s → 10.0 s (2-core machine).
 */
export async function normalizeLoudness(input: string, output: string, opts: NormalizeOptions = {}): Promise<NormalizeResult> {
  const tools = opts.tools ?? (await findFfmpeg());
  const target = opts.targetLufs ?? -14;
  const ceiling = opts.truePeakDbtp ?? -1;
  const encoding = opts.encoding ?? WAV_OUTPUT;
  const run = { tools, signal: opts.signal };
  const durationSec = (await probe(input, run)).durationSec;
  const useExcerpt = durationSec > EXCERPT_ABOVE_SEC;
  // Named as a partial file so that a crash leaves nothing that looks finished.
  const excerptPath = `${partialPath(output)}-excerpt`;
  try {
    const { before, excerpt } = await measureInput(input, useExcerpt ? excerptPath : undefined, durationSec, run);
    if (before.integratedLufs <= SILENCE_LUFS) {
      const after = await writeAtomically(output, (partial) => renderAndMeasure(tools, input, { gainDb: 0, limitDb: undefined }, { partial, encoding }, opts.signal));
      return { before, after, gainDb: 0, limited: false, passes: 1, excerptSec: 0 };
    }
    const sample = excerpt ?? { path: input, integratedLufs: before.integratedLufs, seconds: durationSec };
    const limitDb = ceiling - PEAK_MARGIN_DB;
    let setting: Setting = { gainDb: target - before.integratedLufs, limitDb: before.samplePeakDbfs + target - before.integratedLufs > limitDb ? limitDb : undefined };
    // The search aims the excerpt at the loudness change the whole input needs; `bias` carries what a full render
    // showed the excerpt to mispredict. A short input is its own sample, searched without writing (no output encoding).
    let bias = 0;
    let after: Loudness | undefined;
    let passes = 0;
    await writeAtomically(output, async (partial) => {
      while (passes < MAX_FULL_PASSES) {
        setting = await searchSetting(tools, sample.path, sample.integratedLufs + target - before.integratedLufs + bias, ceiling, setting, opts.signal);
        passes++;
        after = await renderAndMeasure(tools, input, setting, { partial, encoding }, opts.signal);
        const loudnessOff = target - after.integratedLufs;
        const peakOver = after.truePeakDbtp - ceiling;
        if (Math.abs(loudnessOff) <= CLOSE_ENOUGH_LU + ROUNDING && peakOver <= 0) break;
        if (excerpt) bias += loudnessOff;
        if (peakOver > 0) setting = { ...setting, limitDb: setting.limitDb === undefined ? ceiling - PEAK_MARGIN_DB : setting.limitDb - peakOver - 0.1 };
      }
    });
    return { before, after: after!, gainDb: setting.gainDb, limited: setting.limitDb !== undefined, passes, excerptSec: sample.seconds };
  } finally {
    await rm(excerptPath, { force: true });
  }
}

/**
 * Finds the gain (and limiter ceiling) that brings `path` to `aimLufs` with true peaks ≤ `ceiling`, by rendering and
 * measuring it (one ffmpeg run per step, nothing written).
 */
async function searchSetting(tools: MediaTools, path: string, aimLufs: number, ceiling: number, start: Setting, signal?: AbortSignal): Promise<Setting> {
  let setting = start;
  let previous: { gainDb: number; lufs: number } | undefined;
  for (let step = 0; step < MAX_SEARCH_STEPS; step++) {
    const measured = await renderAndMeasure(tools, path, setting, undefined, signal);
    const loudnessOff = aimLufs - measured.integratedLufs;
    const peakOver = measured.truePeakDbtp - ceiling;
    if (Math.abs(loudnessOff) <= SEARCH_CLOSE_LU + ROUNDING && peakOver <= 0) break;
    // Under limiting, loudness grows by less than the gain (about 0.3 dB per dB for espeak-ng, whose every glottal
    // pulse is a peak), so step by the slope seen between the last two steps (secant method).
    const limited = setting.limitDb !== undefined;
    const slope = previous && setting.gainDb !== previous.gainDb ? (measured.integratedLufs - previous.lufs) / (setting.gainDb - previous.gainDb) : limited ? 0.5 : 1;
    previous = { gainDb: setting.gainDb, lufs: measured.integratedLufs };
    const gainDb = setting.gainDb + loudnessOff / Math.min(1, Math.max(0.15, slope));
    const limitDb = peakOver > 0 ? (limited ? setting.limitDb! - peakOver - 0.1 : ceiling - PEAK_MARGIN_DB) : setting.limitDb;
    setting = { gainDb, limitDb };
  }
  return setting;
}

/** The gain/limiter chain, at the input's rate in and MIX_RATE out. */
function loudnessChain({ gainDb, limitDb }: Setting): string {
  const chain = [`volume=${gainDb.toFixed(3)}dB`];
  if (limitDb !== undefined) {
    const limit = Math.max(0.0625, 10 ** (limitDb / 20)); // alimiter's lowest accepted limit
    // level=0: alimiter otherwise re-normalises its output to full scale, undoing the ceiling.
    chain.push(`aresample=${MIX_RATE * 4}`, `alimiter=limit=${limit.toFixed(5)}:attack=5:release=80:level=0`);
  }
  chain.push(`aresample=${MIX_RATE}`);
  return chain.join(',');
}

/**
 * Renders `input` through the chain and measures the result in the same ffmpeg run (asplit), writing it to
 * `write.partial` in `write.encoding` when given. The meter taps the 48 kHz signal before the output encoding.
 */
async function renderAndMeasure(tools: MediaTools, input: string, setting: Setting, write: { partial: string; encoding: OutputEncoding } | undefined, signal?: AbortSignal): Promise<Loudness> {
  const chain = loudnessChain(setting);
  const graph = write
    ? `[0:a:0]${chain},asplit=2[out][meter];[meter]${meter('true')},anullsink;[out]${write.encoding.filter ?? 'anull'}[enc]`
    : `[0:a:0]${chain},${meter('true')},anullsink`;
  const { stderr } = await runTool(tools.ffmpeg, [
    '-hide_banner', '-nostats', '-loglevel', 'info', '-y', '-i', input, '-filter_complex', graph,
    ...(write ? ['-map', '[enc]', ...write.encoding.args, write.partial] : ['-f', 'null', '-']),
  ], { signal });
  return parseEbur128Summary(stderr);
}

/**
 * One read of the input: its whole-track loudness and sample peak, and for a long input an excerpt of EXCERPT_CHUNKS
 * evenly spaced stretches (PCM16 WAV at the input's rate), whose own loudness a second, short run measures.
 */
async function measureInput(input: string, excerptPath: string | undefined, durationSec: number, run: { tools: MediaTools; signal?: AbortSignal | undefined }): Promise<{ before: InputLoudness; excerpt?: { path: string; integratedLufs: number; seconds: number } }> {
  const period = durationSec / EXCERPT_CHUNKS;
  const chunk = Math.min(period, Math.max(EXCERPT_MIN_SEC, durationSec * EXCERPT_SHARE) / EXCERPT_CHUNKS);
  // aselect keeps whole decoded frames (≈ 85 ms of WAV), which is fine for a representative sample.
  const select = `aselect='lt(mod(t\\,${period.toFixed(6)})\\,${chunk.toFixed(6)})',asetpts=N/SR/TB`;
  const args = excerptPath
    ? ['-filter_complex', `[0:a:0]asplit=2[m][e];[m]${meter('sample')},anullsink;[e]${select}[x]`, '-map', '[x]', '-c:a', 'pcm_s16le', '-f', 'wav', excerptPath]
    : ['-map', '0:a:0', '-filter:a', meter('sample'), '-f', 'null', '-'];
  const { stderr } = await runTool(run.tools.ffmpeg, ['-hide_banner', '-nostats', '-loglevel', 'info', '-y', '-i', input, ...args], { signal: run.signal });
  const whole = parseEbur128Summary(stderr); // its peak figure is the sample peak here
  const before = { integratedLufs: whole.integratedLufs, rangeLu: whole.rangeLu, samplePeakDbfs: whole.truePeakDbtp };
  if (!excerptPath) return { before };
  return { before, excerpt: { path: excerptPath, integratedLufs: (await measureLoudness(excerptPath, run)).integratedLufs, seconds: chunk * EXCERPT_CHUNKS } };
}
