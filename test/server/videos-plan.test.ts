import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSources } from '../../src/server/default-sources.ts';
import { TINY_SPEC, api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';

/** The Create page's "Plan video": what POST /api/videos would make, with nothing queued. */
describe('POST /api/videos/plan', () => {
  let s: TestServer;
  let editor: Client;

  beforeAll(async () => {
    s = await startServer({ sources: defaultSources() });
    await createUser(s.store, 'ed@example.com', 'editor');
    editor = await login(s.url, 'ed@example.com');
  });
  afterAll(() => s.close());

  const plan = (body: unknown) => api(s.url, '/api/videos/plan', { method: 'POST', body, client: editor });

  it('plans pasted Markdown: scenes with titles, estimated minutes and the spec, and queues nothing', async () => {
    const text = '# Bread at home\n\nBaking bread needs four things.\n\n## Flour\n\nStrong flour has more protein.\n\n## Yeast\n\nYeast makes the dough rise.\n';
    const res = await plan({ source: { text, format: 'markdown' }, options: { targetSeconds: 60 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.kind).toBe('video');
    const [video] = res.body.videos;
    expect(video.title).toBe('Bread at home');
    expect(video.perScene.map((p: { title?: string }) => p.title)).toEqual(expect.arrayContaining(['Flour', 'Yeast']));
    expect(video.minutes).toBeGreaterThan(0);
    expect(res.body.budgetSeconds).toBe(60);
    expect(video.spec.scenes.length).toBe(video.scenes);
    expect((await api(s.url, '/api/jobs', { client: editor })).body.jobs).toEqual([]);
  });

  it('plans a topic as a Short offline, and refuses a long topic video without a language model', async () => {
    const short = await plan({ source: { topic: 'Why octopuses are smart' } });
    expect(short.status, JSON.stringify(short.body)).toBe(200);
    expect(short.body.videos[0].aspect).toBe('9:16');
    expect(short.body.videos[0].seconds).toBeLessThanOrEqual(75);
    const long = await plan({ source: { topic: 'Why octopuses are smart', format: 'video' } });
    expect(long.status).toBe(503);
    expect(long.body.error.code).toBe('LLM_UNAVAILABLE');
  });

  it('answers 422 SPEC_INVALID with field paths for a bad spec, and plans a good one', async () => {
    const bad = await plan({ spec: { ...TINY_SPEC, scenes: [{ kind: 'title' }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('SPEC_INVALID');
    expect(bad.body.error.details.problems[0].path).toMatch(/^scenes\[0\]/);
    const good = await plan({ spec: TINY_SPEC });
    expect(good.status).toBe(200);
    expect(good.body.videos[0].perScene.map((p: { kind: string }) => p.kind)).toEqual(['title', 'outro']);
  });

  it('takes a topic in POST /api/videos too', async () => {
    const res = await api(s.url, '/api/videos', { method: 'POST', body: { source: { topic: 'How volcanoes work' }, options: { preset: 'draft' } }, client: editor });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.jobs).toHaveLength(1);
    expect(res.body.jobs[0].options.preset).toBe('draft');
  });
});
