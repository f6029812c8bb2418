import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isVideogenError } from '../../../src/errors.ts';
import { fromYoutube, youtubeSource, type YoutubeOptions } from '../../../src/sources/youtube.ts';
import type { LlmProvider } from '../../../src/writing/llm/types.ts';
import { startHttp, type RecordedRequest, type Reply } from '../../voice/http-server.ts';
import { FIXTURES, expectGoodTranscriptSpec } from './helpers.ts';

const ID = 'Xk3bq9QzT1c';
const watchHtml = readFileSync(`${FIXTURES}watch.html`, 'utf8');
const player = JSON.parse(readFileSync(`${FIXTURES}player.json`, 'utf8')) as Record<string, unknown>;
const timedtext = readFileSync(`${FIXTURES}timedtext-en.xml`, 'utf8');

/** Replays YouTube's three responses the way youtube.com serves them (watch page, Innertube player, timedtext). */
function youtube(overrides: { player?: unknown; timedtext?: Reply } = {}) {
  return (req: RecordedRequest): Reply => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'GET' && url.pathname === '/watch' && url.searchParams.get('v') === ID) return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: watchHtml };
    if (req.method === 'POST' && url.pathname === '/youtubei/v1/player') {
      const body = JSON.parse(req.body) as { videoId: string; context: { client: { clientName: string } } };
      if (url.searchParams.get('key') !== 'AIzaSyAO_FJ2SlqU8Q4STEHLGCilw_Y9_11qcW8' || body.videoId !== ID) return { status: 400, body: '{"error":{"code":400}}' };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(overrides.player ?? player) };
    }
    if (req.method === 'GET' && url.pathname === '/api/timedtext' && url.searchParams.get('v') === ID) {
      if (overrides.timedtext) return overrides.timedtext;
      // The library strips fmt=srv3 to get the classic XML; a server asked for srv3 would send another format.
      if (url.searchParams.get('fmt')) return { status: 200, body: '<timedtext format="3"></timedtext>' };
      return url.searchParams.get('lang') === 'en' ? { status: 200, headers: { 'content-type': 'text/xml; charset=UTF-8' }, body: timedtext } : { status: 404, body: '' };
    }
    return { status: 404, body: 'not found' };
  };
}

let server: Awaited<ReturnType<typeof startHttp>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('YouTube source (recorded responses on 127.0.0.1)', () => {
  it('turns a 5-minute video into title, list/quote scenes with times, and outro', async () => {
    server = await startHttp(youtube());
    const options: YoutubeOptions = { youtubeOrigin: server.baseUrl };
    const result = await youtubeSource.load(`https://youtu.be/${ID}?si=q1w2e3&t=42`, options);
    expect(result.kind).toBe('video');
    if (result.kind !== 'video') return;
    const { spec } = result;
    expect(server.requests.map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname}`)).toEqual(['GET /watch', 'POST /youtubei/v1/player', 'GET /api/timedtext']);
    expect(JSON.parse(server.requests[1]!.body)).toMatchObject({ videoId: ID, context: { client: { clientName: 'ANDROID' } } });
    expect(spec.id).toBe(`youtube-${ID}`);
    expect(spec.title).toBe('Cold Brew Coffee at Home (No Fancy Gear)');
    expect(spec.scenes[0]).toMatchObject({ kind: 'title', title: 'Cold Brew Coffee at Home (No Fancy Gear)', subtitle: 'From the video by Maya Brews' });
    expectGoodTranscriptSpec(spec, 316);
    const kinds = spec.scenes.map((s) => s.kind);
    expect(kinds.filter((k) => k === 'list').length).toBeGreaterThanOrEqual(4);
    expect(kinds).toContain('quote');
    const quote = spec.scenes.find((s) => s.kind === 'quote');
    expect(quote).toMatchObject({ text: 'The secret is patience: never rush the steep with hot water', attribution: 'Maya Brews' });
    const headings = spec.scenes.flatMap((s) => (s.kind === 'list' ? [s.title] : []));
    expect(headings).toEqual(expect.arrayContaining(['Beans and grind', 'Ratio of coffee to water', 'Common mistakes', 'Recap']));
    // Double-escaped apostrophes from timedtext come out as real ones.
    expect(JSON.stringify(spec)).toContain("don't squeeze");
    expect(JSON.stringify(spec)).not.toMatch(/&#39;|&amp;/);
    expect(spec.scenes.at(-1)).toMatchObject({ kind: 'outro', callToAction: 'Watch the full video on YouTube' });
  });

  it('uses the model for narration when one is configured, and falls back with a warning when it fails', async () => {
    server = await startHttp(youtube());
    const seen: string[] = [];
    const llm: LlmProvider = {
      id: 'fake',
      model: 'fake-1',
      async generate(request) {
        seen.push(request.schemaName, request.messages.map((m) => m.content).join('\n'));
        const ids = [...request.messages.at(-1)!.content.matchAll(/## (part-\d+)/g)].map((m) => m[1]!);
        return request.schema.parse({ scenes: ids.map((id) => ({ id, narration: `This part, ${id.replace('part-', 'number ')}, explains one step of making cold brew.` })) });
      },
    };
    const result = await fromYoutube(ID, { youtubeOrigin: server.baseUrl, llm, targetSeconds: 90 });
    if (result.kind !== 'video') throw new Error('expected a video');
    expect(seen[0]).toBe('scene_narration');
    expect(seen[1]).toContain('Cold Brew Coffee at Home');
    expect(result.spec.scenes[1]!.narration).toBe('This part, number 1, explains one step of making cold brew.');
    expect(result.warnings).toEqual([]);

    const broken: LlmProvider = { id: 'fake', model: 'x', generate: () => Promise.reject(new Error('HTTP 500')) };
    const fallback = await fromYoutube(ID, { youtubeOrigin: server.baseUrl, llm: broken });
    if (fallback.kind !== 'video') throw new Error('expected a video');
    expect(fallback.warnings[0]).toMatch(/language model failed .*HTTP 500.*extractive/);
    expectGoodTranscriptSpec(fallback.spec, 316);
  });

  it('explains captions that are off, a missing language, and an unavailable video', async () => {
    server = await startHttp(youtube({ player: { ...player, captions: undefined } }));
    await expect(fromYoutube(ID, { youtubeOrigin: server.baseUrl })).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', message: expect.stringMatching(/captions turned off.*\.srt\/\.vtt/) });
    await server.close();

    server = await startHttp(youtube());
    await expect(fromYoutube(ID, { youtubeOrigin: server.baseUrl, language: 'fr' })).rejects.toMatchObject({ message: expect.stringMatching(/no captions in "fr"; available: en, es/) });
    await server.close();

    server = await startHttp(() => ({ status: 404, body: '' }));
    const error = await fromYoutube(ID, { youtubeOrigin: server.baseUrl }).catch((e: unknown) => e);
    expect(isVideogenError(error) && error.code).toBe('SOURCE_UNREADABLE');
    expect((error as Error).message).toMatch(/unavailable/);
  });

  it('rejects a link without a video before any request', async () => {
    await expect(fromYoutube('https://www.youtube.com/playlist?list=PL1')).rejects.toMatchObject({ code: 'USAGE' });
  });
});
