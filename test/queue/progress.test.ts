import { describe, expect, it } from 'vitest';
import type { RenderEvent } from '../../src/pipeline/events.ts';
import { snapshotOf, type ProgressSnapshot } from '../../src/queue/progress.ts';

/** Folds events as the worker does and returns the progress after each. */
function fold(events: RenderEvent[]): number[] {
  let latest: ProgressSnapshot | undefined;
  const seen: number[] = [];
  for (const event of events) {
    latest = snapshotOf(event, latest) ?? latest;
    seen.push(latest?.progress ?? 0);
  }
  return seen;
}

describe('job progress', () => {
  it('moves through the render stage even though the audio mix starts alongside it', () => {
    // The order renderVideo emits: audio starts, then render, frames report, audio ends mid-render, then mux.
    const progress = fold([
      { type: 'stage', stage: 'voice', status: 'end' },
      { type: 'stage', stage: 'timeline', status: 'end' },
      { type: 'stage', stage: 'audio', status: 'start' },
      { type: 'stage', stage: 'render', status: 'start' },
      { type: 'progress', stage: 'render', done: 50, total: 100 },
      { type: 'stage', stage: 'audio', status: 'end' },
      { type: 'progress', stage: 'render', done: 100, total: 100 },
      { type: 'stage', stage: 'mux', status: 'start' },
    ]);
    const [, timelineEnd, audioStart, renderStart, half, audioEnd, full, mux] = progress;
    expect(audioStart).toBe(timelineEnd);
    expect(renderStart).toBe(timelineEnd);
    expect(half!).toBeGreaterThan(renderStart!);
    expect(audioEnd).toBe(half);
    expect(full!).toBeGreaterThan(half!);
    expect(mux!).toBeGreaterThan(full!);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});
