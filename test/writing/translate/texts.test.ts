import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_LIMITS, translateTexts } from '../../../src/writing/translate/texts.ts';
import type { TranslateBatch, Translator } from '../../../src/writing/translate/types.ts';

/** A provider that upper-cases prose (placeholders untouched) and records every call; `mangle` breaks replies on purpose. */
function fakeTranslator(mangle: (text: string, call: number) => string = (t) => t) {
  const calls: TranslateBatch[] = [];
  const translator: Translator = {
    id: 'llm',
    label: 'Fake',
    cacheId: 'fake:1',
    supports: async () => true,
    translate: async (batch) => {
      calls.push(batch);
      return batch.texts.map((t) => mangle(t.replace(/[a-z]+/g, (w) => w.toUpperCase()), calls.length));
    },
  };
  return { translator, calls };
}

let cacheDir: string;
beforeAll(async () => void (cacheDir = await mkdtemp(join(tmpdir(), 'translate-cache-'))));
afterAll(async () => rm(cacheDir, { recursive: true, force: true }));

describe('translateTexts', () => {
  it('protects, restores, keeps edges and order, and passes empty and code-only texts through without a call', async () => {
    const { translator, calls } = fakeTranslator();
    const texts = ['  Run `npm test` now.\n', '', '   ', '`npm ci`', '42%', 'the event loop', 'Run `npm test` now.'];
    const out = await translateTexts(texts, { translator, from: 'en', to: 'es', glossary: { terms: { 'event loop': { es: 'bucle de eventos' } }, keep: [] } });
    expect(out).toEqual(['  RUN `npm test` NOW.\n', '', '   ', '`npm ci`', '42%', 'THE bucle de eventos', 'RUN `npm test` NOW.']);
    expect(calls).toHaveLength(1);
    // Duplicates are asked once; the provider sees placeholders, never the code, plus the pinned terms as context.
    expect(calls[0]!.texts).toEqual(['Run ⟦0⟧ now.', 'the ⟦0⟧']);
    expect(calls[0]!.glossary).toEqual({ 'event loop': 'bucle de eventos' });
  });

  it('answers a second run from the cache without calling the provider, per provider and glossary', async () => {
    const first = fakeTranslator();
    const texts = ['The queue is empty.', 'Run `npm test` with 3 workers.'];
    const translated = await translateTexts(texts, { translator: first.translator, from: 'en', to: 'de', cacheDir });
    expect(first.calls).toHaveLength(1);
    expect((await readdir(cacheDir)).length).toBeGreaterThan(0);

    const second = fakeTranslator();
    expect(await translateTexts(texts, { translator: second.translator, from: 'en', to: 'de', cacheDir })).toEqual(translated);
    expect(second.calls).toHaveLength(0);

    // Another glossary or target is another cache entry.
    await translateTexts(texts, { translator: second.translator, from: 'en', to: 'de', cacheDir, glossary: { terms: {}, keep: ['queue'] } });
    await translateTexts(texts, { translator: second.translator, from: 'en', to: 'fr', cacheDir });
    expect(second.calls).toHaveLength(2);
  });

  it('treats a damaged cache entry as a miss, and stops when cancelled', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'translate-cache-damaged-'));
    await translateTexts(['A damaged entry.'], { translator: fakeTranslator().translator, from: 'en', to: 'it', cacheDir: dir });
    const [shard] = await readdir(dir);
    const [file] = await readdir(join(dir, shard!));
    await writeFile(join(dir, shard!, file!), '{"source": "A damaged');
    const again = fakeTranslator();
    expect(await translateTexts(['A damaged entry.'], { translator: again.translator, from: 'en', to: 'it', cacheDir: dir })).toEqual(['A DAMAGED ENTRY.']);
    expect(again.calls).toHaveLength(1);
    await rm(dir, { recursive: true, force: true });

    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(translateTexts(['Never asked.'], { translator: again.translator, from: 'en', to: 'it', signal: controller.signal })).rejects.toThrow('stop');
    expect(again.calls).toHaveLength(1);
  });

  it('batches within the limits', async () => {
    const { translator, calls } = fakeTranslator();
    const texts = Array.from({ length: 120 }, (_, i) => `Sentence ${'q'.repeat(i + 1)} here.`);
    const big = ['y'.repeat(BATCH_LIMITS.chars - 10) + ' word', 'short text'];
    await translateTexts([...texts, ...big], { translator, from: 'en', to: 'es' });
    expect(calls.every((c) => c.texts.length <= BATCH_LIMITS.texts && c.texts.join('').length <= BATCH_LIMITS.chars + 100)).toBe(true);
    expect(calls.reduce((n, c) => n + c.texts.length, 0)).toBe(122);
  });

  it('asks again alone for a reply that lost a placeholder, then fails with the text', async () => {
    // The first (batch) call drops ⟦0⟧ from the second text; the retry alone keeps it.
    const flaky = fakeTranslator((t, call) => (call === 1 && t.startsWith('CALL') ? t.replace('⟦0⟧', '') : t));
    expect(await translateTexts(['Hello there.', 'Call setTimeout() later.'], { translator: flaky.translator, from: 'en', to: 'es' })).toEqual(['HELLO THERE.', 'CALL setTimeout() LATER.']);
    expect(flaky.calls.map((c) => c.texts)).toEqual([['Hello there.', 'Call ⟦0⟧ later.'], ['Call ⟦0⟧ later.']]);

    const broken = fakeTranslator((t) => t.replace(/⟦1⟧/, '⟦0⟧'));
    await expect(translateTexts(['Use `a` and `b`.'], { translator: broken.translator, from: 'en', to: 'es' })).rejects.toMatchObject({
      code: 'TRANSLATION_FAILED',
      details: { text: 'Use `a` and `b`.', provider: 'llm' },
      message: expect.stringMatching(/lost "`b`".*repeated "`a`"/),
    });
    expect(broken.calls).toHaveLength(2);
  });

  it('fails when a provider returns the wrong number of texts', async () => {
    const translator: Translator = { id: 'deepl', label: 'Short', cacheId: 'short', supports: async () => true, translate: async () => ['only one'] };
    await expect(translateTexts(['One.', 'Two.'], { translator, from: 'en', to: 'es' })).rejects.toMatchObject({ code: 'TRANSLATION_FAILED', message: expect.stringContaining('1 translations for 2') });
  });
});
