import { VideogenError } from '../errors.ts';
import { findFfmpeg } from './ffmpeg-path.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { writeAtomically } from './atomic.ts';
import { runTool } from './process.ts';
import { MIX_RATE } from './audio.ts';
import { METER_RATE, meterPcm, type PcmLoudness } from './loudness-meter.ts';
import { renderGainLimited, type LimiterSetting } from './loudness-limiter.ts';
import { decodePcm, type Pcm } from './loudness-pcm.ts';

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
   * How the output is written (default 48 kHz PCM16 WAV), by the one ffmpeg run that reads the rendered PCM: the
   * final AAC encode goes here, so the soundtrack needs no separate encode.
   */
  encoding?: OutputEncoding;
}

/** The input as first measured: the sample peak only (the true peak matters only for what is written). */
export interface InputLoudness {
  integratedLufs: number;
  rangeLu: number;
  /** Sample peak, dBFS (≤ the true peak). */
  samplePeakDbfs: number;
}

export interface NormalizeResult {
  before: InputLoudness;
  /** Loudness of the written signal, measured before the output encoding (the PCM the WAV holds), by loudness-meter.ts. */
  after: Loudness;
  /** Total gain applied before limiting, dB. */
  gainDb: number;
  /** Whether the limiter had to act (the gain alone would have pushed peaks over the ceiling). */
  limited: boolean;
  /** Full-length renders (each also measured, in-process); the search on the excerpt is not counted. */
  passes: number;
  /** Seconds of the input the gain and limit were searched on (the whole input when it is short). */
  excerptSec: number;
}

/** Below this the input is silence or room noise: boosting it to −14 LUFS would only make hiss loud. */
const SILENCE_LUFS = -60;
/**
 * The limiter holds sample peaks this far under the true-peak ceiling: inter-sample peaks of limited espeak-ng speech
 * measured 0.4–0.7 dB over its sample peaks; the true-peak measurement of each full render catches the rest.
 */
const PEAK_MARGIN_DB = 0.9;
/** Accept a full render when the measured loudness is this close to the target, LU (the tolerance is ±0.5). */
const CLOSE_ENOUGH_LU = 0.3;
/** The search on the excerpt is cheap, so it aims closer, leaving the excerpt's sampling error for the full render. */
const SEARCH_CLOSE_LU = 0.05;
/** The meter rounds to tenths as ebur128 prints them, so −14.3 − (−14) must count as 0.3, not 0.30000000000000071. */
const ROUNDING = 1e-6;
const MAX_SEARCH_STEPS = 8;
/** First guess of the loudness slope under limiting, LU per dB (espeak-ng measured 0.2–0.3). */
const INITIAL_LIMITED_SLOPE = 0.3;
/** The render's true peak must sit this far under the ceiling: this meter and ebur128's differ by up to ~0.1 dB. */
const TRUE_PEAK_SAFETY_DB = 0.1;
const MAX_FULL_PASSES = 3;
/**
 * The search runs on an excerpt: EXCERPT_CHUNKS evenly spaced stretches covering EXCERPT_SHARE of the input, at least
 * EXCERPT_MIN_SEC, so every part of a narration is represented. An input shorter than twice that is its own excerpt.
 * Measured on 1- and 10-minute espeak-ng narration: the excerpt's prediction lands within 0.1 LU of the full render.
 */
const EXCERPT_CHUNKS = 10;
const EXCERPT_SHARE = 0.05;
const EXCERPT_MIN_SEC = 20;

/**
 * Normalises a narration track (or a mix) to a loudness target with a true-peak ceiling (48 kHz; WAV unless
 * `encoding` says). Method: ffmpeg decodes the input to float PCM once; in-process, the gain is set from the measured
 * loudness and, when that gain would push peaks over the ceiling, a look-ahead limiter (loudness-limiter.ts) holds
 * them and the gain is corrected, because limiting lowers the loudness (secant search on an excerpt); the whole input
 * is then rendered once and measured (loudness-meter.ts: BS.1770 gating, 4× true peak), and one ffmpeg run writes it in
 * its final encoding. Another full render happens only when that measurement misses. Chosen over loudnorm: loudnorm's
 * linear mode gives up (falls back to dynamic mode) whenever the gain would exceed the peak ceiling, which is the usual
 * case for TTS speech (espeak-ng: −21 LUFS with −0.1 dBFS peaks).
 * Cost (bench/audio.ts, espeak-ng narration to the AAC soundtrack, 2-core machine): see the figures in that file's
 * header; the AAC encode is most of it.
 */
export async function normalizeLoudness(input: string, output: string, opts: NormalizeOptions = {}): Promise<NormalizeResult> {
  const tools = opts.tools ?? (await findFfmpeg());
  const target = opts.targetLufs ?? -14;
  const ceiling = opts.truePeakDbtp ?? -1;
  const encoding = opts.encoding ?? WAV_OUTPUT;
  const run = { tools, signal: opts.signal };
  const pcm = await decodePcm(input, run);
  const durationSec = pcm.samples.length / pcm.channels / METER_RATE;
  const measuredIn = meterPcm(pcm.samples, pcm.channels, { truePeak: false });
  const before: InputLoudness = { integratedLufs: measuredIn.integratedLufs, rangeLu: measuredIn.rangeLu, samplePeakDbfs: measuredIn.samplePeakDbfs };
  const rendered = new Float32Array(pcm.samples.length);
  if (before.integratedLufs <= SILENCE_LUFS) {
    rendered.set(pcm.samples);
    const after = await writePcm(rendered, pcm.channels, output, encoding, run);
    return { before, after, gainDb: 0, limited: false, passes: 1, excerptSec: 0 };
  }
  const excerpt = excerptOf(pcm, durationSec);
  const excerptBefore = excerpt.samples === pcm.samples ? before.integratedLufs : meterPcm(excerpt.samples, pcm.channels, { truePeak: false }).integratedLufs;
  const limitDb = ceiling - PEAK_MARGIN_DB;
  let setting: LimiterSetting = { gainDb: target - before.integratedLufs, limitDb: before.samplePeakDbfs + target - before.integratedLufs > limitDb ? limitDb : undefined };
  // The search aims the excerpt at the loudness change the whole input needs; a full render that misses corrects the
  // gain by the slope the search saw (the excerpt mispredicts the whole by a few tenths at most).
  let after: PcmLoudness | undefined;
  let limited = false;
  let passes = 0;
  let slope = 1;
  if (setting.limitDb !== undefined) ({ setting, slope } = searchSetting(excerpt, excerptBefore + target - before.integratedLufs, setting));
  while (passes < MAX_FULL_PASSES) {
    passes++;
    limited = renderGainLimited(pcm.samples, pcm.channels, METER_RATE, setting, rendered);
    after = meterPcm(rendered, pcm.channels);
    const loudnessOff = target - after.integratedLufs;
    const peakOver = after.truePeakDbtp - (ceiling - TRUE_PEAK_SAFETY_DB);
    if (Math.abs(loudnessOff) <= CLOSE_ENOUGH_LU + ROUNDING && peakOver <= 0) break;
    if (peakOver > 0) {
      // Inter-sample peaks over the ceiling: pull the sample-peak limit down by the overshoot and search again.
      setting = { ...setting, limitDb: after.samplePeakDbfs - peakOver - 0.1 };
      ({ setting, slope } = searchSetting(excerpt, excerptBefore + target - before.integratedLufs + (target - after.integratedLufs), setting));
    } else {
      setting = { ...setting, gainDb: setting.gainDb + loudnessOff / slope };
    }
  }
  await writePcm(rendered, pcm.channels, output, encoding, run, after);
  return { before, after: loudnessOf(after!), gainDb: setting.gainDb, limited, passes, excerptSec: excerpt.samples.length / pcm.channels / METER_RATE };
}

/**
 * Finds the gain that brings the excerpt to `aimLufs` under the limiter (the limit stays: the full render's true
 * peak decides it), and the loudness slope there (LU per dB of gain). Each step renders and measures the excerpt
 * in-process (~25 ms for 20 s of mono on the 2-core machine).
 */
function searchSetting(excerpt: Pcm, aimLufs: number, start: LimiterSetting): { setting: LimiterSetting; slope: number } {
  let setting = start;
  // Under limiting, loudness grows by less than the gain (about 0.25 dB per dB for espeak-ng, whose every glottal
  // pulse is a peak), so step by the slope seen between the last two steps (secant method).
  let slope = INITIAL_LIMITED_SLOPE;
  let previous: { gainDb: number; lufs: number } | undefined;
  const out = new Float32Array(excerpt.samples.length);
  for (let step = 0; step < MAX_SEARCH_STEPS; step++) {
    renderGainLimited(excerpt.samples, excerpt.channels, METER_RATE, setting, out);
    const measured = meterPcm(out, excerpt.channels, { truePeak: false, unrounded: true }).integratedLufs;
    if (previous && setting.gainDb !== previous.gainDb) slope = Math.min(1, Math.max(0.05, (measured - previous.lufs) / (setting.gainDb - previous.gainDb)));
    const loudnessOff = aimLufs - measured;
    if (Math.abs(loudnessOff) <= SEARCH_CLOSE_LU) break;
    previous = { gainDb: setting.gainDb, lufs: measured };
    setting = { ...setting, gainDb: setting.gainDb + loudnessOff / slope };
  }
  return { setting, slope };
}

/** EXCERPT_CHUNKS evenly spaced stretches of the input, joined (the input itself when it is short). */
function excerptOf(pcm: Pcm, durationSec: number): Pcm {
  const excerptSec = Math.max(EXCERPT_MIN_SEC, durationSec * EXCERPT_SHARE);
  if (durationSec < 2 * excerptSec) return pcm;
  const frames = pcm.samples.length / pcm.channels;
  const period = Math.floor(frames / EXCERPT_CHUNKS);
  const chunk = Math.floor((excerptSec * METER_RATE) / EXCERPT_CHUNKS);
  const samples = new Float32Array(chunk * EXCERPT_CHUNKS * pcm.channels);
  for (let i = 0; i < EXCERPT_CHUNKS; i++) {
    // Each chunk starts at a different point of its period (golden-ratio sequence), so a narration paced as regularly
    // as the period (one sentence every 5 s, chunks every 60 s) is not sampled at the same moment of every sentence.
    const at = i * period + Math.floor(((i * 0.618034) % 1) * (period - chunk));
    samples.set(pcm.samples.subarray(at * pcm.channels, (at + chunk) * pcm.channels), i * chunk * pcm.channels);
  }
  return { samples, channels: pcm.channels };
}

/** Writes rendered PCM through `encoding` (one ffmpeg run reading it on stdin); returns its loudness (measured here unless given). */
async function writePcm(samples: Float32Array, channels: number, output: string, encoding: OutputEncoding, run: { tools: MediaTools; signal?: AbortSignal | undefined }, measured?: PcmLoudness): Promise<Loudness> {
  await writeAtomically(output, (partial) => runTool(run.tools.ffmpeg, [
    '-hide_banner', '-nostats', '-loglevel', 'error', '-y', '-f', 'f32le', '-ar', String(METER_RATE), '-ac', String(channels), '-i', 'pipe:0',
    '-filter:a', encoding.filter ?? 'anull', ...encoding.args, partial,
  ], { signal: run.signal, input: new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength) }));
  return loudnessOf(measured ?? meterPcm(samples, channels));
}

const loudnessOf = (m: PcmLoudness): Loudness => ({ integratedLufs: m.integratedLufs, truePeakDbtp: m.truePeakDbtp, rangeLu: m.rangeLu });
