import { buildLib } from '../bin/build-lib.mjs';

/**
 * Vitest global setup: tests spawn bin/videogen.mjs, which runs the compiled dist/, so dist is rebuilt whenever any
 * source is newer than its build stamp (npm ci builds it through `prepare`; this catches edits since). bin/build-lib.mjs
 * builds into a side folder and swaps it in under a lock, so parallel runs never see half a dist. JS only, transpiled
 * by esbuild file by file (1–3 s; tsc takes 10–30 s on two cores): the tests run JS, `npm run typecheck` checks
 * types, and a type error elsewhere in the tree must not stop every test from running. The packed-package test adds
 * the declarations itself.
 */
export default function buildDist(): void {
  const ms = buildLib({ fast: true });
  if (ms) process.stderr.write(`[build-lib] dist rebuilt in ${(ms / 1000).toFixed(1)} s\n`);
}
