/**
 * The render process: started by renderVideoInChild (src/pipeline/render-in-child.ts) with an IPC channel, renders
 * one video, reports its events, its result or its error, and exits, so every byte it used goes back to the system.
 */
import { llmFromConfig } from '../writing/llm/registry.ts';
import { renderVideo } from './render-video.ts';
import { serializeError, uploadsFrom, type FromChild, type ToChild } from './render-protocol.ts';

/** How long a child whose parent vanished may spend cleaning up (killing ffmpeg, removing work files). */
const ORPHAN_EXIT_MS = 5_000;

if (!process.send) {
  process.stderr.write('render-child.ts is started by the pipeline (renderVideoInChild), not by hand\n');
  process.exit(2);
}

const controller = new AbortController();
let started = false;

const send = (message: FromChild): Promise<void> =>
  new Promise((resolve) => {
    if (!process.connected) return resolve();
    process.send!(message, undefined, {}, () => resolve());
  });

// Only the parent decides when a render stops: a terminal's Ctrl-C reaches the parent, which cancels us properly.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => controller.abort(new Error('render process terminated')));
// The parent died (even by SIGKILL): stop at once rather than render for nobody.
process.on('disconnect', () => {
  controller.abort(new Error('the process that started this render is gone'));
  setTimeout(() => process.exit(1), ORPHAN_EXIT_MS).unref();
});

process.on('message', (message: ToChild) => {
  if (message.type === 'cancel') controller.abort(new Error('render cancelled'));
  else if (message.type === 'start' && !started) {
    started = true;
    void run(message);
  }
});

async function run(message: Extract<ToChild, { type: 'start' }>): Promise<void> {
  let outcome: FromChild;
  try {
    const { uploadPaths, fanout, ...options } = message.options;
    // A fanned-out render's segments go to every worker over BullMQ; only such renders load the queue code.
    const distribute = fanout ? (await import('../queue/segment-fanout.ts')).createSegmentDistributor(message.config, fanout) : undefined;
    // Providers are objects, not data: the child builds the language model (b-roll search terms) from the config.
    const llm = llmFromConfig(message.config.llm);
    const result = await renderVideo(message.spec, {
      ...options,
      ...(uploadPaths ? { uploads: uploadsFrom(uploadPaths) } : {}),
      ...(llm ? { llm } : {}),
      ...(distribute ? { distribute } : {}),
      config: message.config,
      signal: controller.signal,
      onEvent: (event) => {
        if (process.connected) process.send!({ type: 'event', event } satisfies FromChild);
      },
    });
    outcome = { type: 'done', result };
  } catch (error) {
    outcome = { type: 'error', error: serializeError(error) };
  }
  await send(outcome);
  // Explicit: caches and pools (fonts, highlighter, TTS) may hold handles open, and this process has no more work. A
  // failed render exits 1, so the parent also ends what the failure left running (another segment's ffmpeg).
  process.exit(outcome.type === 'error' ? 1 : 0);
}
