#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build:lib`; `npm ci` builds it through `prepare`). No TypeScript
// loader: the CLI starts in a few node start-up times, and an installed package has no tsx.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// Rendering reads an 8 MB frame back from Skia for every animated frame; the allocators' defaults make each of those
// buffers fresh memory whose pages the kernel must zero. Both allocators read their settings only at process start, so
// the one-shot rendering commands re-execute once with them and with the Node flags a render wants
// (src/pipeline/render-env.ts says which and why; a missing dist/ is reported by the child). Long-lived `serve` and
// `worker` processes get them from their service manager (a worker also turns incremental marking off itself).
const HEAVY = new Set(['render', 'create']);
const renderEnv = HEAVY.has(process.argv[2] ?? '') ? await import('../dist/pipeline/render-env.js').catch(() => undefined) : undefined;
const missingFlags = renderEnv ? renderEnv.missingRenderProcessFlags(process.execArgv) : [];
if (renderEnv && (!renderEnv.hasRenderProcessEnv(process.env) || missingFlags.length)) {
  const env = renderEnv.withRenderProcessEnv(process.env);
  // And the Node flags a render wants (RENDER_PROCESS_FLAGS: explicit pixel-buffer collections, no incremental marking).
  const child = spawn(process.execPath, [...process.execArgv, ...missingFlags, ...process.argv.slice(1)], { env, stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal's process group; a SIGTERM sent to this process is passed on.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  // In a checkout (src/ is not in the package), a dist older than src would silently run yesterday's code: rebuild it
  // first (about 10 ms to check). Not under vitest (its global setup built dist, and a test must not swap it under the
  // others) nor with VIDEOGEN_NO_REBUILD=1 (the bench scripts build once, then time many runs).
  if (!process.env.VITEST && process.env.VIDEOGEN_NO_REBUILD !== '1' && existsSync(new URL('../src/cli/main.ts', import.meta.url))) {
    const { buildLib } = await import('./build-lib.mjs');
    const ms = buildLib({ fast: true });
    if (ms) process.stderr.write(`videogen: rebuilt dist/ from the changed src/ (${(ms / 1000).toFixed(1)} s)\n`);
  }
  let cli;
  try {
    cli = await import('../dist/cli/main.js');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
    process.stderr.write('videogen: dist/ is missing; run `npm run build:lib` (a checkout builds it in `npm ci`)\n');
    process.exit(1);
  }
  await cli.main(process.argv);
}
