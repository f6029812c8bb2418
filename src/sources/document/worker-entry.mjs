// Worker bootstrap: a worker thread starts without the parent's TypeScript loader (a `--import tsx` in execArgv is
// not applied to workers on Node 20), so when the module it runs is TypeScript (from source: tsx, vitest) it registers
// tsx itself first. From dist the module is compiled JS and tsx is not needed (nor installed).
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
