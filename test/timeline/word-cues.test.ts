import { describe, expect, it } from 'vitest';
import { displayWords, groupWords, karaokeCues, wordCues } from '../../src/timeline/word-cues.ts';
import { burnInCues } from '../../src/timeline/burn-cues.ts';
import { planTimeline, SAMPLE_RATE, type SentenceAudio } from '../../src/timeline/index.ts';
import type { CaptionCue } from '../../src/timeline/cues.ts';

/** A sentence cue whose words are spoken one after another, `seconds` each, from `start`. */
function spokenCue(text: string, start: number, seconds = 0.3): CaptionCue {
  const words = text.split(/\s+/).map((w, i) => ({ text: w.replace(/[,.]/g, ''), start: start + i * seconds, end: start + (i + 0.8) * seconds }));
  return { index: 1, scene: 0, start, end: start + words.length * seconds + 0.4, text, words };
}

describe('word cues (2–4 words, timed per word)', () => {
  it('groups English by 2–4 words, breaks after punctuation, never ends a group on an article', () => {
    const cues = wordCues([spokenCue('Promises resolve before the next timer fires, so the order is predictable.', 1)]);
    const texts = cues.map((c) => c.text.replace('\n', ' '));
    expect(texts.join(' ')).toBe('Promises resolve before the next timer fires, so the order is predictable.');
    for (const c of cues) {
      expect(c.words!.length).toBeGreaterThanOrEqual(1);
      expect(c.words!.length).toBeLessThanOrEqual(4);
      expect(c.text.split('\n').length).toBeLessThanOrEqual(2);
      expect(c.text.split('\n').every((l) => l.length <= 18 || !l.includes(' '))).toBe(true);
      expect(/\b(the|a|an)$/i.test(c.text)).toBe(false);
    }
    expect(texts.some((t) => t.endsWith('fires,'))).toBe(true);
  });

  it('times each word from the voice and chains the groups without gaps', () => {
    const sentence = spokenCue('one two three four five six seven', 2, 0.5);
    const cues = wordCues([sentence]);
    expect(cues[0]!.start).toBe(2);
    expect(cues.at(-1)!.end).toBe(sentence.end);
    for (let i = 1; i < cues.length; i++) expect(cues[i]!.start).toBeCloseTo(cues[i - 1]!.end, 9);
    const all = cues.flatMap((c) => c.words!);
    expect(all.map((w) => w.text)).toEqual(['one', 'two', 'three', 'four', 'five', 'six', 'seven']);
    all.forEach((w, i) => expect(w.start).toBeCloseTo(2 + i * 0.5, 6));
  });

  it('spreads words over the cue by their letters when the voice gave no word times', () => {
    const cues = wordCues([{ index: 1, scene: 0, start: 0, end: 2, text: 'aaaa bbbb cccc dddd' }]);
    expect(cues.flatMap((c) => c.words!).map((w) => w.start)).toEqual([0, 0.5, 1, 1.5]);
  });

  it('segments Chinese into words with Intl.Segmenter, ≤ 8 characters a line, punctuation kept on its word', () => {
    const text = '版本控制系统记录文件的变化，让团队可以安全地协作。';
    const words = displayWords(text);
    expect(words.join('')).toBe(text);
    expect(words.some((w) => /^[，。]/.test(w))).toBe(false);
    const cues = wordCues([{ index: 1, scene: 0, start: 0, end: 4, text }]);
    expect(cues.map((c) => c.text.replace('\n', '')).join('')).toBe(text);
    for (const c of cues) for (const line of c.text.split('\n')) expect([...line].length).toBeLessThanOrEqual(8);
    expect(cues.some((c) => c.text.endsWith('，'))).toBe(true);
  });

  it('keeps Arabic words in reading order with their times', () => {
    const text = 'حلقة الأحداث تشغل المهام الجاهزة واحدة تلو الأخرى.';
    const cues = wordCues([spokenCue(text, 0, 0.4)]);
    expect(cues.map((c) => c.text.replace('\n', ' ')).join(' ')).toBe(text);
    const all = cues.flatMap((c) => c.words!);
    for (let i = 1; i < all.length; i++) expect(all[i]!.start).toBeGreaterThan(all[i - 1]!.start);
  });

  it('keeps a short last word with the group before it', () => {
    expect(groupWords(['Thanks', 'for', 'watching', 'now'], false)).toEqual([[0, 1, 2, 3]]);
    expect(groupWords(['Thanks', 'so', 'much', 'for', 'watching'], false).at(-1)!.length).toBeGreaterThan(1);
  });

  it('karaoke keeps the sentence cues and adds timed display words', () => {
    const sentence = spokenCue('Fill the line in as it is said.', 0);
    const [k] = karaokeCues([sentence]);
    expect(k!.text).toBe(sentence.text);
    expect(k!.words!.map((w) => w.text)).toEqual(sentence.text.split(' '));
  });
});

describe('burnInCues and the plan', () => {
  const narration: SentenceAudio[][] = [[{ text: 'Word timings drive the short captions.', samples: 2 * SAMPLE_RATE, words: 'Word timings drive the short captions.'.split(' ').map((w, i) => ({ text: w, start: Math.round(i * 0.33 * SAMPLE_RATE), end: Math.round((i + 0.3) * 0.33 * SAMPLE_RATE) })) }]];
  const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 1 }], narration });

  it("'sentence' returns the plan's cues unchanged; the sentence cues carry the words in video seconds", () => {
    expect(burnInCues(plan, 'sentence')).toBe(plan.cues);
    const words = plan.cues[0]!.words!;
    expect(words.map((w) => w.text)).toEqual('Word timings drive the short captions.'.split(' '));
    const clip = plan.clips[0]!;
    expect(words[1]!.start).toBeCloseTo((clip.offset + Math.round(0.33 * SAMPLE_RATE)) / SAMPLE_RATE, 6);
  });

  it("'words' returns short cues inside the sentence cue's time", () => {
    const cues = burnInCues(plan, 'words');
    expect(cues.length).toBeGreaterThan(1);
    expect(cues[0]!.start).toBe(plan.cues[0]!.start);
    expect(cues.at(-1)!.end).toBe(plan.cues[0]!.end);
    expect(burnInCues(plan, 'karaoke')[0]!.text).toBe(plan.cues[0]!.text);
  });
});
