/** What a running render reports. The CLI draws a progress bar from these; the server forwards them over SSE. */
export type StageName = 'media' | 'layout' | 'voice' | 'timeline' | 'render' | 'audio' | 'mux' | 'outputs';

export type RenderEvent = (
  | { type: 'stage'; stage: StageName; status: 'start' | 'end'; ms?: number }
  | { type: 'progress'; stage: StageName; done: number; total: number; scene?: string; fps?: number; etaSeconds?: number }
  | { type: 'warning'; message: string }
  | { type: 'done'; outputDir: string; files: Record<string, string>; seconds: number }
) & {
  /** Set by a multilingual render (renderLanguages): which language's render this event belongs to. */
  language?: string;
};

export type RenderListener = (event: RenderEvent) => void;

/** Runs one stage, timing it and reporting start and end. */
export async function stage<T>(name: StageName, emit: RenderListener, timings: Record<string, number>, work: () => Promise<T> | T): Promise<T> {
  emit({ type: 'stage', stage: name, status: 'start' });
  const started = performance.now();
  const result = await work();
  const ms = Math.round(performance.now() - started);
  timings[name] = (timings[name] ?? 0) + ms;
  emit({ type: 'stage', stage: name, status: 'end', ms });
  return result;
}
