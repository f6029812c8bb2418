/**
 * A clip's loudness in short frames, the view of the audio the word aligner works on. Loudness is relative to the
 * clip's own loud level (its 95th-percentile frame), so a quiet voice aligns like a loud one.
 */
export interface Envelope {
  /** Samples per frame, and its length in ms. */
  frameSamples: number;
  frameMs: number;
  /** Per frame, 0 at or below `SPAN_DB` under the loud level, 1 at it or above. */
  loudness: Float64Array;
  /** 1 where the frame carries speech. */
  voiced: Uint8Array;
  voicedTotal: number;
  /** voicedBefore[f]: voiced frames in [0, f). */
  voicedBefore: Int32Array;
  /** nextVoiced[f]: first voiced frame ≥ f (frames when none); previousVoiced[f]: last voiced ≤ f (-1 when none). */
  nextVoiced: Int32Array;
  previousVoiced: Int32Array;
  /** silenceBefore[f]: length in frames of the silent run that ends just before frame f (0 when f-1 is voiced). */
  silenceBefore: Int32Array;
  /** gapExcessBefore[f]: for the silent runs that start before frame f, the frames each lasts beyond `GAP_FREE_MS`. */
  gapExcessBefore: Float64Array;
}

/** Frames this far under the loud level count as silence (a stop closure, a pause). */
const SILENCE_DB = 32;
/** Below this absolute level a frame is silence whatever the clip (−60 dBFS is inaudible under any music). */
const FLOOR_DBFS = -60;
const SPAN_DB = 40;
/** A silent run this long fits inside a word (the closure of a stop consonant); longer ones are pauses. */
export const GAP_FREE_MS = 60;

export function energyEnvelope(pcm: Int16Array, sampleRate: number, frameMs: number): Envelope {
  const frameSamples = (sampleRate * frameMs) / 1000;
  const frames = Math.max(1, Math.ceil(pcm.length / frameSamples));
  const db = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const from = Math.round(f * frameSamples);
    const to = Math.min(pcm.length, Math.round((f + 1) * frameSamples));
    let sum = 0;
    for (let i = from; i < to; i++) sum += pcm[i]! * pcm[i]!;
    const rms = to > from ? Math.sqrt(sum / (to - from)) / 32768 : 0;
    db[f] = rms > 0 ? 20 * Math.log10(rms) : -120;
  }
  const sorted = Array.from(db).sort((a, b) => a - b);
  const loud = sorted[Math.min(frames - 1, Math.floor(frames * 0.95))]!;
  const loudness = new Float64Array(frames);
  const voiced = new Uint8Array(frames);
  for (let f = 0; f < frames; f++) {
    loudness[f] = Math.min(1, Math.max(0, (db[f]! - (loud - SPAN_DB)) / SPAN_DB));
    voiced[f] = db[f]! > Math.max(FLOOR_DBFS, loud - SILENCE_DB) ? 1 : 0;
  }
  const voicedBefore = new Int32Array(frames + 1);
  for (let f = 0; f < frames; f++) voicedBefore[f + 1] = voicedBefore[f]! + voiced[f]!;
  const nextVoiced = new Int32Array(frames + 1).fill(frames);
  for (let f = frames - 1; f >= 0; f--) nextVoiced[f] = voiced[f] ? f : nextVoiced[f + 1]!;
  const previousVoiced = new Int32Array(frames).fill(-1);
  for (let f = 0; f < frames; f++) previousVoiced[f] = voiced[f] ? f : f > 0 ? previousVoiced[f - 1]! : -1;
  const silenceBefore = new Int32Array(frames + 1);
  for (let f = 1; f <= frames; f++) silenceBefore[f] = voiced[f - 1] ? 0 : silenceBefore[f - 1]! + 1;
  const freeFrames = GAP_FREE_MS / frameMs;
  const excess = new Float64Array(frames);
  for (let f = 0; f < frames; ) {
    if (voiced[f]) {
      f++;
      continue;
    }
    let g = f;
    while (g < frames && !voiced[g]) g++;
    excess[f] = Math.max(0, g - f - freeFrames);
    f = g;
  }
  const gapExcessBefore = new Float64Array(frames + 1);
  for (let f = 0; f < frames; f++) gapExcessBefore[f + 1] = gapExcessBefore[f]! + excess[f]!;
  return { frameSamples, frameMs, loudness, voiced, voicedTotal: voicedBefore[frames]!, voicedBefore, nextVoiced, previousVoiced, silenceBefore, gapExcessBefore };
}
