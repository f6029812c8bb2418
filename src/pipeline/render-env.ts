/**
 * The allocator settings of a process that renders frames, declared once: bin/videogen.mjs re-executes the one-shot
 * `render` and `create` commands with them, render-in-child.ts gives them to the API's render processes, the benches
 * to theirs, and docs/scale.md tells service managers to give them to workers. Both allocators read them only at
 * process start, which is why they travel as environment variables.
 *
 * - glibc (MALLOC_*): every 1080p frame read back from Skia is an 8 MB buffer; with glibc's defaults each is a fresh
 *   mmap whose pages the kernel must zero (4–9 ms a frame on 2 cores). Keeping them on the heap makes it ~2 ms.
 * - mimalloc (MIMALLOC_PURGE_DELAY), the allocator @napi-rs/canvas's Skia build uses for those buffers: by default it
 *   hands freed memory back to the OS after 10 ms, so the next frame's buffer faults its pages in again. One second
 *   keeps a render's buffers reused while it draws and still returns them once it stops. Measured on deck-12 at 1080p
 *   (2-core machine): the render process's page faults 293–305 k → 224–230 k, system CPU 1.9 s → 1.3–1.4 s; in a
 *   read-back loop 95 → 23 faults a frame.
 */
export const RENDER_PROCESS_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: '134217728',
  MALLOC_TRIM_THRESHOLD_: '1073741824',
  MALLOC_TOP_PAD_: '268435456',
  MIMALLOC_PURGE_DELAY: '1000',
};

/**
 * `env` with every render setting it lacks filled in; a value the caller's environment already has (an operator's
 * tuning) is kept.
 */
export function withRenderProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...RENDER_PROCESS_ENV, ...env };
}

/** True when this process was started with the render allocator settings (no need to re-execute). */
export function hasRenderProcessEnv(env: NodeJS.ProcessEnv): boolean {
  return Object.keys(RENDER_PROCESS_ENV).every((name) => env[name] !== undefined);
}
