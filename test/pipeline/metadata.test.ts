import { describe, expect, it } from 'vitest';
import { buildMetadata, cutAtWord, tagsLength } from '../../src/pipeline/metadata.ts';
import { formatCredits } from '../../src/assets/credits.ts';
import { shortFromTopic } from '../../src/sources/short/index.ts';
import { validateSpec, type VideoSpec } from '../../src/spec/index.ts';

function spec(input: Record<string, unknown>): VideoSpec {
  const r = validateSpec(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const CREDITS = [{ provider: 'pexels', title: 'Octopus in a reef', author: 'Jane Diver', sourceUrl: 'https://www.pexels.com/video/1/', license: 'Pexels License' }];

describe('metadata.json', () => {
  it('cuts a long title at a word to at most 100 characters', () => {
    const long = 'An extraordinarily long title about the many surprising ways octopuses solve puzzles, open jars and escape aquariums at night';
    const m = buildMetadata({ spec: spec({ id: 'x', title: long, scenes: [{ kind: 'title', title: 'Hi', narration: 'Hello there.' }] }), narration: ['Hello there.'], chapters: { text: '0:00 Hi\n', count: 1 }, credits: [] });
    expect(m.title.length).toBeLessThanOrEqual(100);
    expect(long.startsWith(m.title.replace(/…$/, ''))).toBe(true);
    expect(m.title).toMatch(/\w…$/);
    expect(cutAtWord('short', 100)).toBe('short');
  });

  it('describes a Short with its first narration, credits and #Shorts; tags fit 500 characters counted the YouTube way', async () => {
    const { spec: short } = await shortFromTopic('Why octopuses are smart', undefined, {});
    const narration = short.scenes.map((s) => s.narration!);
    const m = buildMetadata({ spec: short, narration, chapters: { text: '0:00 Hook\n', count: 1 }, credits: CREDITS, creditsText: formatCredits(CREDITS) });
    expect(m.description.startsWith(short.description!)).toBe(true);
    expect(m.description).toContain('Credits:\nFootage: "Octopus in a reef" by Jane Diver');
    expect(m.description).toContain('https://www.pexels.com/video/1/');
    expect(m.description).toContain('#Shorts');
    expect(m.description).not.toContain('Chapters:');
    expect(m).toMatchObject({ language: 'en', madeForKids: false, containsSyntheticMedia: true, short: true, category: 'Education', categoryId: '27' });
    expect(m.tags).toEqual(expect.arrayContaining(['facts', 'shorts', 'octopuses']));
    expect(tagsLength(m.tags)).toBeLessThanOrEqual(500);
  });

  it('lists chapters from three on and keeps tags under 500 even for a very wordy video', () => {
    const words = Array.from({ length: 400 }, (_, i) => `keyword${i}alpha`).join(' ');
    const s = spec({ id: 'y', title: 'Chapters and tags', description: 'About everything.', scenes: [{ kind: 'title', title: 'Start', narration: `${words}.` }] });
    const chapters = { text: '0:00 Start\n0:15 Middle\n0:40 End\n', count: 3 };
    const m = buildMetadata({ spec: s, narration: [`${words}.`, `${words}.`], chapters, credits: [] });
    expect(m.description).toContain('Chapters:\n0:00 Start\n0:15 Middle\n0:40 End');
    expect(tagsLength(m.tags)).toBeLessThanOrEqual(500);
    expect(m.tags.length).toBeGreaterThan(3);
    expect(tagsLength(['a b', 'cd'])).toBe(5 + 1 + 2);
    expect(Buffer.byteLength(m.description)).toBeLessThanOrEqual(5000);
  });
});
