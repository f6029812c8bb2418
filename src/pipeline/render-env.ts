import { setFlagsFromString } from 'node:v8';

/**
 * The allocator settings of a process that renders frames, declared once: bin/videogen.mjs re-executes the one-shot
 * `render` and `create` commands with them, render-in-child.ts gives them to the API's render processes, the benches
 * to theirs, and docs/scale.md tells service managers to give them to workers. Both allocators read them only at
 * process start, which is why they travel as environment variables.
 *
 * - glibc (MALLOC_*): every 1080p frame read back from Skia is an 8 MB buffer; with glibc's defaults each is a fresh
 *   mmap whose pages the kernel must zero (4–9 ms a frame on 2 cores). Keeping them on the heap makes it ~2 ms.
 * - glibc MALLOC_ARENA_MAX=1: one malloc arena for every thread. With an arena per thread, memory that a background
 *   thread allocated and freed stayed resident in that thread's arena where the frames could not reuse it. Measured
 *   at 1080p standard without incremental marking (2-core machine): peak RSS of the 10-minute video 418–448 MB →
 *   386 MB (two arenas: 413 MB), deck-12 ~412 → 387 MB; wall and ffmpeg CPU unchanged (ffmpeg inherits it).
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
  MALLOC_ARENA_MAX: '1',
  MIMALLOC_PURGE_DELAY: '1000',
};

/**
 * The Node flags of a process that renders frames, declared once like the allocator settings above (the same users).
 *
 * - `--expose-gc`: collectPixelGarbage (src/media/canvas.ts) collects dropped 8 MB pixel buffers every few pictures.
 * - `--no-incremental-marking`: every read-back is an 8 MB buffer V8 counts as external memory, and each 64 MB of it
 *   started an incremental full collection: ~100 on deck-12, each slowing the drawing code with marking barriers and
 *   steps for tens of milliseconds. Without it V8 makes one atomic full collection when external memory has grown
 *   that much (13–16 on deck-12, ~20 ms each). Measured at 1080p standard on the 2-core machine, same build, with
 *   and without the flag: deck-12 (3 A/B pairs) Node CPU 6.2–6.5 s → 3.9–4.3 s, wall 9.1–9.3 s → 7.7–8.2 s; the
 *   10-minute video 86 s → 68–71 s. The price is memory: a promoted buffer now waits for that atomic collection, so
 *   peak RSS rose ~30 MB (deck-12 376–379 → 411–412 MB, 10 minutes 391 → 418–448 MB; MALLOC_ARENA_MAX above took it
 *   back). Collecting fully more often gives memory back only at incremental marking's CPU cost (a full collection
 *   every 6 pictures: 389 MB, +0.9 s). Since read-backs are copied into pooled buffers at once (pixel-pool.ts), they
 *   die young instead, and that price is gone: 4–5 full collections on deck-12, peak RSS 314–339 MB.
 */
export const RENDER_PROCESS_FLAGS: readonly string[] = ['--expose-gc', '--no-incremental-marking'];

/** The one of RENDER_PROCESS_FLAGS that V8 still honours when set after start (applyRenderGcFlags). */
const RUNTIME_SETTABLE_FLAG = RENDER_PROCESS_FLAGS[1]!;

/**
 * For a process that renders in-process but was not started with RENDER_PROCESS_FLAGS (a `videogen worker` taking
 * segment tasks): V8 reads the incremental-marking flag at every collection, so it can still be turned off here.
 * `--expose-gc` cannot be given after start; without it V8's own schedule collects the pixel buffers.
 */
export function applyRenderGcFlags(): void {
  setFlagsFromString(RUNTIME_SETTABLE_FLAG);
}

/** The RENDER_PROCESS_FLAGS a process started with `execArgv` lacks. */
export function missingRenderProcessFlags(execArgv: readonly string[]): string[] {
  return RENDER_PROCESS_FLAGS.filter((flag) => !execArgv.includes(flag));
}

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
