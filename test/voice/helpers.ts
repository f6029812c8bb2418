import { spawnSync } from 'node:child_process';

/** A 440 Hz tone with a slow amplitude wobble: non-silent and easy to compare sample by sample. */
export function tone(seconds: number, sampleRate: number): Int16Array {
  const out = new Int16Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) {
    const t = i / sampleRate;
    out[i] = Math.round(12_000 * Math.sin(2 * Math.PI * 440 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t)));
  }
  return out;
}

export function hasBinary(name: string): boolean {
  return spawnSync(name, ['-version'], { stdio: 'ignore' }).status === 0 || spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}
