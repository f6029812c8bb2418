import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSpec, type VideoSpec, type VideoSpecInput } from '../../src/spec/index.ts';
import { loadConfig, type VideogenConfig } from '../../src/config.ts';
import { findFfmpeg } from '../../src/media/index.ts';

export function spec(input: VideoSpecInput): VideoSpec {
  const r = validateSpec(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `videogen-${prefix}-`));
}

/** A config whose caches live in a fresh temp directory, so each test starts cold. */
export function testConfig(cacheDir = tempDir('cache')): VideogenConfig {
  return loadConfig({ cacheDir, home: cacheDir });
}

/** Mono 48 kHz samples of a media file's audio track, decoded by ffmpeg. */
export async function decodeAudio(file: string): Promise<Int16Array> {
  const { ffmpeg } = await findFfmpeg();
  const out = execFileSync(ffmpeg, ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '48000', '-f', 's16le', '-'], { maxBuffer: 1 << 30 });
  return new Int16Array(out.buffer, out.byteOffset, out.byteLength / 2);
}

/** First sample at or after `from` whose level exceeds `thresholdDb` dBFS. */
export function onsetAfter(pcm: Int16Array, from: number, thresholdDb = -36): number {
  const threshold = 32768 * 10 ** (thresholdDb / 20);
  for (let i = Math.max(0, from); i < pcm.length; i++) if (Math.abs(pcm[i]!) > threshold) return i;
  return -1;
}

export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** Parses SRT or WebVTT cues (the formats' own rules: index line optional, "," or "." before milliseconds). */
export function parseCues(text: string): Cue[] {
  const cues: Cue[] = [];
  const time = (s: string) => {
    const m = /(\d+):(\d{2}):(\d{2})[,.](\d{3})/.exec(s);
    if (!m) throw new Error(`bad timestamp ${s}`);
    return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
  };
  for (const block of text.replace(/\r/g, '').split(/\n\n+/)) {
    const lines = block.split('\n').filter(Boolean);
    const arrow = lines.findIndex((l) => l.includes('-->'));
    if (arrow < 0) continue;
    const [a, b] = lines[arrow]!.split('-->');
    cues.push({ start: time(a!), end: time(b!), text: lines.slice(arrow + 1).join('\n') });
  }
  return cues;
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
