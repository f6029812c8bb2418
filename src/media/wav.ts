import { writeFile } from 'node:fs/promises';
import { writeAtomically } from './atomic.ts';

export interface PcmAudio {
  /** Interleaved signed 16-bit samples. */
  pcm: Int16Array;
  sampleRate: number;
  channels: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A canonical 44-byte-header PCM16 WAV. */
export function encodeWav(audio: PcmAudio): Buffer {
  const { pcm, sampleRate, channels } = audio;
  const dataBytes = pcm.length * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, pcmBytes(pcm)]);
}

/** Writes a WAV atomically (a half-written WAV would decode as a shorter, valid-looking track). */
export async function writeWav(path: string, audio: PcmAudio): Promise<void> {
  const bytes = encodeWav(audio);
  await writeAtomically(path, (partial) => writeFile(partial, bytes));
}

/**
 * Reads a PCM16 WAV (what espeak-ng and most TTS engines write). Walks the chunks instead of assuming a 44-byte header,
 * and clamps a data size that overstates the file (streaming writers put 0xFFFFFFFF there).
 */
export function decodeWav(bytes: Uint8Array): PcmAudio {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new RangeError('not a RIFF/WAVE file');
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const format = buf.readUInt16LE(body);
      const bits = buf.readUInt16LE(body + 14);
      if ((format !== 1 && format !== 0xfffe) || bits !== 16) throw new RangeError(`only 16-bit PCM WAV is supported (format ${format}, ${bits} bits)`);
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
    } else if (id === 'data') {
      if (!sampleRate) throw new RangeError('WAV data chunk before fmt chunk');
      const end = Math.min(buf.length, body + size);
      const count = Math.floor((end - body) / 2);
      const pcm = new Int16Array(count);
      for (let i = 0; i < count; i++) pcm[i] = buf.readInt16LE(body + i * 2);
      return { pcm, sampleRate, channels };
    }
    offset = body + size + (size % 2); // chunks are word-aligned
  }
  throw new RangeError('WAV has no data chunk');
}

function pcmBytes(pcm: Int16Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const out = Buffer.alloc(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) out.writeInt16LE(pcm[i]!, i * 2);
  return out;
}
