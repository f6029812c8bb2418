import { VideogenError } from '../errors.ts';
import { findFfmpeg } from './ffmpeg-path.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { writeAtomically } from './atomic.ts';
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

/** Measures the first audio stream of any file ffmpeg reads, with `ebur128=peak=true`. */
export async function measureLoudness(file: string, opts: MeasureOptions = {}): Promise<Loudness> {
  const tools = opts.tools ?? (await findFfmpeg());
  const window = [...(opts.start ? ['-ss', opts.start.toFixed(6)] : []), ...(opts.duration !== undefined ? ['-t', opts.duration.toFixed(6)] : [])];
  const chain = [...(opts.filter ? [opts.filter] : []), 'ebur128=peak=true'].join(',');
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

export interface NormalizeOptions extends MediaToolOptions {
  /** Integrated loudness to reach, LUFS; YouTube's reference is −14. */
  targetLufs?: number;
  /** Ceiling for true peak, dBTP. */
  truePeakDbtp?: number;
}

export interface NormalizeResult {
  before: Loudness;
  after: Loudness;
  /** Total gain applied before limiting, dB. */
  gainDb: number;
  /** Whether the true-peak limiter had to act (the gain alone would have pushed peaks over the ceiling). */
  limited: boolean;
  passes: number;
}

/** Below this the input is silence or room noise: boosting it to −14 LUFS would only make hiss loud. */
const SILENCE_LUFS = -60;
/** The limiter aims this far under the ceiling: resampling back to 48 kHz and AAC both add a few tenths of a dB. */
const PEAK_MARGIN_DB = 0.7;
/** Accept a pass when the measured loudness is this close to the target, LU (the tolerance is ±1). */
const CLOSE_ENOUGH_LU = 0.3;
const MAX_PASSES = 6;

/**
 * Normalises a narration track to a loudness target with a true-peak ceiling, writing 48 kHz PCM16 WAV.
 * Method: measure with ebur128; apply the exact gain; if that would push true peaks over the ceiling, run a limiter at
 * 4× oversampling (so it sees inter-sample peaks), then re-measure and correct the gain, because limiting lowers the
 * loudness (usually 2–4 passes). Chosen over loudnorm: loudnorm's linear mode gives up (falls back to dynamic mode) whenever the gain would
 * exceed the peak ceiling, which is the usual case for TTS speech (espeak-ng: −21 LUFS with −2 dBTP peaks).
 */
export async function normalizeLoudness(input: string, output: string, opts: NormalizeOptions = {}): Promise<NormalizeResult> {
  const tools = opts.tools ?? (await findFfmpeg());
  const target = opts.targetLufs ?? -14;
  const ceiling = opts.truePeakDbtp ?? -1;
  const run = { tools, signal: opts.signal };
  const before = await measureLoudness(input, run);
  if (before.integratedLufs <= SILENCE_LUFS) {
    await writeAtomically(output, (partial) => render(tools, input, partial, 0, undefined, opts.signal));
    return { before, after: await measureLoudness(output, run), gainDb: 0, limited: false, passes: 1 };
  }
  let gainDb = target - before.integratedLufs;
  let limitDb = ceiling - PEAK_MARGIN_DB;
  let limited = before.truePeakDbtp + gainDb > limitDb;
  let after = before;
  let passes = 0;
  let previous: { gainDb: number; lufs: number } | undefined;
  await writeAtomically(output, async (partial) => {
    while (passes < MAX_PASSES) {
      passes++;
      await render(tools, input, partial, gainDb, limited ? limitDb : undefined, opts.signal);
      after = await measureLoudness(partial, run);
      const loudnessOff = target - after.integratedLufs;
      const peakOver = after.truePeakDbtp - ceiling;
      if (Math.abs(loudnessOff) <= CLOSE_ENOUGH_LU && peakOver <= 0) break;
      // Under limiting, loudness grows by less than the gain (about 0.3 dB per dB for espeak-ng, whose every glottal
      // pulse is a peak), so step by the slope seen between the last two passes (secant method).
      const slope = previous && gainDb !== previous.gainDb ? (after.integratedLufs - previous.lufs) / (gainDb - previous.gainDb) : limited ? 0.5 : 1;
      previous = { gainDb, lufs: after.integratedLufs };
      gainDb += loudnessOff / Math.min(1, Math.max(0.15, slope));
      if (peakOver > 0) {
        limitDb -= limited ? peakOver + 0.1 : 0;
        limited = true;
      }
    }
  });
  return { before, after, gainDb, limited, passes };
}

async function render(tools: MediaTools, input: string, output: string, gainDb: number, limitDb: number | undefined, signal?: AbortSignal): Promise<void> {
  const chain = [`volume=${gainDb.toFixed(3)}dB`];
  if (limitDb !== undefined) {
    const limit = Math.max(0.0625, 10 ** (limitDb / 20)); // alimiter's lowest accepted limit
    // level=0: alimiter otherwise re-normalises its output to full scale, undoing the ceiling.
    chain.push(`aresample=${MIX_RATE * 4}`, `alimiter=limit=${limit.toFixed(5)}:attack=5:release=80:level=0`);
  }
  chain.push(`aresample=${MIX_RATE}`);
  await runTool(tools.ffmpeg, [
    '-hide_banner', '-nostats', '-loglevel', 'error', '-y', '-i', input,
    '-map', '0:a:0', '-filter:a', chain.join(','), '-ar', String(MIX_RATE), '-c:a', 'pcm_s16le', '-f', 'wav', output,
  ], { signal });
}
