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
  /** H.264 MP4 (the joined segments); copied, never re-encoded. */
  video: string;
  /** Narration/mix, any format ffmpeg reads; encoded to AAC stereo 48 kHz. */
  audio?: string;
  audioLanguage?: string;
  subtitles?: readonly SubtitleTrack[];
  output: string;
  /** AAC bit rate, kb/s; QUALITY.md asks for 160–192. */
  audioBitrateKbps?: number;
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
  const info = await probe(opts.video, { tools, signal: opts.signal });
  const video = info.streams.find((s) => s.type === 'video');
  if (!video) throw new RangeError(`${opts.video} has no video stream`);
  const videoDurationSec = video.durationSec ?? info.durationSec;
  const warnings: string[] = [];
  const inputs = ['-i', opts.video];
  const maps = ['-map', '0:v:0'];
  const codecs = ['-c:v', 'copy'];
  if (opts.audio) {
    const audioInfo = await probe(opts.audio, { tools, signal: opts.signal });
    const frame = video.fps ? 1 / video.fps : 0;
    const diff = audioInfo.durationSec - videoDurationSec;
    if (Math.abs(diff) > frame) warnings.push(`audio is ${diff > 0 ? 'longer' : 'shorter'} than the video by ${Math.abs(diff).toFixed(3)} s; it was ${diff > 0 ? 'cut' : 'padded with silence'}`);
    const samples = Math.round(videoDurationSec * MIX_RATE);
    inputs.push('-i', opts.audio);
    maps.push('-map', '1:a:0');
    codecs.push(
      '-af', `aresample=${MIX_RATE},apad=whole_len=${samples},atrim=end_sample=${samples}`,
      '-c:a', 'aac', '-b:a', `${opts.audioBitrateKbps ?? 192}k`, '-ar', String(MIX_RATE), '-ac', '2',
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
  await writeAtomically(opts.output, (partial) =>
    runTool(tools.ffmpeg, [
      '-hide_banner', '-nostats', '-loglevel', 'error', '-y',
      ...inputs, ...maps, ...codecs,
      '-movflags', '+faststart', '-f', 'mp4', partial,
    ], { signal: opts.signal }),
  );
  return { output: opts.output, videoDurationSec, warnings };
}
