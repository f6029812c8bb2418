import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';

/** The Create page's "Listen" button: a short clip of a voice, offline with espeak-ng. */
describe('GET /api/voices/sample', () => {
  let s: TestServer;
  let viewer: Client;

  beforeAll(async () => {
    s = await startServer();
    await createUser(s.store, 'viewer@example.com', 'viewer');
    viewer = await login(s.url, 'viewer@example.com');
  });
  afterAll(() => s.close());

  const sample = (query: string, client: Client | null = viewer) => fetch(`${s.url}/api/voices/sample?${query}`, { headers: client?.cookie ? { cookie: client.cookie } : {} });

  it('answers a WAV of a named voice in a language, to viewers', async () => {
    const res = await sample('voice=female&lang=de');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF');
    expect(new TextDecoder().decode(bytes.subarray(8, 12))).toBe('WAVE');
    // A spoken sentence, not an empty header: over half a second of 16-bit mono at espeak's 22 kHz.
    expect(bytes.length).toBeGreaterThan(44 + 22_050);
  });

  it('serves the same clip again from its cache, and takes provider:voice ids', async () => {
    const spoken = await sample('voice=espeak:en-us%2Bm3');
    expect(spoken.headers.get('x-cache')).toBe('miss');
    const first = new Uint8Array(await spoken.arrayBuffer());
    const again = await sample('voice=espeak:en-us%2Bm3');
    expect(again.status).toBe(200);
    // From the cache, not spoken again (a header, not a stopwatch: timing is never a test).
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(first);
  });

  it('answers 404 NOT_FOUND for a voice no provider has, and 400 for an unknown language', async () => {
    for (const voice of ['no-such-voice', 'nosuchprovider:x', 'espeak:zz-qq']) {
      const res = await api(s.url, `/api/voices/sample?voice=${encodeURIComponent(voice)}`, { client: viewer });
      expect(res.status, voice).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const bad = await api(s.url, '/api/voices/sample?voice=male&lang=xx', { client: viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('needs a signed-in user and is in the OpenAPI document', async () => {
    expect((await sample('voice=male', null)).status).toBe(401);
    const doc = await api(s.url, '/docs/json');
    expect(doc.body.paths['/api/voices/sample'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['voice', 'lang']));
  });
});
