import { writeFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findFfmpeg } from './ffmpeg-path.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { partialPath, writeAtomically } from './atomic.ts';
import { runTool } from './process.ts';
import { probe } from './ffprobe.ts';
import { fpsValue } from './presets.ts';
import type { FrameRate } from './presets.ts';

/** A segment file and its frame count (known from the encoder, so no probe is needed). */
export interface SegmentRef {
  path: string;
  frames: number;
}

export interface ConcatOptions {
  /** The segments' frame rate; probed from the first segment when absent. */
  fps?: FrameRate;
  faststart?: boolean;
  tools?: MediaTools;
  signal?: AbortSignal;
}

/**
 * Joins segments encoded with identical codec parameters (see presets.ts) into one MP4 without re-encoding, using the
 * concat demuxer. Stream copy keeps every frame, so the frame count is the sum of the segments'.
 *
 * Each entry gets an explicit `duration`: without it the demuxer offsets the next segment by the file's own duration,
 * which the MP4 edit list rounds to whole milliseconds, so every join shifted later frames by ~0.3 ms and the average
 * frame rate came out as 2288640/76303 instead of 30/1. Durations are derived from exact cumulative times rounded once
 * each, so the error stays under a microsecond however many segments there are.
 */
export async function concatSegments(segments: readonly (string | SegmentRef)[], output: string, opts: ConcatOptions = {}): Promise<void> {
  if (segments.length === 0) throw new RangeError('concatSegments needs at least one segment');
  const tools = opts.tools ?? (await findFfmpeg());
  const refs = await Promise.all(segments.map((s) => (typeof s === 'string' ? probeSegment(s, tools, opts.signal) : { ...s, fps: undefined })));
  const fps = opts.fps ?? refs.find((r) => r.fps)?.fps ?? (await probeSegment(refs[0]!.path, tools, opts.signal)).fps;
  if (!fps) throw new RangeError(`cannot tell the frame rate of ${refs[0]!.path}; pass opts.fps`);
  const list = partialPath(`${output}.concat.txt`);
  await writeFile(list, concatList(refs, fps));
  try {
    await writeAtomically(output, (partial) =>
      runTool(tools.ffmpeg, [
        '-hide_banner', '-nostats', '-loglevel', 'error', '-y',
        '-f', 'concat', '-safe', '0', '-i', list,
        '-map', '0', '-c', 'copy',
        ...(opts.faststart ? ['-movflags', '+faststart'] : []),
        '-f', 'mp4', partial,
      ], { signal: opts.signal }),
    );
  } finally {
    await rm(list, { force: true });
  }
}

/**
 * The concat demuxer's list: absolute paths quoted with `'` escaped as `'\''` (its own quoting rule), each followed by
 * its duration in microseconds-precise seconds.
 */
export function concatList(segments: readonly SegmentRef[], fps: FrameRate): string {
  const { num, den } = rational(fps);
  let frames = 0;
  let prevUs = 0;
  return segments
    .map((s) => {
      frames += s.frames;
      const endUs = Math.round((frames * den * 1e6) / num);
      const line = `file '${resolve(s.path).replaceAll("'", "'\\''")}'\nduration ${((endUs - prevUs) / 1e6).toFixed(6)}\n`;
      prevUs = endUs;
      return line;
    })
    .join('');
}

function rational(fps: FrameRate): { num: number; den: number } {
  if (typeof fps === 'number') return { num: fps, den: 1 };
  const [n, d] = fps.split('/');
  return { num: Number(n), den: Number(d) };
}

async function probeSegment(path: string, tools: MediaTools, signal: AbortSignal | undefined): Promise<SegmentRef & { fps: FrameRate | undefined }> {
  const video = (await probe(path, { tools, signal })).streams.find((s) => s.type === 'video');
  if (!video?.frames) throw new RangeError(`${path} has no video stream with a frame count`);
  const fps = video.fpsRational && fpsValue(video.fpsRational as FrameRate) > 0 ? (video.fpsRational as FrameRate) : undefined;
  return { path, frames: video.frames, fps };
}
