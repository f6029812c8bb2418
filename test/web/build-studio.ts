import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Everything the bundle is built from: a change to any of it makes web/dist stale. */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'src/render', 'src/spec', 'src/options', 'src/media', 'src/voice', 'src/timeline', 'src/writing', 'src/publish', 'src/errors.ts', 'package-lock.json'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/**
 * Vitest global setup: the browser tests drive web/dist, so it is rebuilt when any source is newer (npm ci builds it
 * through `prepare`; this catches edits since). Built into a side folder and swapped in, under a lock, so parallel
 * runs never see half a bundle.
 */
export default function buildStudio(): void {
  const dist = join(process.cwd(), 'web/dist');
  const built = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0;
  if (built && SOURCES.every((source) => newest(source) <= built)) return;
  const lock = join(process.cwd(), 'web/.build-lock');
  try {
    mkdirSync(lock);
  } catch {
    // Another run is building: wait for it (at most two minutes), then use its bundle.
    const until = Date.now() + 120_000;
    while (existsSync(lock) && Date.now() < until) spawnSync('sleep', ['0.5']);
    return;
  }
  try {
    const side = join(process.cwd(), `web/dist.next-${process.pid}`);
    const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn', '--outDir', side], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`building the studio failed:\n${result.stdout}\n${result.stderr}`);
    const old = join(process.cwd(), `web/dist.old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(side, dist);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
