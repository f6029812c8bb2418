import { describe, expect, it } from 'vitest';
import { narrationFor, spokenList, templateNarration } from '../../src/writing/templates.ts';
import { splitSentences } from '../../src/writing/sentences.ts';
import { loadExample } from '../render/helpers.ts';

describe('template narration', () => {
  it('writes grammatical sentences for every scene kind of the example', () => {
    const spec = loadExample();
    for (const scene of spec.scenes) {
      const text = templateNarration(scene);
      expect(text.length, scene.kind).toBeGreaterThan(10);
      expect(text, scene.kind).toMatch(/[.!?]$/);
      expect(text, scene.kind).not.toMatch(/\.\.|\s[,.]|undefined|\[object/);
      for (const sentence of splitSentences(text)) expect(sentence.charAt(0), `${scene.kind}: ${sentence}`).toMatch(/[A-Z"“]/);
    }
  });

  it('prefers the author’s narration', () => {
    expect(narrationFor({ kind: 'title', title: 'T', narration: 'Mine.', minDuration: 3 } as never)).toBe('Mine.');
  });

  it('joins lists the way people speak them', () => {
    expect(spokenList(['a'])).toBe('a');
    expect(spokenList(['a.', 'b'])).toBe('a and b');
    expect(spokenList(['a', 'b', 'c'], 'or')).toBe('a, b, or c');
  });

  it('splits narration into sentences, keeping abbreviations whole', () => {
    expect(splitSentences('First one. Second, e.g. this one! Third?')).toEqual(['First one.', 'Second, e.g. this one!', 'Third?']);
  });
});
