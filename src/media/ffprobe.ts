import { VideogenError } from '../errors.ts';
import { findFfmpeg } from './ffmpeg-path.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { runTool } from './process.ts';

export interface ProbeStream {
  index: number;
  type: 'video' | 'audio' | 'subtitle' | 'data' | 'attachment' | 'unknown';
  codec: string;
  profile?: string;
  pixFmt?: string;
  width?: number;
  height?: number;
  /** Average frame rate as ffprobe states it (`30/1`, `30000/1001`), exact. */
  fpsRational?: string;
  /** The same as a number, for display and tolerance checks. */
  fps?: number;
  /** Decoded frame count with `countFrames`, else the container's count (absent in some containers). */
  frames?: number;
  sampleRate?: number;
  channels?: number;
  durationSec?: number;
  language?: string;
}

export interface ProbeResult {
  /** Container duration, seconds. */
  durationSec: number;
  formatName: string;
  streams: ProbeStream[];
}

export interface ProbeOptions {
  /** Decode every packet to count frames exactly (`-count_frames`); slower, but container counts can lie. */
  countFrames?: boolean;
  tools?: MediaTools;
  signal?: AbortSignal;
}

interface RawStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  nb_read_frames?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
  tags?: Record<string, string>;
}

/** Describes a media file with ffprobe's JSON output. */
export async function probe(file: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const tools = opts.tools ?? (await findFfmpeg());
  const args = ['-v', 'error', ...(opts.countFrames ? ['-count_frames'] : []), '-show_streams', '-show_format', '-of', 'json', file];
  const { stdout } = await runTool(tools.ffprobe, args, { signal: opts.signal });
  let raw: { streams?: RawStream[]; format?: { duration?: string; format_name?: string } };
  try {
    raw = JSON.parse(stdout.toString('utf8')) as typeof raw;
  } catch (err) {
    throw new VideogenError('FFMPEG_FAILED', `ffprobe returned unreadable output for ${file}`, { file }, { cause: err });
  }
  return {
    durationSec: num(raw.format?.duration) ?? 0,
    formatName: raw.format?.format_name ?? '',
    streams: (raw.streams ?? []).map((s) => toStream(s, opts.countFrames === true)),
  };
}

function toStream(s: RawStream, counted: boolean): ProbeStream {
  const type = (['video', 'audio', 'subtitle', 'data', 'attachment'] as const).find((t) => t === s.codec_type) ?? 'unknown';
  const out: ProbeStream = { index: s.index, type, codec: s.codec_name ?? 'unknown' };
  if (s.profile) out.profile = s.profile;
  if (s.pix_fmt) out.pixFmt = s.pix_fmt;
  if (s.width !== undefined) out.width = s.width;
  if (s.height !== undefined) out.height = s.height;
  const rate = type === 'video' ? s.avg_frame_rate : undefined;
  if (rate && rate !== '0/0') {
    out.fpsRational = rate;
    out.fps = rationalValue(rate);
  }
  const frames = num(counted ? s.nb_read_frames : s.nb_frames);
  if (frames !== undefined) out.frames = frames;
  const sampleRate = num(s.sample_rate);
  if (sampleRate !== undefined) out.sampleRate = sampleRate;
  if (s.channels !== undefined) out.channels = s.channels;
  const duration = num(s.duration);
  if (duration !== undefined) out.durationSec = duration;
  if (s.tags?.language) out.language = s.tags.language;
  return out;
}

/** `30000/1001` → 29.97…; a plain number string parses as itself. */
export function rationalValue(rational: string): number {
  const [n, d] = rational.split('/');
  return Number(n) / (d === undefined ? 1 : Number(d));
}

function num(value: string | undefined): number | undefined {
  if (value === undefined || value === 'N/A') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
