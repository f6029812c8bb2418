import { writeFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findFfmpeg } from './ffmpeg-path.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { partialPath, writeAtomically } from './atomic.ts';
import { runTool } from './process.ts';

export interface ConcatOptions {
  faststart?: boolean;
  tools?: MediaTools;
  signal?: AbortSignal;
}

/**
 * Joins segments encoded with identical codec parameters (see presets.ts) into one MP4 without re-encoding, using the
 * concat demuxer. Stream copy keeps every frame, so the frame count is the sum of the segments'.
 */
export async function concatSegments(segments: readonly string[], output: string, opts: ConcatOptions = {}): Promise<void> {
  if (segments.length === 0) throw new RangeError('concatSegments needs at least one segment');
  const tools = opts.tools ?? (await findFfmpeg());
  const list = partialPath(`${output}.concat.txt`);
  await writeFile(list, concatList(segments));
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

/** The concat demuxer's list: absolute paths, each quoted with `'` escaped as `'\''` (its own quoting rule). */
export function concatList(segments: readonly string[]): string {
  return segments.map((s) => `file '${resolve(s).replaceAll("'", "'\\''")}'\n`).join('');
}
