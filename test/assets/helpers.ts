import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import type { VideogenConfig } from '../../src/config.ts';
import type { FakeFiles } from './fake-stock-server.ts';

export const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `videogen-${name}-`));

/** A config pointing at the fake servers; keys and base URLs as the environment would set them. */
export function stockConfig(home: string, env: Record<string, string | undefined> = {}): VideogenConfig {
  return loadConfig({ home, cacheDir: join(home, 'cache') }, { PATH: process.env.PATH, ...env });
}

let files: FakeFiles | undefined;

/** One real 1-second clip and one real JPEG, made by ffmpeg once per test file, served for every link. */
export function fakeFiles(): FakeFiles {
  if (files) return files;
  const dir = tempDir('stock-files');
  const video = join(dir, 'clip.mp4');
  const image = join(dir, 'still.jpg');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10:duration=1', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', video]);
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=teal:size=160x90', '-frames:v', '1', image]);
  files = { video: readFileSync(video), image: readFileSync(image) };
  return files;
}

/** Fast retries for tests: the behaviour is the same, the waits are milliseconds. */
export const FAST_HTTP = { backoffMs: 5, timeoutMs: 5_000, maxRetryWaitMs: 2_000 };
