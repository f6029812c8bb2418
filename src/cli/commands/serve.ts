import type { Command } from 'commander';

export interface ServeFlags {
  port?: string;
  host?: string;
  worker: boolean;
  scheduler: boolean;
  concurrency: string;
}

/** `videogen serve`; the server (Fastify, the store, the queue) loads in serve-run.ts when it starts. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP API (OpenAPI at /docs) with an in-process render worker; JSON logs.')
    .option('--port <n>', 'port (default VIDEOGEN_PORT or 8080)')
    .option('--host <addr>', 'address to listen on (default 127.0.0.1; 0.0.0.0 exposes it to the network)')
    .option('--no-worker', 'do not render here (separate `videogen worker` processes share the database)')
    .option('--no-scheduler', 'do not fire schedules here (several servers may all run it: each slot still fires once)')
    .option('--concurrency <n>', 'jobs the in-process worker renders at once', '1')
    .action(async (flags: ServeFlags) => (await import('./serve-run.ts')).runServe(flags));
}
