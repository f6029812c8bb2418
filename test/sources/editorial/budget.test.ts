import { describe, expect, it } from 'vitest';
import { condenseSection } from '../../../src/sources/document/editorial/condense.ts';
import { estimateSceneSeconds, estimateVideoSeconds, WORDS_PER_SECOND } from '../../../src/sources/document/editorial/estimate.ts';
import { fitToBudget } from '../../../src/sources/document/editorial/fit.ts';
import { planDocument } from '../../../src/sources/document/editorial/plan.ts';
import { rankSections } from '../../../src/sources/document/editorial/rank.ts';
import type { DocBlock, DocSection } from '../../../src/sources/document/model.ts';
import { splitSections } from '../../../src/sources/document/split.ts';
import { LEAD_IN_SECONDS, SENTENCE_PAUSE_SECONDS, TAIL_SECONDS, TRANSITION_SECONDS } from '../../../src/timeline/constants.ts';

const at = { start: 1, end: 1 };
const p = (text: string): DocBlock => ({ type: 'paragraph', text, lines: at });
const code = (lines: number, language = 'js'): DocBlock => ({ type: 'code', language, code: Array.from({ length: lines }, (_, i) => (i % 5 === 4 ? '' : `call(${i});`)).join('\n'), lines: at });
const list = (n: number): DocBlock => ({ type: 'list', ordered: false, items: Array.from({ length: n }, (_, i) => ({ text: `Item ${i + 1}` })), lines: at });
const section = (heading: string, blocks: DocBlock[], depth = 2): DocSection => ({ heading, depth, lines: at, blocks });

describe('estimate', () => {
  it('follows planTimeline: lead-in, words at the measured rate, pauses between sentences, tail or transition, minDuration', () => {
    const words = 'One two three four five six seven eight nine ten';
    const narration = `${words}. ${words}.`;
    const expected = LEAD_IN_SECONDS + 20 / WORDS_PER_SECOND + SENTENCE_PAUSE_SECONDS + Math.max(TAIL_SECONDS, TRANSITION_SECONDS);
    expect(estimateSceneSeconds({ kind: 'title', title: 'T', narration })).toBeCloseTo(expected, 5);
    expect(estimateSceneSeconds({ kind: 'title', title: 'T', narration }, 'en', true)).toBeCloseTo(expected - Math.max(TAIL_SECONDS, TRANSITION_SECONDS) + TAIL_SECONDS, 5);
    expect(estimateSceneSeconds({ kind: 'title', title: 'T', narration: 'Hi.', minDuration: 9 })).toBe(9);
    expect(estimateVideoSeconds([{ kind: 'title', title: 'T', narration: 'Hi.' }])).toBe(3); // the spec's default minDuration
  });
});

describe('condense', () => {
  const long = section('Usage', [p('First.'), p('Second.'), p('Third, introducing the code.'), code(30), p('Between.'), list(10), p('More.'), code(4), p('Trailing.')]);

  it('level 1 keeps one paragraph per run, two visuals, one screen of items and marks cut code', () => {
    const c = condenseSection(long, 1);
    expect(c.blocks.map((b) => b.type)).toEqual(['paragraph', 'code', 'paragraph', 'list']);
    expect(c.blocks[0]).toMatchObject({ text: 'First.' });
    const cut = c.blocks[1] as Extract<DocBlock, { type: 'code' }>;
    expect(cut.code.split('\n').length).toBeLessThanOrEqual(13);
    expect(cut.code.split('\n').at(-1)).toBe('// …');
    expect((c.blocks[3] as Extract<DocBlock, { type: 'list' }>).items).toHaveLength(6);
  });

  it('level 2 keeps the first visual and the paragraph that introduces it', () => {
    const c = condenseSection(long, 2);
    expect(c.blocks.map((b) => b.type)).toEqual(['paragraph', 'code']);
    expect(c.blocks[0]).toMatchObject({ text: 'Third, introducing the code.' });
    expect((c.blocks[1] as Extract<DocBlock, { type: 'code' }>).code.split('\n').length).toBeLessThanOrEqual(9);
  });

  it('marks cut shell code with a shell comment', () => {
    const c = condenseSection(section('Install', [code(30, 'bash')]), 1);
    expect((c.blocks[0] as Extract<DocBlock, { type: 'code' }>).code.split('\n').at(-1)).toBe('# …');
  });
});

describe('rank', () => {
  it('puts getting started and code above running the tests, and early chapters above late details', () => {
    const sections = [section('Install', [code(3, 'bash')]), section('Usage', [p('Use it.'), code(8)]), section('Details', [p('Deep.')], 3), section('Running tests', [code(3, 'bash')])];
    const [install, usage, details, tests] = rankSections(sections);
    expect(install).toBeGreaterThan(tests!);
    expect(usage).toBeGreaterThan(details!);
    expect(rankSections([section('Empty', [])])).toEqual([0]);
  });
});

describe('fit', () => {
  it('keeps everything when it fits, else the best value per second within the budget', () => {
    expect(fitToBudget([{ rank: 1, seconds: [10, 8, 5] }, { rank: 1, seconds: [10, 8, 5] }], 30)).toEqual([0, 0]);
    const fit = fitToBudget([{ rank: 1, seconds: [60, 30, 10] }, { rank: 0.2, seconds: [60, 30, 10] }, { rank: 0.9, seconds: [20, 15, 10] }], 50);
    const used = fit.reduce<number>((n, level, i) => n + (level === undefined ? 0 : [[60, 30, 10], [60, 30, 10], [20, 15, 10]][i]![level]!), 0);
    expect(used).toBeLessThanOrEqual(50);
    expect(fit[0]).not.toBeUndefined();
    expect(fit[2]).not.toBeUndefined();
  });
});

describe('split', () => {
  it('balances videos by seconds and prefers cutting between chapters', () => {
    const s = [section('A', [p('a')], 2), section('A1', [p('a')], 3), section('B', [p('b')], 2), section('B1', [p('b')], 3), section('C', [p('c')], 2)];
    const groups = splitSections(s, [50, 50, 50, 50, 100], 3);
    expect(groups.map((g) => g.map((x) => x.heading))).toEqual([['A', 'A1'], ['B', 'B1'], ['C']]);
  });

  it('never leaves an empty heading at the end of a video', () => {
    const s = [section('A', [p('a')]), section('Quick start', [], 1), section('B', [p('b')])];
    const groups = splitSections(s, [100, 0, 100], 2);
    expect(groups.map((g) => g.map((x) => x.heading))).toEqual([['A'], ['Quick start', 'B']]);
  });
});

describe('planDocument', () => {
  const sections = Array.from({ length: 12 }, (_, i) => section(`Topic ${i + 1}`, [p(`About topic ${i + 1}.`), code(20)]));
  // 40 s whole, 25 s condensed, 12 s in essence, whatever the section.
  const measure = (s: DocSection) => (s.blocks.length === 2 && (s.blocks[1] as { code?: string }).code!.split('\n').length > 13 ? 40 : s.blocks.some((b) => b.type === 'code' && b.code.split('\n').length <= 9) ? 12 : 25);

  it('condenses one video to the budget and says how many --videos auto would make', () => {
    const plan = planDocument(sections, 'Doc', measure, { budget: 180, overhead: 20 });
    expect(plan.videos).toHaveLength(1);
    expect(plan.videos[0]!.seconds).toBeLessThanOrEqual(160);
    expect(plan.videos[0]!.dropped.length + plan.videos[0]!.condensed.length).toBeGreaterThan(0);
    expect(plan.autoVideos).toBe(Math.ceil((12 * 25) / 160));
  });

  it('splits into a balanced set with --videos auto', () => {
    const plan = planDocument(sections, 'Doc', measure, { budget: 180, overhead: 20, videos: 'auto' });
    expect(plan.videos.length).toBe(plan.autoVideos);
    const lengths = plan.videos.map((v) => v.seconds + 20);
    expect(Math.max(...lengths) / Math.min(...lengths)).toBeLessThanOrEqual(1.3);
    for (const l of lengths) expect(l).toBeLessThanOrEqual(180);
  });

  it('keeps a short document whole', () => {
    const plan = planDocument(sections.slice(0, 2), 'Doc', measure, { budget: 180, overhead: 20, videos: 'auto' });
    expect(plan.videos).toHaveLength(1);
    expect(plan.videos[0]!.dropped).toEqual([]);
    expect(plan.videos[0]!.condensed).toEqual([]);
  });
});
