import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderLanguages, type LanguageIndex } from '../../src/pipeline/render-languages.ts';
import { renderVideo, type RenderResult } from '../../src/pipeline/render-video.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { assertValidSpec, parseSpecText } from '../../src/spec/index.ts';
import type { PairTranslatorFactory } from '../../src/writing/translate/bound.ts';
import { bandsPng } from '../media/media-fixtures.ts';
import { parseCues, readJson, spec, tempDir, testConfig } from './helpers.ts';

/** A provider that knows the test's sentences (a stand-in for Apertium/an LLM; the real ones have their own tests). */
const DICTIONARY: Record<string, Record<string, string>> = {
  es: { 'Two queues': 'Dos colas', 'Callbacks wait in one of two queues.': 'Las funciones esperan en una de dos colas.', 'Thanks for watching': 'Gracias por ver', 'Thanks for watching.': 'Gracias por ver el vídeo.', 'Queues': 'Colas' },
  de: { 'Two queues': 'Zwei Warteschlangen', 'Callbacks wait in one of two queues.': 'Rückrufe warten in einer von zwei Warteschlangen.', 'Thanks for watching': 'Danke fürs Zuschauen', 'Thanks for watching.': 'Danke fürs Zuschauen.', 'Queues': 'Warteschlangen' },
};
const fake: PairTranslatorFactory = async (from, to) => {
  expect(from).toBe('en');
  return { label: `Fake ${to}`, translate: async (texts) => texts.map((t) => DICTIONARY[to]?.[t] ?? `${to}: ${t}`) };
};

describe('one spec, several languages', () => {
  it('renders en, es and de into their folders with their voices, captions and index.json; language-free scenes come from the cache', async () => {
    const media = tempDir('ml-media');
    bandsPng(join(media, 'pic.png'), [[200, 40, 40], [40, 40, 200]]);
    const input = spec({
      id: 'queues',
      title: 'Queues',
      scenes: [
        // No words at all: the same pixels in every language.
        { id: 'pic', kind: 'image', src: 'pic.png', motion: 'none', minDuration: 1.5, transition: 'none' },
        { id: 'intro', kind: 'title', title: 'Two queues', narration: 'Callbacks wait in one of two queues.' },
        { id: 'bye', kind: 'outro', title: 'Thanks for watching', narration: 'Thanks for watching.' },
      ],
    });
    const out = tempDir('ml-out');
    const results: Record<string, RenderResult> = {};
    const events: string[] = [];
    const index = await renderLanguages(input, {
      outputDir: out,
      languages: ['en', 'es', 'de'],
      voices: { de: 'female' },
      preset: 'draft',
      config: testConfig(),
      mediaScope: { kind: 'folder', root: media },
      translate: { settings: {} },
      translators: fake,
      onEvent: (e) => {
        if (e.type === 'done' && e.language) events.push(e.language);
      },
      renderOne: async (s, o) => (results[s.language] = await renderVideo(s, o)),
    });
    expect(events).toEqual(['en', 'es', 'de']);
    expect(readJson<LanguageIndex>(join(out, 'index.json'))).toEqual(index);
    expect(index).toMatchObject({ id: 'queues', sourceLanguage: 'en' });
    expect(index.languages.map((l) => [l.language, l.dir, l.translatedBy, l.title, l.rtl])).toEqual([
      ['en', 'en', 'source', 'Queues', false],
      ['es', 'es', 'Fake es', 'Colas', false],
      ['de', 'de', 'Fake de', 'Warteschlangen', false],
    ]);
    expect(index.languages.map((l) => l.voice)).toEqual([expect.stringMatching(/^espeak:en-us/), expect.stringMatching(/^espeak:es\b/), expect.stringMatching(/^espeak:de\+f/)]);

    for (const entry of index.languages) {
      const lang = entry.language;
      const manifest = readJson<{ video: { frames: number; fps: number }; scenes: { voice: { provider: string; id: string }; narration: string }[] }>(join(out, entry.files.manifest!));
      expect(entry.files.video).toBe(`${lang}/video.mp4`);
      expect(entry.files.srt).toBe(`${lang}/captions.${lang}.srt`);
      expect(existsSync(join(out, lang, 'spec.yaml'))).toBe(true);
      // Frame-exact: the container holds the planned frames, the duration is frames / fps.
      const probed = await probe(join(out, entry.files.video!), { countFrames: true });
      const video = probed.streams.find((s) => s.type === 'video')!;
      expect(video.frames).toBe(entry.frames);
      expect(entry.frames).toBe(manifest.video.frames);
      expect(entry.seconds).toBeCloseTo(manifest.video.frames / manifest.video.fps, 6);
      expect(probed.durationSec).toBeCloseTo(entry.seconds, 1);
      expect(manifest.scenes[1]!.voice.provider).toBe('espeak');
      expect(manifest.scenes[1]!.voice.id.startsWith(lang === 'en' ? 'en-us' : lang)).toBe(true);
      const cues = parseCues(readFileSync(join(out, entry.files.srt!), 'utf8')).map((c) => c.text).join(' ');
      expect(cues).toContain({ en: 'Callbacks wait', es: 'Las funciones esperan', de: 'Rückrufe warten' }[lang]);
      // The spec written for review is the spec that was rendered.
      const reviewed = assertValidSpec(parseSpecText(readFileSync(join(out, entry.files.spec!), 'utf8')).data);
      expect(reviewed.language).toBe(lang);
      expect(reviewed.scenes[1]!.narration).toBe(manifest.scenes[1]!.narration);
    }
    expect(results.en!.segmentsCached).toBe(0);
    expect(results.es!.segmentsCached).toBeGreaterThan(0);
    expect(results.de!.segmentsCached).toBeGreaterThan(0);
  }, 180_000);
});
