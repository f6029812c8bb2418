import type { RenderEvent, StageName } from '../pipeline/events.ts';

/** Share of a typical render's wall time per stage, so one 0..1 progress moves steadily through all of them. */
const WEIGHTS: Record<StageName, number> = { media: 0.04, layout: 0.02, voice: 0.14, timeline: 0.01, render: 0.6, audio: 0.08, mux: 0.07, outputs: 0.04 };
const ORDER = Object.keys(WEIGHTS) as StageName[];

export interface ProgressSnapshot {
  /** A render stage, or a publish step (upload, captions, thumbnail, playlist). */
  stage: StageName | 'upload' | 'captions' | 'thumbnail' | 'playlist' | 'waiting';
  /** Whole job, 0..1. */
  progress: number;
  done?: number;
  total?: number;
  fps?: number;
  etaSeconds?: number;
  /** Publish jobs: bytes the platform confirmed, of the file's size. */
  bytesSent?: number;
  bytesTotal?: number;
  /** Multilingual renders: the language being made. */
  language?: string;
}

export function overallProgress(stage: StageName, fraction: number): number {
  const before = ORDER.slice(0, ORDER.indexOf(stage)).reduce((sum, s) => sum + WEIGHTS[s], 0);
  return Math.min(1, before + WEIGHTS[stage] * Math.min(1, Math.max(0, fraction)));
}

/** Folds pipeline events into the latest snapshot; undefined for events that carry no progress. */
export function snapshotOf(event: RenderEvent, previous: ProgressSnapshot | undefined): ProgressSnapshot | undefined {
  // The audio mix runs while the frames render (src/pipeline/render-video.ts): its start would put the bar at the end
  // of 'render' before the first frame, and the never-backwards rule would hold it there. Its share is counted once
  // 'mux' starts.
  if ((event.type === 'stage' || event.type === 'progress') && event.stage === 'audio') return undefined;
  let next: ProgressSnapshot;
  if (event.type === 'stage') next = { stage: event.stage, progress: overallProgress(event.stage, event.status === 'end' ? 1 : 0) };
  else if (event.type === 'progress')
    next = {
      stage: event.stage,
      progress: overallProgress(event.stage, event.total > 0 ? event.done / event.total : 1),
      done: event.done,
      total: event.total,
      ...(event.fps !== undefined ? { fps: Math.round(event.fps * 10) / 10 } : {}),
      ...(event.etaSeconds !== undefined ? { etaSeconds: Math.round(event.etaSeconds) } : {}),
    };
  else return undefined;
  // Never move backwards: a bar that jumps back reads as a bug.
  return { ...next, progress: Math.max(next.progress, previous?.progress ?? 0) };
}

/**
 * Writes at most one snapshot per `intervalMs` (the latest; intermediate ones are dropped), writes serialised.
 * With 500 ms and two statements per write the database sees ≤ 4 progress writes a second per job.
 */
export class ProgressThrottle {
  #latest: ProgressSnapshot | undefined;
  #dirty = false;
  #lastWrite = 0;
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(
    private readonly write: (snapshot: ProgressSnapshot) => Promise<void>,
    private readonly intervalMs = 500,
  ) {}

  get latest(): ProgressSnapshot | undefined {
    return this.#latest;
  }

  update(snapshot: ProgressSnapshot): void {
    if (this.#stopped) return;
    this.#latest = snapshot;
    this.#dirty = true;
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastWrite + this.intervalMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#writeNow();
    }, wait);
  }

  #writeNow(): void {
    if (!this.#dirty || !this.#latest || this.#stopped) return;
    const snapshot = this.#latest;
    this.#dirty = false;
    this.#lastWrite = Date.now();
    // A failed progress write is not worth failing the render for; the next one will carry newer numbers.
    this.#chain = this.#chain.then(() => this.write(snapshot)).catch(() => undefined);
  }

  /** Writes what is pending now and waits for every write to land. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writeNow();
    await this.#chain;
  }

  /** Drops anything pending; waits for a write in flight, so no progress event lands after the final state. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#chain;
  }
}
