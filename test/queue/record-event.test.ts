import { describe, expect, it } from 'vitest';
import { recordEvent, sequentialRecorder } from '../../src/queue/record-event.ts';
import type { JobQueue } from '../../src/queue/types.ts';
import type { Job, Store } from '../../src/store/types.ts';

/** A store whose appends take ids in call order but finish in reverse (the first one is the slowest), like two pooled connections. */
function slowFirstStore(failOn?: number) {
  let nextId = 1;
  const store = {
    events: {
      append: async (e: { type: string }) => {
        const id = nextId++;
        await new Promise((r) => setTimeout(r, id === 1 ? 40 : 5));
        if (id === failOn) throw new Error('connection dropped');
        return { id, ...e };
      },
    },
  } as unknown as Store;
  const published: number[] = [];
  const queue = { publish: async (p: { eventId: number }) => void published.push(p.eventId) } as unknown as JobQueue;
  return { store, queue, published };
}

const job = { id: 'j1', ownerId: 'u1' } as Job;

describe('job events go out in the order they were stored', () => {
  it('plain recordEvent calls that overlap can publish out of order (the race)', async () => {
    const { store, queue, published } = slowFirstStore();
    await Promise.all([recordEvent(store, queue, job, 'progress', {}), recordEvent(store, queue, job, 'warning', {})]);
    expect(published).toEqual([2, 1]);
  });

  it('a sequential recorder publishes in id order however the calls overlap', async () => {
    const { store, queue, published } = slowFirstStore();
    const record = sequentialRecorder(store, queue);
    await Promise.all([record(job, 'progress', {}), record(job, 'warning', {}), record(job, 'state', { state: 'succeeded' })]);
    expect(published).toEqual([1, 2, 3]);
  });

  it('one failed append is the caller’s failure and does not stall the events after it', async () => {
    const { store, queue, published } = slowFirstStore(2);
    const record = sequentialRecorder(store, queue);
    const results = await Promise.allSettled([record(job, 'progress', {}), record(job, 'warning', {}), record(job, 'state', {})]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(published).toEqual([1, 3]);
  });
});
