import { describe, expect, it } from 'vitest';
import { APERTIUM_SEPARATOR, ApertiumTranslator, parseApertiumModes } from '../../../src/writing/translate/apertium.ts';
import { translateTexts } from '../../../src/writing/translate/texts.ts';
import { apertiumAvailable } from '../../helpers/apertium.ts';

// Real Apertium (Debian apertium + apertium-eng-spa, installed by .ci/run): no fake, no mock.
const searchPath = process.env.PATH;

describe('parseApertiumModes', () => {
  it('maps ISO 639-3 modes to the registry codes and keeps variants apart', () => {
    expect(parseApertiumModes('  eng-spa\n  spa-eng\n  spa-eng_US\n  cat-eng\n  oci_gascon-cat\n  nob-nno\n  garbage line\n')).toEqual([
      { mode: 'eng-spa', from: 'en', to: 'es' },
      { mode: 'spa-eng', from: 'es', to: 'en' },
      { mode: 'spa-eng_US', from: 'es', to: 'en', variant: 'US' },
      { mode: 'cat-eng', from: 'ca', to: 'en' },
      { mode: 'oci_gascon-cat', from: 'oc', to: 'ca', variant: 'gascon' },
      { mode: 'nob-nno', from: 'no', to: 'nn' },
    ]);
  });
});

// CI must have it: there a missing apertium fails the tests instead of skipping them.
describe.runIf(apertiumAvailable('ApertiumTranslator (real apertium)'))('ApertiumTranslator (real apertium)', () => {
  const translator = new ApertiumTranslator({ searchPath });

  it('lists the installed pairs and supports only those', async () => {
    const pairs = await translator.pairs();
    expect(pairs.map((p) => p.mode)).toEqual(expect.arrayContaining(['eng-spa', 'spa-eng']));
    expect(await translator.supports('en', 'es')).toBe(true);
    expect(await translator.supports('es', 'en')).toBe(true);
    expect(await translator.supports('en', 'de')).toBe(false);
  });

  it('translates English to Spanish in one process per batch, keeping code and numbers', async () => {
    const texts = ['The queue is empty.', 'Run `npm test` before you push 3 commits.', '', 'Open https://example.com/docs and read 42% of it.', 'The first line\nand the second line.'];
    const out = await translateTexts(texts, { translator, from: 'en', to: 'es' });
    expect(out).toHaveLength(5);
    expect(out[0]).toMatch(/^El .*(vacío|vacía)\.$/);
    expect(out[1]).toContain('`npm test`');
    expect(out[1]).toMatch(/\b3\b/);
    expect(out[1]).not.toMatch(/prueba/);
    expect(out[2]).toBe('');
    expect(out[3]).toContain('https://example.com/docs');
    expect(out[3]).toContain('42%');
    expect(out[4]).toMatch(/línea/);
    // -u: no `*` marks in front of words apertium does not know.
    expect(out.join(' ')).not.toContain('*');
  });

  it('passes its batch separator through untouched', async () => {
    const out = await translator.translate({ texts: ['Hello', 'World', 'Good\0 morning'], from: 'en', to: 'es' });
    expect(out).toHaveLength(3);
    expect(out[0]).toBe('Hola');
    expect(APERTIUM_SEPARATOR).toContain('⟦§⟧');
  });
});
