import { VideogenError } from '../errors.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { probe } from './ffprobe.ts';

/** What the media stage needs to know about a picture, clip or music file before using it. */
export interface MediaInfo {
  kind: 'image' | 'video' | 'audio';
  width: number;
  height: number;
  /** Seconds (clips and audio; 0 for pictures). */
  duration: number;
  hasAudio: boolean;
}

/** Containers ffprobe reports for single pictures (image2 is its generic still demuxer). GIFs are shown as a still. */
const STILL_FORMATS = /(^|,)(image2|[a-z0-9]+_pipe|gif|apng)(,|$)/;
/** Codecs of cover art that some audio files carry as a "video" stream; they do not make the file a clip. */
const COVER_ART = new Set(['mjpeg', 'png', 'bmp', 'gif', 'webp']);

/** Largest picture decoded (about 200 MB of pixels): far above 8K (33 MP), far below what exhausts a worker. */
export const MAX_PICTURE_MEGAPIXELS = 50;

/**
 * Probes a file named by spec field `field` and says what it is, or SOURCE_UNREADABLE (naming the field) when it is
 * not a picture, clip or sound ffmpeg can read — a text file renamed .png, an HTML error page saved as a clip.
 */
export async function probeMedia(file: string, field: string, tools: MediaTools, signal?: AbortSignal): Promise<MediaInfo> {
  const unreadable = (why: string) =>
    new VideogenError('SOURCE_UNREADABLE', `${field}: ${why}; give a picture (JPEG, PNG, WebP), a clip (MP4, WebM, MOV) or, for music, a sound file`, { field });
  let result;
  try {
    result = await probe(file, { tools, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof VideogenError && error.code === 'CANCELLED') throw error;
    throw unreadable('the file is not media ffmpeg can read');
  }
  const video = result.streams.find((s) => s.type === 'video' && s.width && s.height);
  const hasAudio = result.streams.some((s) => s.type === 'audio');
  const still = STILL_FORMATS.test(result.formatName);
  if (video && still) {
    // Decoding is width × height × 4 bytes before any shrinking: a 15000×15000 picture is 900 MB.
    const megapixels = (video.width! * video.height!) / 1e6;
    if (megapixels > MAX_PICTURE_MEGAPIXELS) {
      throw new VideogenError('LIMIT_EXCEEDED', `${field}: the picture is ${video.width}×${video.height} (${Math.round(megapixels)} megapixels); scale it down, e.g. to 3840 px wide (limit media.pixels: ${MAX_PICTURE_MEGAPIXELS} megapixels)`, { field, limit: 'media.pixels', max: MAX_PICTURE_MEGAPIXELS });
    }
    return { kind: 'image', width: video.width!, height: video.height!, duration: 0, hasAudio: false };
  }
  if (video && !(hasAudio && COVER_ART.has(video.codec))) {
    const duration = video.durationSec ?? result.durationSec;
    if (!(duration > 0)) throw unreadable('the clip has no duration (a broken or empty video)');
    return { kind: 'video', width: video.width!, height: video.height!, duration, hasAudio };
  }
  if (hasAudio) return { kind: 'audio', width: 0, height: 0, duration: result.durationSec, hasAudio: true };
  throw unreadable('the file is not media ffmpeg can read (no picture or sound in it)');
}
