import { describe, expect, it } from 'vitest';
import { boundaryScores, segmentTranscript } from '../../../src/sources/youtube/segment.ts';
import type { TimedSentence } from '../../../src/sources/youtube/transcript.ts';

/** Sentences spoken back to back, 4 s each, with `pauses` (seconds) before the given sentence indexes. */
function timed(texts: readonly string[], pauses: Record<number, number> = {}): TimedSentence[] {
  let t = 0;
  return texts.map((text, i) => {
    t += pauses[i] ?? 0.3;
    const s = { text, start: t, end: t + 4 };
    t += 4;
    return s;
  });
}

const BREAD = [
  'Sourdough bread starts with a lively starter of flour and water.',
  'Feed the starter every morning so the yeast stays strong.',
  'A strong starter doubles within six hours of feeding the flour.',
  'Mix the starter into the dough with more flour, water and salt.',
  'Fold the dough every half hour so the gluten grows strong.',
  'The dough should feel smooth, airy and a little wobbly.',
  'Shape the dough into a tight ball and let it proof overnight.',
  'Cold proofing the dough in the fridge deepens the sourdough flavour.',
];
const BIKE = [
  'Bicycle chains wear out faster than most riders expect.',
  'Measure chain stretch with a cheap chain checker tool.',
  'A stretched chain grinds down the cassette and the chainrings.',
  'Clean the chain with a degreaser and a stiff brush.',
  'Dry the chain completely before any new lubricant goes on.',
  'Apply one drop of lubricant to each chain roller.',
  'Wipe off the extra lubricant so dirt does not stick to the chain.',
  'A clean chain shifts quietly and lasts thousands of kilometres.',
];

describe('topic segmentation of transcripts (TextTiling-like)', () => {
  it('cuts where the vocabulary changes, with no pause to help', () => {
    const sentences = timed([...BREAD, ...BIKE]);
    const scores = boundaryScores(sentences);
    const best = scores.indexOf(Math.max(...scores));
    expect(best).toBe(BREAD.length - 1);
    const chunks = segmentTranscript(sentences, { minSeconds: 20, maxSeconds: 60 });
    expect(chunks.map((c) => c.sentences.length)).toEqual([BREAD.length, BIKE.length]);
  });

  it('takes long pauses as boundaries inside one topic when a chunk would be too long', () => {
    const sentences = timed([...BREAD, ...BREAD.slice(0, 6)], { 8: 6 });
    const chunks = segmentTranscript(sentences, { minSeconds: 20, maxSeconds: 40 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.end - c.start).toBeLessThanOrEqual(40);
    expect(chunks.some((c) => c.sentences[0] === sentences[8])).toBe(true);
  });

  it('keeps sparse dialogue together rather than making scenes of one line', () => {
    const lines = ['Get him!', 'Come on!', 'Scales?', 'I have failed.', 'You are closer than you know.', 'Scales!', 'Good night, Scales.', 'We are almost done.'];
    const sentences = lines.map((text, i) => ({ text, start: i * 60, end: i * 60 + 2 }));
    const chunks = segmentTranscript(sentences, { minSeconds: 30, maxSeconds: 60 });
    // 22 words in all, eight minutes apart: one passage, not eight scenes of a line each.
    expect(chunks).toHaveLength(1);
  });

  it('a long talk makes at most 12 chunks', () => {
    const sentences = timed(Array.from({ length: 400 }, (_, i) => [...BREAD, ...BIKE][i % 16]!));
    const chunks = segmentTranscript(sentences, { minSeconds: 30, maxSeconds: 60, maxChunks: 12 });
    expect(chunks.length).toBeLessThanOrEqual(13);
    expect(chunks.flatMap((c) => c.sentences)).toEqual(sentences);
  });
});
