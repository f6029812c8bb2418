import { describe, expect, it } from 'vitest';
import { cueChunks, twoLines } from '../../src/timeline/index.ts';

/** Positions where Intl.Segmenter says a word ends: the only places a CJK line or cue may break. */
function wordBoundaries(text: string, locale: string): Set<number> {
  const out = new Set<number>();
  for (const s of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) out.add(s.index + s.segment.length);
  return out;
}

/** Every place in `text` where consecutive pieces meet (lines and chunks); pieces are trimmed, so spaces are skipped. */
function breakOffsets(text: string, pieces: readonly string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const piece of pieces.slice(0, -1)) {
    at = text.indexOf(piece, at) + piece.length;
    out.push(at);
  }
  return out;
}

describe('caption line breaks', () => {
  it('breaks after punctuation and before conjunctions, never after an article', () => {
    expect(twoLines('Microtasks run first, and then the browser renders the page.')).toEqual(['Microtasks run first,', 'and then the browser renders the page.']);
    const lines = twoLines('We will look at the event loop in the browser today')!;
    expect(lines[0]).not.toMatch(/\b(the|a|an)$/i);
  });

  it('splits long sentences into two-line chunks at clause boundaries', () => {
    const chunks = cueChunks('x '.repeat(10) + 'a much longer sentence that keeps going and going, well past what two caption lines can hold, so it must be split into several cues.');
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(twoLines(c)).not.toBeNull();
    const clauses = cueChunks('When the call stack is empty, the event loop takes the oldest task from the macrotask queue, runs it to the end, and then drains every microtask that the task queued before the browser paints again.');
    expect(clauses.length).toBeGreaterThan(1);
    // Each chunk but the last ends a clause (a comma) or stops before a conjunction.
    for (const [i, c] of clauses.slice(0, -1).entries()) expect(`${c} ${clauses[i + 1]}`, c).toMatch(/^.*(?:,| (?=and |then |before |that ))/);
    for (const c of clauses) expect(c.length, c).toBeGreaterThanOrEqual(15);
  });

  it('cuts a URL longer than two lines into line-sized pieces and nothing else', () => {
    const url = `https://example.com/${'very-long-path/'.repeat(8)}`;
    const chunks = cueChunks(`See ${url} for the details.`);
    for (const c of chunks) for (const line of twoLines(c)!) expect(line.length).toBeLessThanOrEqual(42);
    expect(chunks.join('').replace(/\s/g, '')).toBe(`See${url}forthedetails.`);
  });

  it('keeps CJK lines to 16 characters and breaks Chinese only between words', () => {
    const lines = twoLines('事件循环从队列中取出下一个任务并运行它')!;
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(16);
    const zh = 'Git 是一个分布式版本控制系统，它可以跟踪文件的每一次变化，并且让很多人同时在同一个项目上工作而不会互相覆盖。';
    const chunks = cueChunks(zh);
    expect(chunks.length).toBeGreaterThan(1);
    const bounds = wordBoundaries(zh, 'zh');
    for (const at of breakOffsets(zh, chunks)) expect(bounds.has(at), `chunk break at ${at}: ${zh.slice(at - 3, at)}|${zh.slice(at, at + 3)}`).toBe(true);
    for (const chunk of chunks) {
      const split = twoLines(chunk)!;
      for (const l of split) expect([...l].length).toBeLessThanOrEqual(16);
      for (const at of breakOffsets(chunk, split)) expect(wordBoundaries(chunk, 'zh').has(at), `line break in "${chunk}"`).toBe(true);
      expect(split.join('|')).not.toContain('版本控|制');
      expect(split.join('|')).not.toMatch(/\|[，。、]/);
    }
    expect(chunks.join('|')).not.toMatch(/版本控\|制|控制\|系统/);
    // The segmenter's 分布|式 is one word to a reader ("distributed"): a one-character suffix stays with its word.
    expect(chunks.map((c) => twoLines(c)!.join('|')).join('|')).not.toMatch(/分布\|式|文件\|的/);
  });

  it('breaks Japanese only between words, preferably after punctuation or a particle', () => {
    const ja = 'イベントループはキューから次のタスクを取り出して実行し、そのあとでマイクロタスクをすべて処理します。';
    const chunks = cueChunks(ja);
    const bounds = wordBoundaries(ja, 'ja');
    for (const at of breakOffsets(ja, chunks)) expect(bounds.has(at)).toBe(true);
    for (const chunk of chunks) {
      const split = twoLines(chunk)!;
      for (const l of split) expect([...l].length).toBeLessThanOrEqual(16);
      for (const at of breakOffsets(chunk, split)) expect(wordBoundaries(chunk, 'ja').has(at), `line break in "${chunk}"`).toBe(true);
      for (const line of split.slice(0, -1)) expect(line, chunk).toMatch(/(?:[、。はをがにでのとてし]|から|まで)$/);
    }
  });
});
