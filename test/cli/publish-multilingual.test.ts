import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../pipeline/helpers.ts';
import { startFakeYouTube, type FakeYouTube } from '../publish/fake-youtube.ts';
import { makeMultilingualOutput, type MultilingualFixture } from '../publish/multilingual-fixture.ts';
import { cliEnv, videogen } from './publish-helpers.ts';

/**
 * `videogen publish <out>` on a multilingual render (real bin, fake YouTube): one video, and --per-language with
 * --languages. What a damaged render or an unknown language answers is in test/publish/multilingual-publish.test.ts
 * (the same functions; every command here is a Node process opening the database, seconds each).
 */
const SLOW = 300_000;

describe('publish a multilingual render (real bin, fake YouTube)', () => {
  let yt: FakeYouTube;
  let env: Record<string, string>;
  let out: MultilingualFixture;

  beforeAll(async () => {
    yt = await startFakeYouTube({ channel: { id: 'UCmulti000000000000000', title: 'Volcanoes Everywhere' } });
    env = cliEnv(yt);
    out = makeMultilingualOutput(join(tempDir('publish-multilingual'), 'out'));
    const created = await videogen(env, ['admin', 'create', '--email', 'ana@example.com', '--password-stdin'], 'correct horse battery staple\n');
    expect(created.code, created.stderr).toBe(0);
    const added = await videogen(env, ['channels', 'add', '--name', 'main', '--refresh-token-stdin'], `${yt.issueRefreshToken()}\n`);
    expect(added.code, added.stderr).toBe(0);
  }, SLOW);
  afterAll(async () => {
    await yt?.close();
  });

  it('default: one upload of the source language with every other language as localizations and a caption track each; the estimate counts every track', async () => {
    const r = await videogen(env, ['publish', out.root, '--channel', 'main', '--privacy', 'unlisted']);
    expect(r.code, r.stderr).toBe(0);
    expect(yt.videos.size).toBe(1);
    const video = [...yt.videos.values()][0]!;
    expect(video.sha256).toBe(out.sha256.en);
    expect(video.snippet).toMatchObject({ title: 'How volcanoes work', defaultLanguage: 'en', defaultAudioLanguage: 'en' });
    expect(Object.keys(video.localizations ?? {})).toEqual(['de', 'es']);
    expect(yt.captions.filter((c) => c.videoId === video.id).map((c) => `${c.language}:${c.name}`)).toEqual(['en:English', 'de:German', 'es:Spanish']);
    // 1600 videos.insert + 3 × 400 captions.insert + 50 thumbnails.set
    expect(r.stdout).toContain('this spends about 2,850 quota units (1600 videos.insert + 3 × 400 captions.insert + 50 thumbnails.set)');
    expect(r.stdout).toContain(`published https://www.youtube.com/watch?v=${video.id}`);
  }, SLOW);

  it('--per-language --languages de,es: one upload each with its own title and captions, listed as JSON', async () => {
    const r = await videogen(env, ['publish', out.root, '--channel', 'main', '--per-language', '--languages', 'es,de', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as { languages: string[]; state: string; videoId: string; videoUrl: string }[];
    expect(listed.map((p) => [p.languages, p.state])).toEqual([[['de'], 'succeeded'], [['es'], 'succeeded']]);
    const [de, es] = listed.map((p) => yt.videos.get(p.videoId)!);
    expect([de!.snippet.title, de!.sha256, es!.snippet.title, es!.sha256]).toEqual(['Wie Vulkane funktionieren', out.sha256.de, 'Cómo funcionan los volcanes', out.sha256.es]);
    expect(yt.captions.filter((c) => c.videoId === es!.id).map((c) => `${c.language}:${c.name}`)).toEqual(['es:Spanish']);
    expect(r.stderr).toContain('2 videos, each 1600 videos.insert + 400 captions.insert + 50 thumbnails.set');
    expect(yt.videos.size).toBe(3);

  }, SLOW);
});
