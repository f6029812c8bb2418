import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nothingToTranslate, protectText, restoreText, termsFor } from '../../../src/writing/translate/protect.ts';
import type { Glossary } from '../../../src/writing/translate/types.ts';

const glossary: Glossary = { terms: { 'event loop': { es: 'bucle de eventos', de: 'Event Loop' }, 'call stack': { es: 'pila de llamadas' } }, keep: ['Node', 'Promise'] };
const spansOf = (text: string, to = 'es') => protectText(text, { glossary, to }).spans;

describe('protectText', () => {
  it('protects code, URLs, e-mail, paths, identifiers, flags and numbers, and leaves prose alone', () => {
    expect(spansOf('Run `npm test` or ```sh\nnpm ci\n``` first.')).toEqual(['`npm test`', '```sh\nnpm ci\n```']);
    expect(spansOf('See https://example.com/a?b=1. Or (www.example.org), mail me@example.org.')).toEqual(['https://example.com/a?b=1', 'www.example.org', 'me@example.org']);
    expect(spansOf('Open ./src/index.ts, src/writing/x.ts, ~/notes and /usr/bin/apertium.')).toEqual(['./src/index.ts', 'src/writing/x.ts', '~/notes', '/usr/bin/apertium']);
    expect(spansOf('Call queueMicrotask() or console.log("hi"); setTimeout, snake_case, DEEPL_API_KEY, $HOME, JavaScript, H264.')).toEqual([
      'queueMicrotask()', 'console.log("hi")', 'setTimeout', 'snake_case', 'DEEPL_API_KEY', '$HOME', 'JavaScript', 'H264',
    ]);
    expect(spansOf('Pass --force, --out=dir or -v to v1.2.3 of package.json for I/O and CI/CD.')).toEqual(['--force', '--out=dir', '-v', 'v1.2.3', 'package.json', 'I/O', 'CI/CD']);
    expect(spansOf('42% of 1,000.5 items in 2026 at 10:30, 3.14 and 1080p at 60fps.')).toEqual(['42%', '1,000.5', '2026', '10:30', '3.14', '1080p', '60fps']);
    expect(spansOf('The 2nd well-known e.g. case, and/or the U.S. one.')).toEqual([]);
  });

  it('pins glossary terms (case-insensitive, whole words, longest first) and keeps keep-words', () => {
    const p = protectText('The Event  Loop empties the call stack; Node.js and Node keep each Promise. No eventloops.', { glossary, to: 'es' });
    expect(p.spans).toEqual(['bucle de eventos', 'pila de llamadas', 'Node.js', 'Node', 'Promise']);
    expect(p.text).toBe('The ⟦0⟧ empties the ⟦1⟧; ⟦2⟧ and ⟦3⟧ keep each ⟦4⟧. No eventloops.');
    // A target without a pinned translation lets the provider translate the term.
    expect(protectText('the call stack', { glossary, to: 'de' }).spans).toEqual([]);
    expect(protectText('the event loop', { glossary, to: 'de-AT' }).spans).toEqual(['Event Loop']);
  });

  it('round-trips hostile text exactly, including text that already looks like placeholders', () => {
    const hostile = ['⟦0⟧ ⟦ 12 ⟧ ⟦and⟧ ⟦ ⟧⟧⟦', '``a ` b`` `` ``` unclosed', '<x>⟦1⟧</x> &amp; ⟦§⟧', '\u202eevil\u202c `rm -rf /`', 'العربية 123 中文2026年', ''];
    for (const text of hostile) {
      const p = protectText(text, { glossary, to: 'es' });
      expect(restoreText(p.text, p.spans)).toEqual({ text, missing: [], duplicated: [], unknown: [] });
    }
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '`', '⟦', '⟧', '1', '.', '/', '-', '_', 'é', '中', '\n', '0', ',', '%', 'x', '(', ')', 'event loop', 'Node', ':', '@') }), (text) => {
        const p = protectText(text, { glossary, to: 'es' });
        const restored = restoreText(p.text, p.spans);
        // Glossary terms come back as their translation; everything else exactly.
        if (!/event\s+loop/i.test(text)) expect(restored.text).toBe(text);
        expect(restored.missing).toEqual([]);
        expect(restored.duplicated).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on long hostile runs and a large glossary (no catastrophic backtracking)', () => {
    const big: Glossary = { terms: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`term${i} word`, { es: `t${i}` }])), keep: Array.from({ length: 1000 }, (_, i) => `keep${i}`) };
    const runs = ['a.'.repeat(10_000), '`'.repeat(20_000), 'a_'.repeat(10_000), '1,'.repeat(10_000), 'a/'.repeat(10_000), `http://a${'.,'.repeat(9_990)}`, '⟦'.repeat(20_000), 'f('.repeat(10_000), 'a@'.repeat(10_000), '--a'.repeat(6_000), Array.from({ length: 2000 }, (_, i) => `term${i} word`).join(' ').slice(0, 20_000)];
    for (const text of runs) {
      const p = protectText(text, { glossary: big, to: 'es' });
      expect(restoreText(p.text, p.spans).missing).toEqual([]);
    }
  });
});

describe('restoreText', () => {
  it('reports missing, duplicated and invented placeholders and tolerates spaces inside the brackets', () => {
    const spans = ['`a`', '42'];
    expect(restoreText('x ⟦ 1 ⟧ ⟦0⟧', spans)).toEqual({ text: 'x 42 `a`', missing: [], duplicated: [], unknown: [] });
    expect(restoreText('x ⟦1⟧ ⟦1⟧ ⟦7⟧', spans)).toEqual({ text: 'x 42 42 ⟦7⟧', missing: [0], duplicated: [1], unknown: [7] });
  });

  it('knows when nothing is left to translate', () => {
    expect(nothingToTranslate('⟦0⟧ ⟦1⟧ — 42!')).toBe(true);
    expect(nothingToTranslate('Run ⟦0⟧')).toBe(false);
  });
});

describe('termsFor', () => {
  it('takes the exact tag, then the plain language, then any variant — never a sibling variant over the plain one', () => {
    const glossary: Glossary = { terms: { 'event loop': { 'pt-PT': 'ciclo de eventos', pt: 'loop de eventos' }, queue: { 'pt-PT': 'fila' } }, keep: [] };
    expect(termsFor(glossary, 'pt-BR')).toEqual({ 'event loop': 'loop de eventos', queue: 'fila' });
    expect(termsFor(glossary, 'pt-PT')).toEqual({ 'event loop': 'ciclo de eventos', queue: 'fila' });
  });
});
