// Worker bootstrap: a worker thread starts without the parent's TypeScript loader (a `--import tsx` in execArgv is
// not applied to workers on Node 20), so it registers tsx itself before importing the TypeScript module it runs.
// Works the same under `node bin/videogen.mjs` (which registers tsx the same way) and under vitest.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
