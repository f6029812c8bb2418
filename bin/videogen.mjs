#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so a clean clone needs no build step.
import { spawnSync } from 'node:child_process';

// Rendering reads an 8 MB frame back from Skia for every animated frame. With glibc's defaults each of those buffers
// is a fresh mmap whose pages the kernel must zero (measured 4–9 ms a frame on 2 cores); keeping them on the heap makes
// the read-back 2 ms. glibc reads these variables only at process start, so heavy commands re-execute once with them.
const HEAVY = new Set(['render', 'create', 'worker', 'serve']);
if (HEAVY.has(process.argv[2] ?? '') && !process.env.MALLOC_MMAP_THRESHOLD_) {
  const env = { ...process.env, MALLOC_MMAP_THRESHOLD_: '134217728', MALLOC_TRIM_THRESHOLD_: '1073741824', MALLOC_TOP_PAD_: '268435456' };
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env, stdio: 'inherit' });
  process.exit(child.status ?? (child.signal ? 1 : 0));
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
