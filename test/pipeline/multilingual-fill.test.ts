import { describe, expect, it } from 'vitest';
import { VideogenError } from '../../src/errors.ts';
import { fillNarration } from '../../src/writing/translate/fill-narration.ts';
import { voiceForLanguage } from '../../src/pipeline/language-voice.ts';
import { checkLanguages, renderLanguages } from '../../src/pipeline/render-languages.ts';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spec, tempDir, testConfig } from './helpers.ts';

const swedish = spec({
  id: 'sv',
  title: 'Två köer',
  language: 'sv',
  scenes: [
    { id: 'own', kind: 'title', title: 'Hej', narration: 'Hej och välkommen.' },
    { id: 'intro', kind: 'title', title: 'Två köer', subtitle: 'En kort tur' },
    { id: 'pic', kind: 'image', src: 'pic.png' },
  ],
});

describe('narration for a language without templates', () => {
  it('translates the English template when a translator can, and says so', async () => {
    const asked: string[][] = [];
    const filled = await fillNarration(swedish, async (from, to) => {
      expect([from, to]).toEqual(['en', 'sv']);
      return { label: 'Fake sv', translate: async (texts) => (asked.push([...texts]), texts.map(() => 'Två köer. En kort tur.')) };
    });
    expect(asked).toEqual([['Två köer. En kort tur.']]);
    expect(filled.spec.scenes.map((s) => s.narration)).toEqual(['Hej och välkommen.', 'Två köer. En kort tur.', undefined]);
    expect(filled.translatedBy).toBe('Fake sv');
    expect(filled.warnings).toEqual([expect.stringMatching(/no Swedish narration templates: the narration of scene 2 \(intro\) was written in English and translated by Fake sv/)]);
  });

  it('without a translator the scene stays silent with a warning that says what to do', async () => {
    const unavailable = async () => {
      throw new VideogenError('TRANSLATION_UNAVAILABLE', 'no provider translates en → sv here: set DEEPL_API_KEY');
    };
    for (const translators of [undefined, unavailable]) {
      const filled = await fillNarration(swedish, translators);
      expect(filled.spec).toBe(swedish);
      expect(filled.warnings).toHaveLength(1);
      expect(filled.warnings[0]).toMatch(/^scene 2 \(intro\) has no narration and there are no Swedish narration templates: give it `narration:` or configure a translator \(.+\); it stays silent$/);
    }
  });

  it('a translator that fails is an error, not silence', async () => {
    const failing = async () => ({ label: 'x', translate: async () => Promise.reject(new VideogenError('TRANSLATION_FAILED', 'bad reply')) });
    await expect(fillNarration(swedish, failing)).rejects.toMatchObject({ code: 'TRANSLATION_FAILED' });
  });

  it('languages with templates and fully narrated specs are left alone', async () => {
    const english = spec({ id: 'en', title: 'T', scenes: [{ kind: 'title', title: 'Hello' }] });
    expect((await fillNarration(english, undefined)).spec).toBe(english);
    const narrated = { ...swedish, scenes: [swedish.scenes[0]!] };
    expect(await fillNarration(narrated, undefined)).toEqual({ spec: narrated, warnings: [] });
  });
});

describe('voices and languages of a multilingual render', () => {
  it('voices of one language become the named voice of the same gender; others stay', () => {
    expect(voiceForLanguage('edge:en-US-AriaNeural', 'de')).toBe('edge:female');
    expect(voiceForLanguage('en-US-AndrewMultilingualNeural', 'es')).toBe('edge:male');
    expect(voiceForLanguage('espeak:en-us+f3', 'de')).toBe('espeak:female');
    expect(voiceForLanguage('espeak:en-us', 'de')).toBe('espeak:male');
    expect(voiceForLanguage('espeak:de', 'de')).toBe('espeak:de');
    expect(voiceForLanguage('female', 'ar')).toBe('female');
    expect(voiceForLanguage('edge:male', 'ar')).toBe('edge:male');
    expect(voiceForLanguage('openai:alloy', 'ja')).toBe('openai:alloy');
  });

  it('unknown or repeated languages are a USAGE error naming the known ones', () => {
    expect(() => checkLanguages(['en', 'xx'])).toThrow(/unknown language "xx"; use one of: en, es, fr, de/);
    expect(() => checkLanguages(['en', 'xx'])).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => checkLanguages(['pt', 'pt-BR'])).toThrow(/asked for twice/);
    expect(checkLanguages(['en', 'pt-BR', 'zh'])).toEqual(['en', 'pt-BR', 'zh']);
  });
});

describe('the voice of each language', () => {
  it('a global voice of another language is made right for each language, with a warning; a chosen one is kept', async () => {
    const out = tempDir('ml-voice');
    const english = spec({ id: 'v', title: 'Hello', scenes: [{ kind: 'title', title: 'Hello', narration: 'Hi.' }] });
    const used: Record<string, string | undefined> = {};
    const warnings: string[] = [];
    await renderLanguages(english, {
      outputDir: out,
      languages: ['en', 'de', 'es'],
      voice: 'edge:en-US-AriaNeural',
      voices: { es: 'edge:es-MX-DaliaNeural' },
      config: testConfig(),
      translate: { settings: {} },
      translators: async (_from, to) => ({ label: `Fake ${to}`, translate: async (texts) => texts.map((t) => `${to} ${t}`) }),
      onEvent: (e) => void (e.type === 'warning' && warnings.push(e.message)),
      renderOne: async (s, o) => {
        used[s.language] = o.voice;
        return { outputDir: o.outputDir, files: {}, seconds: 1, totalFrames: 30 };
      },
    });
    expect(used).toEqual({ en: 'edge:en-US-AriaNeural', de: 'edge:female', es: 'edge:es-MX-DaliaNeural' });
    expect(warnings).toEqual([expect.stringMatching(/voice "edge:en-US-AriaNeural" speaks another language; the German video uses "edge:female"/)]);
  });
});

describe('cancelling a multilingual render', () => {
  it('stops between languages, and leaves no index.json (not even an old one) claiming it finished', async () => {
    const out = tempDir('ml-cancel');
    writeFileSync(join(out, 'index.json'), '{"stale":true}');
    const controller = new AbortController();
    const rendered: string[] = [];
    const english = spec({ id: 'c', title: 'Hello', scenes: [{ kind: 'title', title: 'Hello', narration: 'Hi.' }] });
    const running = renderLanguages(english, {
      outputDir: out,
      languages: ['en', 'es', 'de'],
      config: testConfig(),
      translate: { settings: {} },
      translators: async (_from, to) => ({ label: `Fake ${to}`, translate: async (texts) => texts.map((t) => `${to} ${t}`) }),
      signal: controller.signal,
      renderOne: async (s, o) => {
        rendered.push(s.language);
        // The first language finishes; then the user cancels.
        controller.abort();
        return { outputDir: o.outputDir, files: {}, seconds: 1, totalFrames: 30 };
      },
    });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(rendered).toEqual(['en']);
    expect(existsSync(join(out, 'index.json'))).toBe(false);
  });
});
