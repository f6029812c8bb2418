import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGlossary, parseGlossary } from '../../../src/writing/translate/glossary.ts';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'glossary-test-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const problemOf = (value: unknown) => {
  try {
    parseGlossary(value);
  } catch (error) {
    return { code: (error as { code?: string }).code, problems: (error as { details?: { problems?: { path: string; message: string }[] } }).details?.problems };
  }
  throw new Error('expected SPEC_INVALID');
};

describe('glossary', () => {
  it('reads YAML and JSON files, trimming words and defaulting missing parts', async () => {
    await writeFile(join(dir, 'terms.yaml'), 'terms:\n  "event loop": { es: bucle de eventos, de: Event Loop }\nkeep: [ JavaScript, " queueMicrotask " ]\n');
    expect(await loadGlossary(join(dir, 'terms.yaml'))).toEqual({ terms: { 'event loop': { es: 'bucle de eventos', de: 'Event Loop' } }, keep: ['JavaScript', 'queueMicrotask'] });
    await writeFile(join(dir, 'terms.json'), JSON.stringify({ keep: ['Node.js'] }));
    expect(await loadGlossary(join(dir, 'terms.json'))).toEqual({ terms: {}, keep: ['Node.js'] });
    expect(parseGlossary(undefined)).toEqual({ terms: {}, keep: [] });
  });

  it('names the field path of every problem', () => {
    expect(problemOf({ terms: { 'event loop': { es: '' } } })).toEqual({ code: 'SPEC_INVALID', problems: [{ path: 'glossary.terms."event loop".es', message: 'must not be empty' }] });
    expect(problemOf({ terms: { 'event loop': { 'e s': 'x' } } }).problems![0]).toEqual({ path: 'glossary.terms."event loop"."e s"', message: expect.stringContaining('language tag') });
    expect(problemOf({ terms: { queue: 'cola' } }).problems![0]!.path).toBe('glossary.terms.queue');
    expect(problemOf({ keep: ['ok', 7] }).problems![0]!.path).toBe('glossary.keep[1]');
    expect(problemOf({ keep: ['a ⟦0⟧'] }).problems![0]).toEqual({ path: 'glossary.keep[0]', message: expect.stringContaining('⟦') });
    expect(problemOf({ kep: [] }).problems![0]).toEqual({ path: 'glossary.kep', message: expect.stringContaining('unknown field') });
    expect(problemOf({ keep: ['x'.repeat(201)] }).problems![0]!.message).toMatch(/at most 200/);
    expect(problemOf({ keep: Array.from({ length: 5001 }, (_, i) => `w${i}`) }).problems![0]!.message).toMatch(/at most 5000/);
    expect(problemOf([]).problems![0]!.path).toBe('glossary');
  });

  it('refuses oversized, unreadable and alias-bomb files', async () => {
    await writeFile(join(dir, 'big.yaml'), `keep: [${'a,'.repeat(600_000)}]`);
    await expect(loadGlossary(join(dir, 'big.yaml'))).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(loadGlossary(join(dir, 'missing.yaml'))).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
    await writeFile(join(dir, 'bad.yaml'), 'terms: {a: [\n');
    await expect(loadGlossary(join(dir, 'bad.yaml'))).rejects.toMatchObject({ code: 'SPEC_UNREADABLE' });
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    await writeFile(join(dir, 'bomb.yaml'), bomb);
    await expect(loadGlossary(join(dir, 'bomb.yaml'))).rejects.toMatchObject({ code: 'SPEC_UNREADABLE', message: expect.stringMatching(/alias/) });
  });
});
