/**
 * Band-limited resampling of mono 16-bit PCM (windowed sinc, Blackman window). TTS engines deliver 16–24 kHz; the mix is
 * 48 kHz. Done in-process rather than by ffmpeg so hundreds of sentence clips cost no process spawns, and so each clip's
 * length in output samples is known exactly before placement: round(length × to / from).
 */

/** Zero crossings of the sinc kept on each side; 16 keeps aliasing far below speech's noise floor. */
const ZERO_CROSSINGS = 16;

/** Kernel samples per input sample; the kernel is read from this table with linear interpolation. */
const TABLE_RESOLUTION = 512;

export function resampleInt16(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return input.slice();
  if (!(fromRate > 0 && toRate > 0)) throw new RangeError(`sample rates must be positive, got ${fromRate} → ${toRate}`);
  const outLength = Math.round((input.length * toRate) / fromRate);
  const out = new Int16Array(outLength);
  const step = fromRate / toRate; // input samples per output sample
  // Low-pass at the lower Nyquist (slightly under, to leave room for the window's transition band).
  const scale = Math.min(1, toRate / fromRate);
  const cutoff = 0.5 * scale * 0.97; // cycles per input sample
  const half = Math.ceil(ZERO_CROSSINGS / scale); // filter half-width, input samples
  const table = kernelTable(cutoff, half);
  for (let j = 0; j < outLength; j++) {
    const t = j * step;
    const centre = Math.floor(t);
    let acc = 0;
    let weight = 0;
    const lo = Math.max(0, centre - half + 1);
    const hi = Math.min(input.length - 1, centre + half);
    for (let i = lo; i <= hi; i++) {
      const pos = Math.abs(t - i) * TABLE_RESOLUTION;
      const k = Math.floor(pos);
      const frac = pos - k;
      const w = table[k]! + (table[k + 1]! - table[k]!) * frac;
      acc += input[i]! * w;
      weight += w;
    }
    // Normalising by the weights actually used keeps a constant level exact, also at the clip's edges where the
    // kernel is cut off, and removes the table's tiny ripple in DC gain.
    if (weight > 1e-9) acc /= weight;
    out[j] = acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc);
  }
  return out;
}

/** The windowed-sinc kernel (Blackman window) at |x| = n / TABLE_RESOLUTION input samples, zero from `half` on. */
function kernelTable(cutoff: number, half: number): Float64Array {
  const table = new Float64Array(half * TABLE_RESOLUTION + 2);
  for (let n = 0; n < half * TABLE_RESOLUTION; n++) {
    const x = n / TABLE_RESOLUTION;
    const u = x / half;
    const w = 0.42 + 0.5 * Math.cos(Math.PI * u) + 0.08 * Math.cos(2 * Math.PI * u);
    const arg = 2 * cutoff * x;
    const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
    table[n] = 2 * cutoff * sinc * w;
  }
  return table;
}
