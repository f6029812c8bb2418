import { rm, writeFile } from 'node:fs/promises';
import { concatList, type SegmentRef } from './concat.ts';
import { partialPath } from './atomic.ts';
import { fpsValue, type FrameRate } from './presets.ts';
import { findFfmpeg } from './ffmpeg-path.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { writeAtomically } from './atomic.ts';
import { runTool } from './process.ts';
import { probe } from './ffprobe.ts';
import { iso639_2 } from './language-code.ts';
import { MIX_RATE } from './audio.ts';

export interface SubtitleTrack {
  /** A UTF-8 .srt file. */
  path: string;
  /** BCP-47 tag (`en`, `pt-BR`); stored as ISO 639-2 in the MP4. */
  language: string;
  /** Track name players show, e.g. "English". */
  title?: string;
}

export interface MuxOptions {
  /** H.264 MP4 (the joined segments); copied, never re-encoded… */
  video?: string;
  /** …or the segments themselves, joined by the concat demuxer in the same pass (one copy of the video, not two). */
  segments?: { refs: readonly SegmentRef[]; fps: FrameRate };
  /** Narration/mix, any format ffmpeg reads; encoded to AAC stereo 48 kHz. */
  audio?: string;
  audioLanguage?: string;
  subtitles?: readonly SubtitleTrack[];
  output: string;
  /** AAC bit rate, kb/s; QUALITY.md asks for 160–192. */
  audioBitrateKbps?: number;
  /** The audio is already AAC of exactly the video's length (see encodeAudioTrack): copy it. */
  audioReady?: boolean;
  tools?: MediaTools;
  signal?: AbortSignal;
}

export interface MuxResult {
  output: string;
  videoDurationSec: number;
  /** Set when the audio had to be padded or cut by more than a frame: the timeline and the audio disagree. */
  warnings: string[];
}

/**
 * Writes the deliverable MP4: video copied, audio to AAC, each SRT as a soft mov_text track with its language,
 * moov atom first (+faststart) so playback starts before the download ends, and atomically.
 * No `-shortest`: the audio is made exactly as long as the video (padded with silence or cut, sample-exact), and a
 * difference of more than a frame is reported rather than hidden.
 */
export async function muxFinal(opts: MuxOptions): Promise<MuxResult> {
  const tools = opts.tools ?? (await findFfmpeg());
  let videoDurationSec: number;
  let videoFps: number | undefined;
  let list: string | undefined;
  if (opts.segments) {
    // The frame count is known, so the duration needs no probe.
    const frames = opts.segments.refs.reduce((n, s) => n + s.frames, 0);
    videoFps = fpsValue(opts.segments.fps);
    videoDurationSec = frames / videoFps;
    list = partialPath(`${opts.output}.concat.txt`);
    await writeFile(list, concatList(opts.segments.refs, opts.segments.fps));
  } else {
    if (!opts.video) throw new RangeError('muxFinal needs `video` or `segments`');
    const info = await probe(opts.video, { tools, signal: opts.signal });
    const video = info.streams.find((s) => s.type === 'video');
    if (!video) throw new RangeError(`${opts.video} has no video stream`);
    videoDurationSec = video.durationSec ?? info.durationSec;
    videoFps = video.fps;
  }
  const warnings: string[] = [];
  const inputs = list ? ['-f', 'concat', '-safe', '0', '-i', list] : ['-i', opts.video!];
  const maps = ['-map', '0:v:0'];
  const codecs = ['-c:v', 'copy'];
  if (opts.audio) {
    const audioInfo = await probe(opts.audio, { tools, signal: opts.signal });
    const frame = videoFps ? 1 / videoFps : 0;
    const diff = audioInfo.durationSec - videoDurationSec;
    if (Math.abs(diff) > frame) warnings.push(`audio is ${diff > 0 ? 'longer' : 'shorter'} than the video by ${Math.abs(diff).toFixed(3)} s; it was ${diff > 0 ? 'cut' : 'padded with silence'}`);
    const samples = Math.round(videoDurationSec * MIX_RATE);
    inputs.push('-i', opts.audio);
    maps.push('-map', '1:a:0');
    codecs.push(
      ...(opts.audioReady ? ['-c:a', 'copy'] : audioEncodeArgs(samples, opts.audioBitrateKbps)),
      '-metadata:s:a:0', `language=${iso639_2(opts.audioLanguage ?? 'und')}`,
    );
  }
  const subs = opts.subtitles ?? [];
  const firstSubInput = opts.audio ? 2 : 1;
  subs.forEach((sub, i) => {
    inputs.push('-i', sub.path);
    maps.push('-map', `${firstSubInput + i}:s:0`);
    codecs.push('-metadata:s:s:' + i, `language=${iso639_2(sub.language)}`);
    if (sub.title) codecs.push('-metadata:s:s:' + i, `title=${sub.title}`);
  });
  if (subs.length) codecs.push('-c:s', 'mov_text');
  try {
    await writeAtomically(opts.output, (partial) =>
      runTool(tools.ffmpeg, [
        '-hide_banner', '-nostats', '-loglevel', 'error', '-y',
        ...inputs, ...maps, ...codecs,
        '-movflags', '+faststart', '-f', 'mp4', partial,
      ], { signal: opts.signal }),
    );
  } finally {
    if (list) await rm(list, { force: true });
  }
  return { output: opts.output, videoDurationSec, warnings };
}

/**
 * ffmpeg's AAC encoder as every soundtrack uses it. Measured on a 10-minute narration (2-core machine): the default
 * twoloop coder 11.7 s of CPU, `fast` without M/S, intensity stereo and PNS 4.0 s, with a lower difference from the
 * source (−64 dB RMS against −57 dB) and spectrograms that look the same.
 */
export const AAC_CODER_ARGS: readonly string[] = ['-c:a', 'aac', '-aac_coder', 'fast', '-aac_ms', '0', '-aac_is', '0', '-aac_pns', '0'];

/** AAC stereo at 48 kHz, padded or cut to exactly `samples` samples (QUALITY.md: 160–192 kb/s; mono narration up-mixed). */
function audioEncodeArgs(samples: number, bitrateKbps = 192): string[] {
  return ['-af', `aresample=${MIX_RATE},apad=whole_len=${samples},atrim=end_sample=${samples}`, ...AAC_CODER_ARGS, '-b:a', `${bitrateKbps}k`, '-ar', String(MIX_RATE), '-ac', '2'];
}

/**
 * Encodes the narration to its final AAC form ahead of the mux, so it can run while frames are still rendering and the
 * mux only copies streams.
 */
export async function encodeAudioTrack(input: string, output: string, samples: number, opts: { tools?: MediaTools; signal?: AbortSignal; bitrateKbps?: number } = {}): Promise<void> {
  const tools = opts.tools ?? (await findFfmpeg());
  await writeAtomically(output, (partial) =>
    runTool(tools.ffmpeg, ['-hide_banner', '-nostats', '-loglevel', 'error', '-y', '-i', input, '-map', '0:a:0', ...audioEncodeArgs(samples, opts.bitrateKbps), '-f', 'mp4', partial], { signal: opts.signal }),
  );
}
