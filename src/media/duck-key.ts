import { open } from 'node:fs/promises';
import { encodeWav } from '../audio/wav.ts';
import { writeAtomically } from './atomic.ts';

/**
 * The sidechain key that ducks music and footage sound under the narration.
 *
 * Why a key shaped here instead of feeding the raw voice to `sidechaincompress`: a compressor's gain reduction follows
 * the key's level, and speech swings ±10 dB from syllable to syllable, so a raw-voice key pumps and its depth depends
 * on how loud each word is. QUALITY asks for a fixed depth (12–18 dB, the spec's `duck`) with 200–400 ms attack and
 * ~500 ms release. So the voice only decides *when* (its speech activity, found from its energy); the key is a steady
 * level that makes the compressor reduce exactly `duck` dB, with linear-in-dB ramps of the wanted attack and release.
 * Knowing the whole narration in advance also lets the music start dipping just before the first word.
 */

/** Compressor settings used with this key (both ffmpeg 4.1 and 5.1 accept them; ratio 20 is 4.1's maximum). */
export const DUCK_COMPRESSOR = { threshold: 0.03, ratio: 20, attackMs: 20, releaseMs: 20, knee: 1 } as const;

/** The ramp into ducking: starts this long before the first word… */
export const DUCK_LEAD_SECONDS = 0.25;
/** …and takes this long, so the music is fully down 50 ms into the word. */
export const DUCK_ATTACK_SECONDS = 0.3;
/** Stay down this long after the last sound of a phrase, then come back up over the release. */
export const DUCK_HOLD_SECONDS = 0.05;
export const DUCK_RELEASE_SECONDS = 0.5;
/** Pauses shorter than this (between words, and the 0.25 s between sentences) keep the music down: no pumping. */
export const DUCK_BRIDGE_SECONDS = 0.6;

/** Analysis window for speech activity. */
const WINDOW_SECONDS = 0.01;
/** A window is speech when its RMS is within this many dB of the clip's loudest window… */
const ACTIVITY_RANGE_DB = 35;
/** …and above this absolute floor (≈ −60 dBFS), so room noise in a silent clip never ducks anything. */
const ACTIVITY_FLOOR = 33;

export interface VoiceClip {
  /** Mono PCM16 at the track's sample rate. */
  pcm: Int16Array;
  /** Absolute sample offset in the track. */
  at: number;
}

export interface SpeechSpan {
  start: number;
  end: number;
}

/** Where the voice is speaking, in track samples: active windows of every clip, short pauses bridged. */
export function speechSpans(clips: readonly VoiceClip[], sampleRate: number): SpeechSpan[] {
  const window = Math.max(1, Math.round(WINDOW_SECONDS * sampleRate));
  const raw: SpeechSpan[] = [];
  for (const clip of clips) {
    const rms: number[] = [];
    for (let i = 0; i < clip.pcm.length; i += window) {
      const end = Math.min(clip.pcm.length, i + window);
      let sum = 0;
      for (let j = i; j < end; j++) sum += clip.pcm[j]! * clip.pcm[j]!;
      rms.push(Math.sqrt(sum / (end - i)));
    }
    const loudest = Math.max(0, ...rms);
    const floor = Math.max(ACTIVITY_FLOOR, loudest * 10 ** (-ACTIVITY_RANGE_DB / 20));
    rms.forEach((level, w) => {
      if (level < floor) return;
      const start = clip.at + w * window;
      const end = clip.at + Math.min(clip.pcm.length, (w + 1) * window);
      const last = raw[raw.length - 1];
      if (last && last.end >= start) last.end = Math.max(last.end, end);
      else raw.push({ start, end });
    });
  }
  raw.sort((a, b) => a.start - b.start);
  const bridge = DUCK_BRIDGE_SECONDS * sampleRate;
  const spans: SpeechSpan[] = [];
  for (const span of raw) {
    const last = spans[spans.length - 1];
    if (last && span.start - last.end < bridge) last.end = Math.max(last.end, span.end);
    else spans.push({ ...span });
  }
  return spans;
}

/** Ducking amount 0…1 that one span asks for at sample `i` (a trapezoid: lead-in ramp, hold, release ramp). */
function spanDepth(span: SpeechSpan, i: number, rate: number): number {
  const riseStart = span.start - DUCK_LEAD_SECONDS * rate;
  const riseEnd = riseStart + DUCK_ATTACK_SECONDS * rate;
  const fallStart = span.end + DUCK_HOLD_SECONDS * rate;
  const fallEnd = fallStart + DUCK_RELEASE_SECONDS * rate;
  if (i <= riseStart || i >= fallEnd) return 0;
  if (i < riseEnd) return (i - riseStart) / (riseEnd - riseStart);
  if (i <= fallStart) return 1;
  return (fallEnd - i) / (fallEnd - fallStart);
}

/** Key sample (PCM16) that makes the compressor reduce `depth × duckDb` dB: level above threshold = reduction ÷ (1 − 1/ratio). */
function keySample(depth: number, duckDb: number): number {
  if (depth <= 0) return 0;
  const { threshold, ratio } = DUCK_COMPRESSOR;
  const overDb = (depth * duckDb) / (1 - 1 / ratio);
  return Math.round(Math.min(1, threshold * 10 ** (overDb / 20)) * 32767);
}

const CHUNK = 48_000;

/**
 * Streams the key track (mono PCM16 WAV of exactly `totalSamples`) for these speech spans. Only the spans are in
 * memory, so a 10-minute video costs what a 1-minute one does.
 */
export async function writeDuckKey(path: string, spans: readonly SpeechSpan[], totalSamples: number, sampleRate: number, duckDb: number): Promise<void> {
  await writeAtomically(path, async (partial) => {
    const file = await open(partial, 'w');
    try {
      const header = Buffer.from(encodeWav(new Int16Array(0), sampleRate).subarray(0, 44));
      header.writeUInt32LE(36 + totalSamples * 2, 4);
      header.writeUInt32LE(totalSamples * 2, 40);
      await file.write(header);
      const chunk = new Int16Array(CHUNK);
      const fullKey = keySample(1, duckDb);
      let current = 0; // first span whose release has not ended yet
      for (let base = 0; base < totalSamples; base += CHUNK) {
        const n = Math.min(CHUNK, totalSamples - base);
        for (let k = 0; k < n; k++) {
          const i = base + k;
          const fallEnd = (s: SpeechSpan) => s.end + (DUCK_HOLD_SECONDS + DUCK_RELEASE_SECONDS) * sampleRate;
          while (current < spans.length && fallEnd(spans[current]!) <= i) current++;
          // Bridged spans are ≥ DUCK_BRIDGE_SECONDS apart, so at most two envelopes (this one, the next) overlap.
          const a = current < spans.length ? spanDepth(spans[current]!, i, sampleRate) : 0;
          const b = current + 1 < spans.length ? spanDepth(spans[current + 1]!, i, sampleRate) : 0;
          const depth = Math.max(a, b);
          chunk[k] = depth >= 1 ? fullKey : keySample(depth, duckDb);
        }
        const part = chunk.subarray(0, n);
        await file.write(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
      }
    } finally {
      await file.close();
    }
  });
}
