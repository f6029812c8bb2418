import type { MediaTools } from './ffmpeg-path.ts';
import { runTool } from './process.ts';
import { rawYuvInput, validateFrameSize, videoCodecArgs, type CodecTweaks, type FrameRate, type PresetName } from './presets.ts';
import { withI420 } from './yuv.ts';

export interface AnnexBOptions {
  width: number;
  height: number;
  fps: FrameRate;
  preset: PresetName;
  tools: MediaTools;
  tweaks?: CodecTweaks;
  /** Encode the single input picture this many times (ffmpeg's loop filter: the picture crosses the pipe once). */
  repeat?: number;
  signal?: AbortSignal;
}

/**
 * Encodes a few RGBA pictures with the render's codec arguments and returns the raw H.264 byte stream (Annex B, SPS and
 * PPS in band), for pieces whose remaining frames are synthesised (hold.ts). Same conversion and codec
 * arguments as every streamed piece, so the parameter sets match byte for byte.
 */
export async function encodeAnnexB(frames: readonly Uint8Array[], opts: AnnexBOptions): Promise<Uint8Array> {
  validateFrameSize(opts.width, opts.height);
  const bytes = opts.width * opts.height * 4;
  if (opts.repeat !== undefined && frames.length !== 1) throw new RangeError('repeat encodes exactly one picture');
  for (const f of frames) if (f.byteLength !== bytes) throw new RangeError(`frame has ${f.byteLength} bytes; ${opts.width}x${opts.height} RGBA needs ${bytes}`);
  const args = [
    '-hide_banner', '-nostats', '-loglevel', 'error', '-y',
    ...rawYuvInput(opts.width, opts.height, opts.fps),
    '-an', '-vf', opts.repeat ? `loop=loop=${opts.repeat - 1}:size=1:start=0` : 'null',
    '-frames:v', String(opts.repeat ?? frames.length),
    ...videoCodecArgs(opts.preset, opts.fps, opts.tweaks),
    '-f', 'h264', '-',
  ];
  const { stdout } = await withI420(frames, opts.width, opts.height, (input) => runTool(opts.tools.ffmpeg, args, { signal: opts.signal, input }));
  return stdout;
}
