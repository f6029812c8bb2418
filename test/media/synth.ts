/** Deterministic test signals (no randomness: the same bytes every run). */

export function tone(freq: number, seconds: number, rate: number, amplitude = 12000): Int16Array {
  const out = new Int16Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * freq * i) / rate));
  return out;
}

/**
 * Speech-like: a voiced source (harmonics of a gliding 110–190 Hz fundamental with a 1/k spectrum) shaped into ~4
 * syllables per second, with word gaps and a sentence pause, at a modest level like raw TTS output.
 */
export function speechLike(seconds: number, rate: number, amplitude = 6000): Int16Array {
  const out = new Int16Array(Math.round(seconds * rate));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    const f0 = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t) + 8 * Math.sin(2 * Math.PI * 5.5 * t);
    phase += (2 * Math.PI * f0) / rate;
    let v = 0;
    for (let k = 1; k <= 12; k++) v += Math.sin(k * phase) / k;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t)) ** 1.5;
    const word = (t % 1.3) < 1.05 ? 1 : 0;
    const sentence = (t % 4) < 3.4 ? 1 : 0;
    const stress = 0.6 + 0.4 * Math.abs(Math.sin(2 * Math.PI * 0.37 * t));
    out[i] = Math.round(amplitude * 0.55 * v * syllable * word * sentence * stress);
  }
  return out;
}
