import { open } from 'node:fs/promises';
import { encodeWav } from '../audio/wav.ts';
import { writeAtomically } from './atomic.ts';

export interface PlacedClip {
  /** Mono 16-bit PCM already at the track's sample rate. */
  pcm: Int16Array;
  /** Absolute sample offset in the track. */
  at: number;
  id?: string;
}

const SILENCE = Buffer.alloc(48_000 * 2);

/**
 * Streams a mono narration track of exactly `totalSamples` samples to a WAV file: clips in time order with silence
 * between them. Nothing the size of the whole track is ever in memory, so a 10-minute video costs what a 1-minute one
 * does. The timeline never overlaps clips; if it did, the later clip is cut where it would overlap and reported.
 */
export async function writeNarrationTrack(path: string, clips: readonly PlacedClip[], totalSamples: number, sampleRate: number): Promise<string[]> {
  const warnings: string[] = [];
  const ordered = [...clips].sort((a, b) => a.at - b.at);
  await writeAtomically(path, async (partial) => {
    const file = await open(partial, 'w');
    try {
      const header = encodeWav(new Int16Array(0), sampleRate).subarray(0, 44);
      const view = new DataView(header.buffer, header.byteOffset, 44);
      view.setUint32(4, 36 + totalSamples * 2, true);
      view.setUint32(40, totalSamples * 2, true);
      await file.write(header);
      let cursor = 0;
      const silence = async (until: number) => {
        while (cursor < until) {
          const n = Math.min(until - cursor, SILENCE.length / 2);
          await file.write(SILENCE, 0, n * 2);
          cursor += n;
        }
      };
      for (const [n, clip] of ordered.entries()) {
        const name = clip.id ?? `clip ${n}`;
        const start = Math.max(clip.at, cursor);
        if (start > clip.at) warnings.push(`${name} overlaps the clip before it by ${((start - clip.at) / sampleRate).toFixed(3)} s and was cut`);
        await silence(Math.min(start, totalSamples));
        const end = Math.min(totalSamples, clip.at + clip.pcm.length);
        if (clip.at + clip.pcm.length > totalSamples) warnings.push(`${name} runs ${((clip.at + clip.pcm.length - totalSamples) / sampleRate).toFixed(3)} s past the end of the video and was cut`);
        if (end > cursor) {
          const part = clip.pcm.subarray(cursor - clip.at, end - clip.at);
          await file.write(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
          cursor = end;
        }
      }
      await silence(totalSamples);
    } finally {
      await file.close();
    }
  });
  return warnings;
}
