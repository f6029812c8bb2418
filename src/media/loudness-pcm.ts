import { readFile } from 'node:fs/promises';
import { VideogenError } from '../errors.ts';
import type { MediaTools } from './ffmpeg-path.ts';
import { runTool } from './process.ts';
import { METER_RATE } from './loudness-meter.ts';

/** Decoded audio for normalizeLoudness: interleaved float PCM at METER_RATE, full scale ±1, mono or stereo. */
export interface Pcm {
  samples: Float32Array;
  channels: number;
}

const PCM_INT = 1;
const PCM_FLOAT = 3;
const EXTENSIBLE = 0xfffe;

/**
 * The samples of a PCM16 or float32 WAV at METER_RATE with one or two channels, or undefined for any other file.
 * The data chunk's size may be a placeholder (ffmpeg writing to a pipe cannot seek back): then it runs to the end.
 */
export function parseWavPcm(bytes: Uint8Array): Pcm | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined;
  let format: { code: number; channels: number; rate: number; bits: number } | undefined;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && body + 16 <= bytes.length) {
      let code = view.getUint16(body, true);
      if (code === EXTENSIBLE && size >= 26) code = view.getUint16(body + 24, true); // the sub-format GUID's first field
      format = { code, channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!format || format.rate !== METER_RATE || format.channels < 1 || format.channels > 2) return undefined;
      const end = size === 0 || size === 0xffffffff || body + size > bytes.length ? bytes.length : body + size;
      if (format.code === PCM_INT && format.bits === 16) {
        const count = Math.floor((end - body) / 2 / format.channels) * format.channels;
        const samples = new Float32Array(count);
        // An Int16Array view reads ~10× faster than DataView.getInt16 (little-endian host: x86, arm64).
        const aligned = (bytes.byteOffset + body) % 2 === 0;
        const ints = aligned ? new Int16Array(bytes.buffer, bytes.byteOffset + body, count) : new Int16Array(bytes.slice(body, body + 2 * count).buffer);
        for (let i = 0; i < count; i++) samples[i] = ints[i]! / 32768;
        return { samples, channels: format.channels };
      }
      if (format.code === PCM_FLOAT && format.bits === 32) {
        const count = Math.floor((end - body) / 4 / format.channels) * format.channels;
        const samples = new Float32Array(count);
        new Uint8Array(samples.buffer).set(bytes.subarray(body, body + 4 * count)); // copied: the offset may not be 4-aligned
        return { samples, channels: format.channels };
      }
      return undefined;
    }
    at = body + size + (size & 1);
  }
  return undefined;
}

/**
 * Reads the first audio stream of `input` as float PCM at METER_RATE. A PCM16/float WAV at that rate (the narration
 * track, the music mix) is parsed here: each ffmpeg run costs ~0.1 s of CPU just to start on this machine. Anything
 * else is decoded by one ffmpeg run to a float WAV on stdout, down-mixed to stereo when it has more channels.
 */
export async function decodePcm(input: string, run: { tools: MediaTools; signal?: AbortSignal | undefined }): Promise<Pcm> {
  const direct = parseWavPcm(await readFile(input));
  if (direct) return direct;
  const { stdout } = await runTool(run.tools.ffmpeg, [
    '-hide_banner', '-nostats', '-loglevel', 'error', '-i', input, '-map', '0:a:0',
    '-af', `aresample=${METER_RATE},aformat=channel_layouts=mono|stereo`, '-c:a', 'pcm_f32le', '-f', 'wav', 'pipe:1',
  ], { signal: run.signal });
  const decoded = parseWavPcm(stdout);
  if (!decoded) throw new VideogenError('FFMPEG_FAILED', `ffmpeg decoded ${input} to audio this code cannot read; check the file`, { input });
  return decoded;
}
