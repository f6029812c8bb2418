import { describe, expect, it } from 'vitest';
import { chunkKeywords, chunkNarration, extractKeywords } from '../../src/assets/keywords.ts';

describe('offline keyword extraction', () => {
  it.each([
    ['The harbour fills with fishing boats at dawn.', ['fishing boats', 'harbour', 'dawn']],
    ['The sun illuminates the old stone bridge over the river.', ['stone bridge', 'sun', 'river']],
    ['In 1889, Gustave Eiffel built a tower for the World Fair in Paris.', ['Gustave Eiffel', 'World Fair', 'Paris', 'tower']],
    ['Honeybees visit about two million flowers to make one pound of honey.', ['honeybees', 'flowers', 'pound', 'honey']],
    ['A warm breeze moves through the tall grass while children play in the park.', ['warm breeze', 'tall grass', 'children', 'park']],
    ['The rain falls on the quiet mountain village.', ['quiet mountain village', 'rain']],
  ])('%s', (sentence, expected) => {
    expect(extractKeywords(sentence)).toEqual(expected);
  });

  it('drops stop words, numbers, adverbs, verbs and vague nouns', () => {
    const terms = extractKeywords('Most of us really think that the way things work is simply about 42 reasons.');
    expect(terms).toEqual([]);
    expect(extractKeywords("Let's take a look at how the engine works.")).toEqual(['engine']);
    expect(extractKeywords('The surprising part is what happens next.')).toEqual([]);
    expect(extractKeywords('There is still a question nobody can answer, which is what keeps scientists curious.')).toEqual(['scientists']);
    expect(extractKeywords('Unclench your jaw and soften your hands.')).toEqual(['jaw', 'hands']);
  });

  it('knows verbs after modals, imperatives, possessives and dotted names', () => {
    expect(extractKeywords('A single tree can absorb 22 kilograms of carbon dioxide a year.')).toEqual(['carbon dioxide', 'single tree', 'kilograms']);
    expect(extractKeywords('Close your eyes and take a deep breath.')).toEqual(['deep breath', 'eyes']);
    expect(extractKeywords("Your brain uses 20 percent of your body's energy.")).toEqual(['body energy', 'brain']);
    expect(extractKeywords('Install Node.js first.')).toEqual(['Node.js']);
    expect(extractKeywords('Waves crash against the cliffs as the storm rolls in.')).toEqual(['waves', 'cliffs', 'storm']);
    expect(extractKeywords('Compound interest turns small savings into a fortune over decades.')).toEqual(['compound interest', 'savings', 'fortune', 'decades']);
  });

  it('keeps an -ing word that modifies a noun and drops one that is the verb', () => {
    expect(extractKeywords('Old men sit mending nets.')).toEqual(['mending nets', 'men']);
    expect(extractKeywords('Running water carves the canyon.')).toEqual(['running water', 'canyon']);
    expect(extractKeywords('The kids keep running.')).toEqual(['kids']);
  });

  it('falls back to long words for other languages', () => {
    expect(extractKeywords('Le port se remplit de bateaux de pêche à l’aube.', 'fr')).toContain('bateaux');
  });
});

describe('narration chunks of 4–6 s', () => {
  it('groups short sentences and gives a long one its own clip', () => {
    const chunks = chunkNarration(['a', 'b', 'c', 'd', 'e', 'f'], [2, 2.5, 1.5, 3, 9, 1.5]);
    expect(chunks.map((c) => [c.start, c.end])).toEqual([[0, 2], [2, 4], [4, 6]]);
    expect(chunks.map((c) => c.seconds)).toEqual([4.5, 4.5, 10.5]);
  });

  it('never starts a chunk mid-scene out of order and covers every sentence once', () => {
    const seconds = [1, 7, 0.5, 0.5, 3, 2, 5, 1];
    const chunks = chunkNarration(seconds.map((_, i) => `s${i}`), seconds);
    expect(chunks[0]!.start).toBe(0);
    chunks.forEach((c, i) => i && expect(c.start).toBe(chunks[i - 1]!.end));
    expect(chunks.at(-1)!.end).toBe(seconds.length);
  });

  it('interleaves the sentences’ best terms, first sentence first', () => {
    expect(chunkKeywords(['The harbour fills with fishing boats at dawn.', 'Gulls circle above the lighthouse.'])).toEqual(['fishing boats', 'lighthouse', 'harbour', 'gulls']);
  });
});
