import { resampleInt16 } from './resample.ts';
import { VideogenError } from '../errors.ts';

/**
 * RIFF/WAVE reading and writing, and sample-rate conversion, for mono 16-bit PCM (the one internal audio format of
 * the voice layer). No dependencies: providers return WAV or raw s16le, never anything that needs a codec here.
 */

export interface PcmAudio {
  pcm: Int16Array;
  sampleRate: number;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

export function isWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0) === 'RIFF' && ascii(bytes, 8) === 'WAVE';
}

/**
 * Parses a WAV file (integer PCM 8/16/24/32-bit or float32, any channel count) into mono 16-bit PCM; extra channels
 * are averaged. Streamed WAVs (espeak-ng `--stdout`) carry placeholder sizes, so chunk sizes are clamped to the bytes
 * actually present.
 */
export function parseWav(bytes: Uint8Array): PcmAudio {
  if (!isWav(bytes)) throw new VideogenError('TTS_FAILED', 'audio is not a RIFF/WAVE file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format = 0;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at);
    const size = Math.min(view.getUint32(at + 4, true), bytes.length - at - 8);
    const body = at + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of the sub-format GUID.
      if (format === WAVE_FORMAT_EXTENSIBLE && size >= 26) format = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      if (channels === 0) throw new VideogenError('TTS_FAILED', 'WAV data chunk before its fmt chunk');
      return { pcm: decodeSamples(view, body, size, format, bits, channels), sampleRate };
    }
    at = body + size + (size % 2); // chunks are word-aligned
  }
  throw new VideogenError('TTS_FAILED', 'WAV file has no data chunk');
}

function decodeSamples(view: DataView, start: number, size: number, format: number, bits: number, channels: number): Int16Array {
  const bytesPerSample = bits / 8;
  const frames = Math.floor(size / (bytesPerSample * channels));
  const read = sampleReader(view, format, bits);
  const out = new Int16Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(start + (f * channels + c) * bytesPerSample);
    out[f] = clamp16(Math.round((sum / channels) * 32767));
  }
  return out;
}

/** Returns a reader giving one sample as a float in [-1, 1]. */
function sampleReader(view: DataView, format: number, bits: number): (at: number) => number {
  if (format === WAVE_FORMAT_FLOAT && bits === 32) return (at) => view.getFloat32(at, true);
  if (format === WAVE_FORMAT_FLOAT && bits === 64) return (at) => view.getFloat64(at, true);
  if (format !== WAVE_FORMAT_PCM) throw new VideogenError('TTS_FAILED', `unsupported WAV format ${format} (${bits}-bit)`);
  switch (bits) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128; // 8-bit WAV is unsigned
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) => ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608);
    case 32:
      return (at) => view.getInt32(at, true) / 2147483648;
    default:
      throw new VideogenError('TTS_FAILED', `unsupported WAV bit depth ${bits}`);
  }
}

function clamp16(value: number): number {
  return value > 32767 ? 32767 : value < -32768 ? -32768 : value;
}

/** Encodes mono 16-bit PCM as a canonical 44-byte-header WAV file. */
export function encodeWav(pcm: Int16Array, sampleRate: number, channels = 1): Uint8Array {
  const dataBytes = pcm.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const tag = (at: number, s: string) => { for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i); };
  tag(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, WAVE_FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2 * channels, true);
  view.setUint16(32, 2 * channels, true);
  view.setUint16(34, 16, true);
  tag(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < pcm.length; i++) view.setInt16(44 + i * 2, pcm[i]!, true);
  return out;
}

/** Raw little-endian signed 16-bit bytes (OpenAI `pcm`, ElevenLabs `pcm_24000`) → samples; a dangling odd byte is dropped. */
export function pcmFromS16le(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(bytes.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}

/** Resamples mono 16-bit PCM (band-limited windowed sinc; see resample.ts). */
export function resample(pcm: Int16Array, fromRate: number, toRate: number): Int16Array {
  return resampleInt16(pcm, fromRate, toRate);
}

export function to48k(audio: PcmAudio): PcmAudio {
  return { pcm: resample(audio.pcm, audio.sampleRate, 48_000), sampleRate: 48_000 };
}

/** Root-mean-square level in [0, 1]; used to tell silence from speech. */
export function rms(pcm: Int16Array): number {
  if (pcm.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < pcm.length; i++) sum += (pcm[i]! / 32768) ** 2;
  return Math.sqrt(sum / pcm.length);
}
