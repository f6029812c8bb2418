import { describe, expect, it } from 'vitest';
import type { SceneInput } from '../../src/spec/index.ts';
import { polishNarration } from '../../src/writing/polish.ts';
import { splitSentences } from '../../src/writing/sentences.ts';
import { isMostlyCode, MAX_SENTENCE_CHARS, speakable } from '../../src/writing/speakable.ts';

/**
 * Text no author writes but documents contain: a pasted blob, a minified line, a run of "a.a.a…". The rewrites used to
 * take minutes on a 200 KB line (quadratic regexes, quadratic sentence splitting); they must now be linear. No timed
 * assertion: the test runner's timeout is the bound, and the times are printed for the record.
 */
const SIZE = 200_000;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
/** Many sentences just under the length cap, each full of the same hostile unit. */
const nearCap = (unit: string) => `X${unit.repeat(Math.floor((MAX_SENTENCE_CHARS - 10) / unit.length))}. `.repeat(Math.ceil(SIZE / MAX_SENTENCE_CHARS));
const UNITS = ['a.', 'a', '_', '@', 'http://', 'a@b.', 'a ', '1.', 'aB', '({', 'a at b.', '(a,', 'a.b_c(d,e)-'];

const cases: [string, string][] = [
  ...UNITS.map((u): [string, string] => [`200 KB line of '${u}'`, fill(u)]),
  ...UNITS.map((u): [string, string] => [`sentences of '${u}' just under the cap`, nearCap(u)]),
  ['40,000 short sentences', 'A a. '.repeat(SIZE / 5)],
  ['200 KB of CJK sentences', '分布式系统。'.repeat(SIZE / 6)],
];

describe('hostile text', () => {
  it.each(cases)('speakable and polishNarration finish on %s', (name, text) => {
    const started = performance.now();
    const spoken = speakable(text);
    const scenes: SceneInput[] = [{ kind: 'title', title: 'Hostile', narration: text }];
    const [polished] = polishNarration(scenes, /CJK/.test(name) ? 'zh' : 'en');
    isMostlyCode(text);
    console.log(`${name}: ${(performance.now() - started).toFixed(0)} ms`);
    // Nothing longer than a sentence can be is read aloud.
    for (const s of splitSentences(spoken)) expect(s.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS + 2);
    expect(typeof (polished!.narration ?? '')).toBe('string');
  });

  it('drops a 200 KB run with no sentence in it and keeps the sentences around it', () => {
    expect(speakable(`This is a normal paragraph about the tool. ${fill('a.')} It works well.`)).toBe('This is a normal paragraph about the tool. It works well.');
  });

  it('still rewrites the addresses and calls the bounded patterns are for', () => {
    expect(speakable('Report issues to security@redis.io, please.')).toBe('Report issues to the e-mail address in the description, please.');
    expect(speakable('Write to tal197 at users.sf.net for help.')).toBe('Write to the e-mail address in the description for help.');
    expect(speakable('Use a redis:// URL when using TLS.')).toBe('Use a redis URL when using TLS.');
    expect(speakable('Call .opts() first.')).toBe('Call the opts method first.');
    expect(speakable('Call cli.version() first.')).toBe('Call version first.');
    expect(isMostlyCode('It holds precondition(x, y) and predicate(x, y).')).toBe(true);
  });
});
