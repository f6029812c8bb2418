import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLanguages, type LanguageIndex } from '../../src/pipeline/render-languages.ts';
import { renderVideo, type RenderResult } from '../../src/pipeline/render-video.ts';
import { probe } from '../../src/media/ffprobe.ts';
import { assertValidSpec, parseSpecText } from '../../src/spec/index.ts';
import { OpenAiCompatibleProvider } from '../../src/writing/llm/openai-compatible.ts';
import { startTranslatingLlm } from './multilingual-llm-server.ts';
import { bandsPng } from '../media/media-fixtures.ts';
import { parseCues, readJson, spec, tempDir, testConfig } from './helpers.ts';
import { apertiumAvailable } from '../helpers/apertium.ts';

let llm: Awaited<ReturnType<typeof startTranslatingLlm>>;
beforeAll(async () => {
  llm = await startTranslatingLlm();
});
afterAll(async () => {
  await llm.close();
});

describe.runIf(apertiumAvailable('one spec, several languages'))('one spec, several languages', () => {
  it('renders en, es and de into their folders with their voices, captions and index.json; language-free scenes come from the cache', async () => {
    const media = tempDir('ml-media');
    bandsPng(join(media, 'pic.png'), [[200, 40, 40], [40, 40, 200]]);
    const input = spec({
      id: 'queues',
      title: 'Two queues',
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
      // The real registry: Apertium (installed) for en→es, the local OpenAI-compatible server for en→de.
      translate: { settings: {}, llm: new OpenAiCompatibleProvider({ baseUrl: llm.baseUrl, model: 'fake-mt', retryDelayMs: 5 }), ...(process.env.PATH ? { searchPath: process.env.PATH } : {}) },
      onEvent: (e) => {
        if (e.type === 'done' && e.language) events.push(e.language);
      },
      renderOne: async (s, o) => (results[s.language] = await renderVideo(s, o)),
    });
    expect(events).toEqual(['en', 'es', 'de']);
    expect(readJson<LanguageIndex>(join(out, 'index.json'))).toEqual(index);
    expect(index).toMatchObject({ id: 'queues', sourceLanguage: 'en' });
    expect(index.languages.map((l) => [l.language, l.dir, l.translatedBy, l.title, l.rtl])).toEqual([
      ['en', 'en', 'source', 'Two queues', false],
      ['es', 'es', 'Apertium eng-spa', expect.stringMatching(/^Dos /), false],
      ['de', 'de', 'LLM openai fake-mt', 'zwei Warteschlangen', false],
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
      const cues = parseCues(readFileSync(join(out, entry.files.srt!), 'utf8')).map((c) => c.text.replace(/\n/g, ' ')).join(' ');
      expect(cues).toContain({ en: 'Callbacks wait in one of two queues.', es: 'en uno de dos', de: 'Rückrufe warten in ein von zwei Warteschlangen.' }[lang]);
      // The spec written for review is the spec that was rendered.
      const reviewed = assertValidSpec(parseSpecText(readFileSync(join(out, entry.files.spec!), 'utf8')).data);
      expect(reviewed.language).toBe(lang);
      expect(reviewed.scenes[1]!.narration).toBe(manifest.scenes[1]!.narration);
    }
    expect(results.en!.segmentsCached).toBe(0);
    expect(results.es!.segmentsCached).toBeGreaterThan(0);
    expect(results.de!.segmentsCached).toBeGreaterThan(0);
  }, 180_000);

  it('a scene without narration in a language: de spec is narrated in German; in Swedish (no templates) the English template is translated', async () => {
    const config = testConfig();
    const german = spec({ id: 'de', title: 'Zwei Warteschlangen', language: 'de', scenes: [{ id: 'intro', kind: 'list', title: 'Zwei Warteschlangen', items: ['Makroaufgaben', 'Mikroaufgaben'], minDuration: 1 }] });
    const de = await renderVideo(german, { outputDir: tempDir('ml-de'), preset: 'draft', config });
    const deManifest = readJson<{ scenes: { narration: string; voice: { id: string } }[] }>(de.files.manifest!);
    expect(deManifest.scenes[0]!.voice.id).toMatch(/^de\b/);
    // The German template's own words (h2's phrase table), not the English "We'll cover".
    expect(deManifest.scenes[0]!.narration).toMatch(/Makroaufgaben und Mikroaufgaben/);
    expect(deManifest.scenes[0]!.narration).not.toMatch(/We'll cover|and Mikro/);

    const swedish = spec({ id: 'sv', title: 'Två köer', language: 'sv', scenes: [{ id: 'intro', kind: 'title', title: 'Två köer', minDuration: 1 }] });
    const sv = await renderVideo(swedish, { outputDir: tempDir('ml-sv'), preset: 'draft', config, translators: async (from, to) => ({ label: `Fake ${from}-${to}`, translate: async (texts) => texts.map(() => 'Två köer, på svenska.') }) });
    const svManifest = readJson<{ scenes: { narration: string; voice: { id: string } }[]; warnings: string[] }>(sv.files.manifest!);
    expect(svManifest.scenes[0]).toMatchObject({ narration: 'Två köer, på svenska.', voice: { id: expect.stringMatching(/^sv\b/) } });
    expect(svManifest.warnings).toContainEqual(expect.stringMatching(/no Swedish narration templates: the narration of scene 1 \(intro\) was written in English and translated by Fake en-sv/));
    expect(readFileSync(sv.files.srt!, 'utf8')).toContain('Två köer, på svenska.');
  }, 120_000);
});
