import { parentPort } from 'node:worker_threads';
import { isVideogenError } from '../../errors.ts';
import { modelOf, type ParseTask } from './models.ts';

/**
 * Worker-thread side of parse-in-worker.ts: one task per worker. Errors cross as plain data (code, message,
 * details); anything that is not a VideogenError is reported by message only, the stack stays here.
 */
export type WorkerReply = { ok: true; model: unknown; warnings: string[] } | { ok: false; code?: string; message: string; details?: unknown };

parentPort!.once('message', (task: ParseTask) => {
  modelOf(task).then(
    (parsed) => parentPort!.postMessage({ ok: true, model: parsed.model, warnings: parsed.warnings } satisfies WorkerReply),
    (error: unknown) => {
      const reply: WorkerReply = isVideogenError(error) ? { ok: false, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } : { ok: false, message: (error as Error)?.message ?? String(error) };
      parentPort!.postMessage(reply);
    },
  );
});
