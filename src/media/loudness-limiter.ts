/**
 * Gain plus a look-ahead peak limiter on interleaved float PCM, in-process. Replaces ffmpeg's alimiter at 4×
 * oversampling (192 kHz), which cost ~0.35 s of CPU per minute of mono audio and had to run in every search step.
 * The limiter works on sample peaks at the PCM's rate; inter-sample peaks are covered by the caller's margin and
 * checked by the meter's true-peak measurement of the result (loudness-meter.ts), which lowers the limit when needed.
 */

export interface LimiterSetting {
  gainDb: number;
  /** Ceiling for sample peaks, dBFS; undefined for plain gain (the caller checked that peaks stay under it). */
  limitDb: number | undefined;
}

/** Attack (look-ahead) and release as alimiter was configured before (attack=5:release=80), milliseconds. */
const ATTACK_MS = 5;
const RELEASE_MS = 80;

/** Frames per block: the gain curve is computed per block and interpolated linearly inside it (~3× cheaper). */
const BLOCK = 16;

/**
 * Writes `gain × x × s` into `out`, where s is the limiter's gain curve, defined at block boundaries and linear in
 * between. At boundary b: s[b] is the mean over the last `attack` boundaries of r; r follows the hold curve h down
 * instantly and recovers exponentially (release); h[b] is the least of m over [b, b + attack), and m[b] the gain both
 * blocks touching boundary b allow (limit / their peak). Every r in the mean is ≤ m[b], so both ends of a block's
 * ramp, and hence all of it, keep its samples under the limit; the gain moves in ramps of `attack` (no clicks).
 * Returns whether the limiter reduced any sample.
 */
export function renderGainLimited(x: Float32Array, channels: number, rate: number, setting: LimiterSetting, out: Float32Array): boolean {
  const gain = 10 ** (setting.gainDb / 20);
  const frames = Math.floor(x.length / channels);
  if (setting.limitDb === undefined) {
    for (let i = 0; i < x.length; i++) out[i] = x[i]! * gain;
    return false;
  }
  const limit = 10 ** (setting.limitDb / 20);
  const blocks = Math.ceil(frames / BLOCK);
  const attack = Math.max(1, Math.round((ATTACK_MS / 1000) * rate / BLOCK));
  const release = Math.exp(-BLOCK / ((RELEASE_MS / 1000) * rate));
  // Gain each block allows (1 when its peak after the gain stays under the limit).
  const allowed = new Float64Array(blocks);
  const threshold = limit / gain; // in input units
  let limited = false;
  for (let b = 0; b < blocks; b++) {
    let peak = 0;
    const end = Math.min(frames, (b + 1) * BLOCK) * channels;
    for (let i = b * BLOCK * channels; i < end; i++) { const v = x[i]! < 0 ? -x[i]! : x[i]!; if (v > peak) peak = v; }
    allowed[b] = peak > threshold ? threshold / peak : 1;
    if (peak > threshold) limited = true;
  }
  if (!limited) {
    for (let i = 0; i < x.length; i++) out[i] = x[i]! * gain;
    return false;
  }
  // m[b] for boundaries 0..blocks, then the hold (sliding minimum over [b, b + attack), monotonic deque), the
  // release, and the running mean, all per boundary.
  const points = blocks + 1;
  const m = (b: number): number => Math.min(b > 0 ? allowed[b - 1]! : 1, b < blocks ? allowed[b]! : 1);
  const curve = new Float64Array(points);
  const dequeIndex = new Int32Array(points);
  const dequeValue = new Float64Array(points);
  let head = 0, tail = 0;
  const ring = new Float64Array(attack).fill(1);
  let ringSum = attack, slot = 0, r = 1;
  // Starts `attack − 1` boundaries before the first, so a peak in the first 5 ms is ramped into like any other.
  for (let b = 1 - attack; b < points; b++) {
    const ahead = b + attack - 1;
    if (ahead < points) {
      const v = m(ahead);
      while (tail > head && dequeValue[tail - 1]! >= v) tail--;
      dequeIndex[tail] = ahead; dequeValue[tail++] = v;
    }
    while (dequeIndex[head]! < b) head++;
    const hold = dequeValue[head]!;
    const recovered = 1 - (1 - r) * release;
    r = hold < recovered ? hold : recovered;
    ringSum += r - ring[slot]!;
    ring[slot] = r;
    if (++slot === attack) {
      slot = 0;
      // Re-summed once per ring turn: the running sum would otherwise drift over millions of blocks.
      ringSum = 0;
      for (let k = 0; k < attack; k++) ringSum += ring[k]!;
    }
    if (b >= 0) curve[b] = gain * Math.min(1, ringSum / attack);
  }
  for (let b = 0; b < blocks; b++) {
    const g0 = curve[b]!, step = (curve[b + 1]! - g0) / BLOCK;
    const start = b * BLOCK, end = Math.min(frames, start + BLOCK);
    if (channels === 1) for (let n = start; n < end; n++) out[n] = x[n]! * (g0 + step * (n - start));
    else for (let n = start; n < end; n++) { const g = g0 + step * (n - start); for (let c = 0; c < channels; c++) out[n * channels + c] = x[n * channels + c]! * g; }
  }
  return true;
}
