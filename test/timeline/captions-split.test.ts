import { describe, expect, it } from 'vitest';
import { cueChunks, twoLines } from '../../src/timeline/index.ts';

describe('caption line breaks', () => {
  it('breaks after punctuation and before conjunctions, never after an article', () => {
    expect(twoLines('Microtasks run first, and then the browser renders the page.')).toEqual(['Microtasks run first,', 'and then the browser renders the page.']);
    const lines = twoLines('We will look at the event loop in the browser today')!;
    expect(lines[0]).not.toMatch(/\b(the|a|an)$/i);
  });

  it('splits long sentences into two-line chunks', () => {
    const chunks = cueChunks('x '.repeat(10) + 'a much longer sentence that keeps going and going, well past what two caption lines can hold, so it must be split into several cues.');
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(twoLines(c)).not.toBeNull();
  });

  it('keeps CJK lines to 16 characters', () => {
    const lines = twoLines('事件循环从队列中取出下一个任务并运行它')!;
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(16);
  });
});
