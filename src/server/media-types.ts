import { VideogenError } from '../errors.ts';

/**
 * What a media upload is, decided from its first bytes (magic numbers) and never from its name: a page of HTML named
 * `.png` is refused, a PNG named `.jpg` is stored as the PNG it is. Only formats the renderer can use are accepted:
 * pictures the canvas decodes, clips and tracks ffmpeg decodes.
 */
export type MediaCategory = 'picture' | 'clip' | 'audio';

export interface MediaKind {
  category: MediaCategory;
  mediaType: string;
}

/** Accepted formats, for messages and the OpenAPI summary. */
export const MEDIA_FORMATS = 'pictures (JPEG, PNG, WebP, GIF), clips (MP4, WebM, MOV) and audio (MP3, WAV, Ogg, M4A/AAC, FLAC)';

const ascii = (head: Uint8Array, at: number, length: number) => String.fromCharCode(...head.subarray(at, at + length));
const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((b, i) => head[at + i] === b);

/** ISO base media (`ftyp` box) brands: MP4 video, Apple QuickTime, and MPEG-4 audio. HEIC/AVIF stills are not clips. */
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ']);
const QUICKTIME_BRANDS = new Set(['qt  ']);
const VIDEO_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'mp71', 'avc1', 'dash', 'M4V ', 'M4VH', 'M4VP', 'F4V ', 'f4v ', 'MSNV', 'NDAS', '3gp4', '3gp5', '3gp6', '3g2a', 'mmp4']);

function isoMedia(head: Uint8Array): MediaKind | undefined {
  if (head.length < 12 || ascii(head, 4, 4) !== 'ftyp') return undefined;
  const major = ascii(head, 8, 4);
  if (AUDIO_BRANDS.has(major)) return { category: 'audio', mediaType: 'audio/mp4' };
  if (QUICKTIME_BRANDS.has(major)) return { category: 'clip', mediaType: 'video/quicktime' };
  if (VIDEO_BRANDS.has(major)) return { category: 'clip', mediaType: 'video/mp4' };
  return undefined;
}

/** Matroska/WebM: the EBML header names its DocType within the first few dozen bytes. */
function matroska(head: Uint8Array): MediaKind | undefined {
  if (!startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return undefined;
  const text = ascii(head, 0, Math.min(head.length, 64));
  if (text.includes('webm')) return { category: 'clip', mediaType: 'video/webm' };
  if (text.includes('matroska')) return { category: 'clip', mediaType: 'video/x-matroska' };
  return undefined;
}

/**
 * MPEG audio frames start with 11 set bits; the layer bits tell MP3 (layer III) from AAC in ADTS (layer 00). A bare
 * frame header is only 2 bytes of evidence, so the next header must follow where the first one says it ends (MP3) or
 * the frame length must be sane (ADTS).
 */
function mpegAudio(head: Uint8Array): MediaKind | undefined {
  if (startsWith(head, [0x49, 0x44, 0x33]) && head[3]! >= 2 && head[3]! <= 4) return { category: 'audio', mediaType: 'audio/mpeg' };
  if (head[0] !== 0xff || (head[1]! & 0xe0) !== 0xe0) return undefined;
  const layer = (head[1]! >> 1) & 0x03;
  if (layer === 0) {
    const frameLength = ((head[3]! & 0x03) << 11) | (head[4]! << 3) | (head[5]! >> 5);
    return frameLength >= 7 && ((head[2]! >> 2) & 0x0f) < 13 ? { category: 'audio', mediaType: 'audio/aac' } : undefined;
  }
  const version = (head[1]! >> 3) & 0x03; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
  const bitrateIndex = head[2]! >> 4;
  const rateIndex = (head[2]! >> 2) & 0x03;
  if (layer !== 1 || version === 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const mpeg1 = version === 3;
  const kbps = (mpeg1 ? [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320] : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160])[bitrateIndex]!;
  const rate = [44100, 48000, 32000][rateIndex]! / (mpeg1 ? 1 : version === 2 ? 2 : 4);
  const length = Math.floor(((mpeg1 ? 144 : 72) * kbps * 1000) / rate) + ((head[2]! >> 1) & 0x01);
  // Without a second header within the head we cannot tell an MP3 from bytes that merely start with 0xFF 0xFB.
  if (length + 1 >= head.length) return undefined;
  return head[length] === 0xff && (head[length + 1]! & 0xe0) === 0xe0 ? { category: 'audio', mediaType: 'audio/mpeg' } : undefined;
}

/** The kind of media `head` (the file's first bytes, 4 KB when it is that long) starts, or undefined. */
export function sniffMedia(head: Uint8Array): MediaKind | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { category: 'picture', mediaType: 'image/jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { category: 'picture', mediaType: 'image/png' };
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return { category: 'picture', mediaType: 'image/gif' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return { category: 'picture', mediaType: 'image/webp' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WAVE') return { category: 'audio', mediaType: 'audio/wav' };
  if (ascii(head, 0, 4) === 'OggS') return { category: 'audio', mediaType: 'audio/ogg' };
  if (ascii(head, 0, 4) === 'fLaC') return { category: 'audio', mediaType: 'audio/flac' };
  return isoMedia(head) ?? matroska(head) ?? mpegAudio(head);
}

/** sniffMedia, or 415 UNSUPPORTED_MEDIA_TYPE naming what is accepted. */
export function checkMediaKind(head: Uint8Array): MediaKind {
  const kind = sniffMedia(head);
  if (!kind) throw new VideogenError('UNSUPPORTED_MEDIA_TYPE', `the file is not a picture, clip or audio file this server accepts (checked by its content, not its name); send ${MEDIA_FORMATS}`, { accepted: MEDIA_FORMATS });
  return kind;
}

/** Media uploads share the uploads table with documents; their stored media type tells them apart. */
export const categoryOf = (mediaType: string): MediaCategory | undefined =>
  mediaType.startsWith('image/') ? 'picture' : mediaType.startsWith('video/') ? 'clip' : mediaType.startsWith('audio/') ? 'audio' : undefined;
