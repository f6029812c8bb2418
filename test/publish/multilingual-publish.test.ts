import { rmSync, mkdtempSync, writeFileSync, unlinkSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideogenConfig } from '../../src/config.ts';
import { itemFromOutput } from '../../src/publish/item-from-output.ts';
import { publishUnits } from '../../src/publish/publish-cost.ts';
import { DEFAULT_COSTS } from '../../src/publish/quota.ts';
import type { PublicationMetadata } from '../../src/store/types.ts';
import { createYouTubePublisher } from '../../src/publish/youtube/publisher.ts';
import { CHUNK_QUANTUM, startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';
import { makeMultilingualOutput, type MultilingualFixture } from './multilingual-fixture.ts';
import { makeOutputDir } from './output-fixture.ts';
import { fakeTokens, recordingContext } from './youtube-harness.ts';

/**
 * Publishing a multilingual render (index.json + a folder per language) to the fake YouTube: one video carrying every
 * language (localizations + a caption track per language), or one video per language; the language choice; the
 * USAGE errors for a damaged render; and the quota every captions.insert costs.
 */
const root = mkdtempSync(join(tmpdir(), 'videogen-multilingual-publish-'));
let out: MultilingualFixture;
let yt: FakeYouTube;

const choices = (metadata: PublicationMetadata & { languages?: string[] } = {}) => ({ metadata, privacy: 'unlisted' as const, publishAt: null, playlistId: null });
const config = { publish: { youtube: { costs: {} } } } as unknown as VideogenConfig;
const publisher = () => createYouTubePublisher(yt.settings(), fakeTokens(yt), { chunkBytes: CHUNK_QUANTUM, retry: { baseMs: 1, maxAttempts: 3 } });

beforeAll(async () => {
  out = makeMultilingualOutput(join(root, 'out'));
  yt = await startFakeYouTube();
}, 60_000);
afterAll(async () => {
  await yt?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the item of a multilingual render', () => {
  it('one video: the source language\'s file, title and thumbnail; the others as localizations; a named caption track per language', async () => {
    const item = await itemFromOutput(out.root, choices());
    expect(item).toMatchObject({ videoPath: join(out.root, 'en', 'video.mp4'), sha256: out.sha256.en, thumbnailPath: join(out.root, 'en', 'thumbnail.png') });
    expect(item.metadata).toMatchObject({ title: 'How volcanoes work', language: 'en' });
    expect(item.metadata.localizations).toEqual({
      de: { title: 'Wie Vulkane funktionieren', description: 'Magma steigt auf.\n\n#science' },
      es: { title: 'Cómo funcionan los volcanes', description: 'El magma sube.\n\n#science' },
    });
    expect(item.captions).toEqual([
      { language: 'en', name: 'English', path: join(out.root, 'en', 'captions.en.srt') },
      { language: 'de', name: 'German', path: join(out.root, 'de', 'captions.de.srt') },
      { language: 'es', name: 'Spanish', path: join(out.root, 'es', 'captions.es.srt') },
    ]);
    expect(item.metadata).not.toHaveProperty('languages');
  });

  it('--languages de,es without the source language: German is the default, Spanish its localization; the user\'s title wins', async () => {
    const item = await itemFromOutput(out.root, choices({ languages: ['es', 'de'], title: 'Vulkane!' }));
    expect(item.videoPath).toBe(join(out.root, 'de', 'video.mp4'));
    expect(item.metadata).toMatchObject({ title: 'Vulkane!', language: 'de', localizations: { es: { title: 'Cómo funcionan los volcanes' } } });
    expect(Object.keys(item.metadata.localizations!)).toEqual(['es']);
    expect(item.captions.map((c) => [c.language, c.name])).toEqual([['de', 'German'], ['es', 'Spanish']]);
  });

  it('one language (per-language mode): that language\'s own video, title, captions and thumbnail, no localizations', async () => {
    const item = await itemFromOutput(out.root, choices({ languages: ['es'] }));
    expect(item).toMatchObject({ videoPath: join(out.root, 'es', 'video.mp4'), sha256: out.sha256.es, thumbnailPath: join(out.root, 'es', 'thumbnail.png') });
    expect(item.metadata).toMatchObject({ title: 'Cómo funcionan los volcanes', language: 'es' });
    expect(item.metadata.localizations).toBeUndefined();
    expect(item.captions).toEqual([{ language: 'es', name: 'Spanish', path: join(out.root, 'es', 'captions.es.srt') }]);
  });

  it('fails with USAGE naming the language: not in the render, folder missing, video missing; and languages on a single-language render', async () => {
    await expect(itemFromOutput(out.root, choices({ languages: ['de', 'fr'] }))).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/has no fr: its languages are en, de, es/) });

    const broken = join(root, 'broken');
    cpSync(out.root, broken, { recursive: true });
    rmSync(join(broken, 'es'), { recursive: true });
    await expect(itemFromOutput(broken, choices())).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/lists es \(Spanish\), but its folder .*es is missing/) });
    // Leaving the broken language out publishes the rest.
    expect((await itemFromOutput(broken, choices({ languages: ['en', 'de'] }))).captions).toHaveLength(2);
    unlinkSync(join(broken, 'de', 'video.mp4'));
    await expect(itemFromOutput(broken, choices({ languages: ['en', 'de'] }))).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/^de \(German\) has no video in .*de\/video\.mp4/) });

    const single = makeOutputDir(join(root, 'single'), { size: '160x90', seconds: 1 });
    await expect(itemFromOutput(single.dir, choices({ languages: ['de'] }))).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('is not a multilingual render (no index.json)') });

    const outside = join(root, 'outside');
    cpSync(out.root, outside, { recursive: true });
    writeFileSync(join(outside, 'index.json'), JSON.stringify({ sourceLanguage: 'en', languages: [{ language: 'en', dir: '../single' }] }));
    await expect(itemFromOutput(outside, choices())).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('is not inside') });
  });
});

describe('uploading it to the fake YouTube', () => {
  it('one video: a single upload with localizations and a caption track per language (language, name, text); quota counts every captions.insert', async () => {
    const before = yt.videos.size;
    const ctx = recordingContext();
    const item = await itemFromOutput(out.root, choices());
    const result = await publisher().publish(item, ctx);
    expect(yt.videos.size).toBe(before + 1);
    const video = yt.videos.get(result.videoId)!;
    expect(video.sha256).toBe(out.sha256.en);
    expect(video.snippet).toMatchObject({ title: 'How volcanoes work', defaultLanguage: 'en', defaultAudioLanguage: 'en' });
    expect(video.parts).toContain('localizations');
    expect(video.localizations).toEqual({
      de: { title: 'Wie Vulkane funktionieren', description: 'Magma steigt auf.\n\n#science' },
      es: { title: 'Cómo funcionan los volcanes', description: 'El magma sube.\n\n#science' },
    });
    const tracks = yt.captions.filter((c) => c.videoId === result.videoId);
    expect(tracks.map((c) => [c.language, c.name, c.body.trim().split('\n').at(-1)])).toEqual([
      ['en', 'English', 'Magma rises.'],
      ['de', 'German', 'Magma steigt auf.'],
      ['es', 'Spanish', 'El magma sube.'],
    ]);
    expect(ctx.spent.filter((m) => m === 'captions.insert')).toHaveLength(3);
    // The estimate before the upload is what the ledger was charged, call by call.
    const charged = ctx.spent.reduce((n, m) => n + DEFAULT_COSTS[m], 0);
    expect(publishUnits(config, { captions: item.captions.length, thumbnail: Boolean(item.thumbnailPath), playlist: false })).toBe(charged);
    expect(charged).toBe(1600 + 3 * 400 + 50);
  });

  it('per language: one upload each, with that language\'s file, title, language and caption track', async () => {
    const ids: Record<string, string> = {};
    for (const language of ['en', 'de', 'es']) {
      const item = await itemFromOutput(out.root, choices({ languages: [language] }));
      ids[language] = (await publisher().publish(item, recordingContext())).videoId;
    }
    const titles = Object.entries(ids).map(([language, id]) => {
      const v = yt.videos.get(id)!;
      expect(v.sha256).toBe(out.sha256[language]);
      expect(v.localizations).toBeUndefined();
      return [language, v.snippet.title, v.snippet.defaultLanguage, yt.captions.filter((c) => c.videoId === id).map((c) => `${c.language}:${c.name}`)];
    });
    expect(titles).toEqual([
      ['en', 'How volcanoes work', 'en', ['en:English']],
      ['de', 'Wie Vulkane funktionieren', 'de', ['de:German']],
      ['es', 'Cómo funcionan los volcanes', 'es', ['es:Spanish']],
    ]);
  });

  it('localizations without the video\'s own language are refused before the upload (YouTube would answer defaultLanguageNotSet)', async () => {
    const item = await itemFromOutput(out.root, choices({ languages: ['en', 'de'] }));
    const { language: _language, ...noLanguage } = item.metadata;
    await expect(publisher().publish({ ...item, metadata: noLanguage }, recordingContext())).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('give metadata.language') });
  });
});
