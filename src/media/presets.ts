/**
 * Encoding presets (ARCHITECTURE §7) and the codec arguments every segment shares. Segments are joined with the concat
 * demuxer and `-c copy`, which is only lossless when every segment has identical codec parameters, so all video
 * encodes build their arguments here and nowhere else.
 */
export type PresetName = 'draft' | 'standard' | 'final';

export interface EncodePreset {
  name: PresetName;
  /** Frame height for 16:9 (the short side for other aspects) when nothing else says: frameSize() and benches. */
  shortSide: number;
  /**
   * The largest short side this preset renders a spec at. The frame size comes from the spec's `resolution`; a
   * preset only chooses speed and quality, except that `draft` — a quick look — never renders above 720p unless the
   * caller asks for a resolution explicitly (see shortSideFor).
   */
  maxShortSide?: number;
  x264Preset: 'ultrafast' | 'veryfast' | 'medium';
  crf: number;
}

export const PRESETS: Readonly<Record<PresetName, EncodePreset>> = {
  draft: { name: 'draft', shortSide: 720, maxShortSide: 720, x264Preset: 'ultrafast', crf: 28 },
  standard: { name: 'standard', shortSide: 1080, x264Preset: 'veryfast', crf: 21 },
  final: { name: 'final', shortSide: 1080, x264Preset: 'medium', crf: 18 },
};

/**
 * The short side a render uses, one rule for CLI, API and jobs: an explicit resolution option (CLI/API/job) wins; else
 * the spec's `resolution` (default 1080p), capped by the preset's maxShortSide (draft: 720p).
 *
 * Why a cap rather than "the preset's size when the spec names none": the spec schema fills in 1080p, so by the time
 * a spec reaches the pipeline "not stated" and "1080p" look the same, and a draft must stay quick.
 */
export function shortSideFor(preset: PresetName | EncodePreset, specShortSide: number, explicitShortSide?: number): number {
  if (explicitShortSide !== undefined) return explicitShortSide;
  const cap = resolvePreset(preset).maxShortSide;
  return cap === undefined ? specShortSide : Math.min(cap, specShortSide);
}

/** Frames per second: an integer, or an exact rational such as `30000/1001`. */
export type FrameRate = number | `${number}/${number}`;

export type Aspect = '16:9' | '9:16' | '1:1';

/** The frame size to render at for a preset and aspect; both sides even, as yuv420p requires. */
export function frameSize(preset: PresetName | EncodePreset, aspect: Aspect = '16:9'): { width: number; height: number } {
  const short = resolvePreset(preset).shortSide;
  const long = Math.round((short * 16) / 9 / 2) * 2;
  if (aspect === '9:16') return { width: short, height: long };
  if (aspect === '1:1') return { width: short, height: short };
  return { width: long, height: short };
}

export function resolvePreset(preset: PresetName | EncodePreset): EncodePreset {
  return typeof preset === 'string' ? PRESETS[preset] : preset;
}

export function fpsValue(fps: FrameRate): number {
  if (typeof fps === 'number') return fps;
  const [n, d] = fps.split('/');
  return Number(n) / Number(d);
}

export function fpsArg(fps: FrameRate): string {
  return String(fps);
}

/**
 * What every encode of drawn pictures reads from its pipe: yuv420p converted in Node with the BT.709 matrix in
 * limited range (yuv.ts), tagged the same on the stream (videoCodecArgs), so browsers and players (which assume
 * BT.709 for HD) show the colours the canvas drew.
 */
export function rawYuvInput(width: number, height: number, fps: FrameRate): string[] {
  return ['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-r', fpsArg(fps), '-i', '-'];
}

/** Per-encode departures from a preset that leave the parameter sets (SPS/PPS) unchanged, so pieces still join. */
export interface CodecTweaks {
  /** Constant rate factor instead of the preset's (held pictures: hold.ts). */
  crf?: number;
  /** More x264 options, `key=value` (only ones that do not change SPS/PPS, e.g. scenecut). */
  x264?: readonly string[];
}

/**
 * Threads for the short streamed pieces of a segment (~1 s of animation each). Two segments render at once beside the
 * drawing, so the cores are shared already; x264's default of 1.5 frame threads per core plus lookahead threads only
 * adds synchronisation on a 25-frame piece. Measured on deck-12's pieces (2-core machine, ffmpeg CPU): default 9.8 s,
 * threads=1 8.3 s, threads=2 with one lookahead thread 7.5 s. Not used for the encode floor (bench/encode-floor.ts),
 * which measures one encoder with the machine to itself.
 */
export const PIECE_THREADS: readonly string[] = ['threads=2', 'lookahead-threads=1'];

/** libx264 arguments shared by every video segment of a render. */
export function videoCodecArgs(preset: PresetName | EncodePreset, fps: FrameRate, tweaks: CodecTweaks = {}): string[] {
  const p = resolvePreset(preset);
  const x264 = [
    // stitchable: the PPS stops carrying a QP derived from the CRF (pic_init_qp is 26 whatever the rate), so a piece
    // encoded at another CRF (a held picture's IDR, hold.ts) has byte-identical parameter sets and joins by stream copy.
    'stitchable=1',
    // x264 reports the lowest profile its features need; ultrafast turns 8x8 transforms off and would come out as
    // Constrained Baseline. Re-enabling them costs almost nothing and makes every preset High (QUALITY.md, Files).
    ...(p.x264Preset === 'ultrafast' ? ['8x8dct=1'] : []),
    ...(tweaks.x264 ?? []),
  ];
  return [
    '-c:v', 'libx264',
    '-preset', p.x264Preset,
    '-crf', String(tweaks.crf ?? p.crf),
    '-profile:v', 'high',
    '-x264-params', x264.join(':'),
    '-pix_fmt', 'yuv420p',
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    '-g', String(gopFrames(fps)),
  ];
}

/**
 * Frames between forced keyframes: about 2 s, for seeking in players and YouTube's recommendation for uploads. Tiled
 * holds (tile.ts) use tiles of a divisor of this, so no keyframe gap anywhere in a video exceeds it.
 */
export function gopFrames(fps: FrameRate): number {
  return Math.max(1, Math.round(2 * fpsValue(fps)));
}

export function validateFrameSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || width % 2 || height % 2) {
    throw new RangeError(`frame size ${width}x${height} must be positive even integers (yuv420p halves both sides)`);
  }
}
