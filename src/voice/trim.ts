/**
 * Removes leading and trailing silence from a synthesised clip, keeping a few milliseconds of margin. Engines pad
 * clips differently (espeak-ng adds ~50–100 ms); trimmed clips make a narration onset the planned sample exactly.
 */
export function trimSilence(pcm: Int16Array, sampleRate: number, thresholdDb = -50, marginMs = 8): { pcm: Int16Array; trimmedStart: number } {
  const threshold = 32768 * 10 ** (thresholdDb / 20);
  let first = 0;
  while (first < pcm.length && Math.abs(pcm[first]!) < threshold) first++;
  if (first === pcm.length) return { pcm, trimmedStart: 0 };
  let last = pcm.length - 1;
  while (last > first && Math.abs(pcm[last]!) < threshold) last--;
  const margin = Math.round((marginMs / 1000) * sampleRate);
  const start = Math.max(0, first - margin);
  return { pcm: pcm.subarray(start, Math.min(pcm.length, last + 1 + margin)), trimmedStart: start };
}
