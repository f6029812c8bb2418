import { writeFile } from 'node:fs/promises';
import { writeAtomically } from './atomic.ts';
import { encodeWav as encodePcm16, parseWav } from '../audio/wav.ts';

/** PCM as the media layer passes it around: interleaved 16-bit samples with their channel count. */
export interface PcmAudio {
  pcm: Int16Array;
  sampleRate: number;
  channels: number;
}

/** A canonical 44-byte-header PCM16 WAV (the codec lives in src/audio/wav.ts, shared with the voice layer). */
export function encodeWav(audio: PcmAudio): Buffer {
  const bytes = encodePcm16(audio.pcm, audio.sampleRate, audio.channels);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Writes a WAV atomically (a half-written WAV would decode as a shorter, valid-looking track). */
export async function writeWav(path: string, audio: PcmAudio): Promise<void> {
  const bytes = encodeWav(audio);
  await writeAtomically(path, (partial) => writeFile(partial, bytes));
}

/** Reads any PCM WAV a TTS engine writes, mixed down to mono. */
export function decodeWav(bytes: Uint8Array): PcmAudio {
  return { ...parseWav(bytes), channels: 1 };
}
