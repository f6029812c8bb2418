import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideogenError } from '../../src/errors.ts';
import { defaultSources } from '../../src/server/default-sources.ts';
import { sanitiseFilename } from '../../src/server/file-types.ts';
import type { ServerSources } from '../../src/server/sources.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';

// YouTube is reached through the injected adapter; this one answers from memory (the machine has no network).
const youtube: NonNullable<ServerSources['youtube']> = {
  findId: defaultSources().youtube!.findId,
  info: async (id) => {
    if (id === 'AAAAAAAAAAA') throw new VideogenError('SOURCE_UNREADABLE', 'this video has no captions');
    return { id, title: 'A talk', author: 'Someone', language: 'en', durationSeconds: 300, cues: Array.from({ length: 40 }, (_, i) => ({ start: i * 7.5, end: i * 7.5 + 7, text: `line ${i} of the talk` })) };
  },
  toSpec: async () => {
    throw new VideogenError('NOT_AVAILABLE', 'not in this test');
  },
};

let s: TestServer;
let editor: Client;

function form(name: string, content: Uint8Array | string, type = 'application/octet-stream'): FormData {
  const f = new FormData();
  f.append('file', new Blob([content as BlobPart], { type }), name);
  return f;
}

beforeAll(async () => {
  s = await startServer({ server: { uploadMaxBytes: 2048 }, sources: { ...defaultSources(), youtube } });
  await createUser(s.store, 'ed@example.com', 'editor');
  editor = await login(s.url, 'ed@example.com');
});
afterAll(() => s?.close());

describe('uploads', () => {
  it('stores a Markdown file under its id and keeps a sanitised name for display', async () => {
    const res = await api(s.url, '/api/documents/upload', { method: 'POST', form: form('../../evil\u202e name;rm.md', '# Title\n\nSome text.\n'), client: editor });
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe('evil name_rm.md');
    const row = await s.store.uploads.get(res.body.id);
    expect(row!.path.endsWith(res.body.id)).toBe(true);
  });

  it('answers 413 PAYLOAD_TOO_LARGE over the configured limit, and keeps no partial file', async () => {
    const res = await api(s.url, '/api/documents/upload', { method: 'POST', form: form('big.md', 'a'.repeat(5000)), client: editor });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 415 for a disallowed extension, an executable renamed .md, and a fake PDF', async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    for (const [name, body] of [['tool.exe', exe], ['readme.md', exe], ['paper.pdf', '# not a pdf']] as const) {
      const res = await api(s.url, '/api/documents/upload', { method: 'POST', form: form(name, body), client: editor });
      expect(res.status, name).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const elf = new Uint8Array(2000).fill(0x7f);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 0x00], 0);
    expect((await api(s.url, '/api/documents/upload', { method: 'POST', form: form('big.md', elf), client: editor })).status).toBe(415);
  });

  it('refuses JSON on the upload route with 415', async () => {
    const res = await api(s.url, '/api/documents/upload', { method: 'POST', body: { file: 'x' }, client: editor });
    expect(res.status).toBe(415);
  });

  it('sanitises names', () => {
    expect(sanitiseFilename('')).toBe('unnamed_document');
    expect(sanitiseFilename('C:\\Users\\x\\notes.txt')).toBe('notes.txt');
    expect(sanitiseFilename('a\u0000b$(x).md')).toBe('ab__x_.md');
  });
});

describe('document previews', () => {
  it('parses pasted text, validates and previews', async () => {
    const text = '# Guide\n\nIntro text here.\n\n## Install\n\nRun the installer.\n\n## Use\n\n- one\n- two\n';
    const parsed = await api(s.url, '/api/documents/parse', { method: 'POST', body: { document: { text } }, client: editor });
    expect(parsed.status).toBe(200);
    expect(parsed.body.kind).toBe('video');
    expect(parsed.body.videos[0].title).toBe('Guide');
    const valid = await api(s.url, '/api/documents/validate', { method: 'POST', body: { document: { text } }, client: editor });
    expect(valid.body).toMatchObject({ valid: true, errors: [] });
    const preview = await api(s.url, '/api/documents/preview', { method: 'POST', body: { document: { text } }, client: editor });
    expect(preview.body).toMatchObject({ title: 'Guide', format: 'md' });
    expect(preview.body.recommendations.join(' ')).toContain('short');
  });

  it("answers 404 for another user's upload", async () => {
    const up = await api(s.url, '/api/documents/upload', { method: 'POST', form: form('a.md', '# A\n'), client: editor });
    await createUser(s.store, 'other@example.com', 'editor');
    const other = await login(s.url, 'other@example.com');
    const res = await api(s.url, '/api/documents/parse', { method: 'POST', body: { document: { uploadId: up.body.id } }, client: other });
    expect(res.status).toBe(404);
  });
});

describe('YouTube', () => {
  it('validates link forms to an id', async () => {
    for (const url of ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ', 'youtube.com/shorts/dQw4w9WgXcQ', 'dQw4w9WgXcQ']) {
      const res = await api(s.url, '/api/youtube/validate', { method: 'POST', body: { url }, client: editor });
      expect(res.body, url).toMatchObject({ valid: true, videoId: 'dQw4w9WgXcQ', normalizedUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' });
    }
    const bad = await api(s.url, '/api/youtube/validate', { method: 'POST', body: { url: 'https://example.com/watch?v=x' }, client: editor });
    expect(bad.body).toMatchObject({ valid: false, videoId: null });
  });

  it('previews, shows transcript lines and estimates', async () => {
    const preview = await api(s.url, '/api/youtube/preview', { method: 'POST', body: { url: 'https://youtu.be/dQw4w9WgXcQ' }, client: editor });
    expect(preview.body).toMatchObject({ title: 'A talk', channel: 'Someone', durationSeconds: 300, durationFormatted: '5:00', hasTranscript: true });
    const transcript = await api(s.url, '/api/youtube/transcript-preview', { method: 'POST', body: { url: 'dQw4w9WgXcQ' }, client: editor });
    expect(transcript.body.segments).toHaveLength(10);
    expect(transcript.body.totalSegments).toBe(40);
    const estimate = await api(s.url, '/api/youtube/estimate', { method: 'POST', body: { url: 'dQw4w9WgXcQ' }, client: editor });
    expect(estimate.body.estimate.sceneCount).toBe(12);
    const none = await api(s.url, '/api/youtube/preview', { method: 'POST', body: { url: 'AAAAAAAAAAA' }, client: editor });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('SOURCE_UNREADABLE');
    const invalid = await api(s.url, '/api/youtube/estimate', { method: 'POST', body: { url: 'nope' }, client: editor });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^body\.url/);
  });
});
