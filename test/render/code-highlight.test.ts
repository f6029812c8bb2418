import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCodeHighlighter } from '../../src/render/code-highlight.ts';

const CODE = "const { program } = require('commander');\n\nprogram\n  .option('--first')\n  .argument('<string>');\nconst limit = options.first ? 1 : undefined;";

describe('code highlighting', () => {
  afterEach(() => vi.restoreAllMocks());

  it('colours the same code the same way however slow the machine is (no per-line time limit)', async () => {
    const highlighter = await createCodeHighlighter(['js']);
    const calm = highlighter.tokenize(CODE, 'js', '#0d1117');
    // A busy machine, exaggerated: every clock read is a second later than the last. With shiki's default 500 ms limit
    // a line stopped part-way and the rest of it took the colours of wherever the grammar stopped.
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    const busy = highlighter.tokenize(CODE, 'js', '#0d1117');
    expect(busy).toEqual(calm);
    expect(calm[2]).toEqual([expect.objectContaining({ text: 'program' })]);
  });
});
