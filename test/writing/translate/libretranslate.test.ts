import { afterEach, describe, expect, it } from 'vitest';
import { LibreTranslateTranslator } from '../../../src/writing/translate/libretranslate.ts';
import { translateTexts } from '../../../src/writing/translate/texts.ts';
import { startFakeLibre } from './fake-libretranslate.ts';

let server: Awaited<ReturnType<typeof startFakeLibre>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const libre = (baseUrl: string, apiKey?: string) => new LibreTranslateTranslator({ baseUrl: `${baseUrl}/`, apiKey, retries: 3, retryDelayMs: 5, timeoutMs: 5000 });

describe('LibreTranslateTranslator', () => {
  it('sends plain texts as text and texts with placeholders as HTML with <code> around them, with the API key', async () => {
    server = await startFakeLibre('secret');
    const out = await translateTexts(['The queue is empty.\nReally.', 'Run `npm test` if a < b.'], { translator: libre(server.baseUrl, 'secret'), from: 'en', to: 'es' });
    expect(out).toEqual(['THE QUEUE IS EMPTY.\nREALLY.', 'RUN `npm test` IF A < B.']);
    const posts = server.requests.filter((r) => r.url === '/translate').map((r) => JSON.parse(r.body));
    expect(posts).toEqual([
      { q: ['The queue is empty.\nReally.'], source: 'en', target: 'es', format: 'text', api_key: 'secret' },
      { q: ['Run <code>⟦0⟧</code> if a &lt; b.'], source: 'en', target: 'es', format: 'html', api_key: 'secret' },
    ]);
  });

  it('reads pairs from /languages, mapping the server codes (zh-Hans) to the registry and back', async () => {
    server = await startFakeLibre(undefined);
    const translator = libre(server.baseUrl);
    expect(await translator.supports('en', 'zh')).toBe(true);
    expect(await translator.supports('es', 'de')).toBe(false);
    expect(await translator.supports('en', 'en')).toBe(false);
    expect(await translator.translate({ texts: ['Hi'], from: 'en', to: 'zh' })).toEqual(['HI']);
    expect(JSON.parse(server.requests.at(-1)!.body)).toMatchObject({ source: 'en', target: 'zh-Hans' });
    expect(server.requests.filter((r) => r.url === '/languages')).toHaveLength(1);
  });

  it('retries 429 with Retry-After, 500 and a dropped connection; explains 400 and 403', async () => {
    server = await startFakeLibre(undefined, (n, req) => {
      if (req.url !== '/translate') return undefined;
      if (n === 2) return { status: 429, headers: { 'retry-after': '1' }, body: JSON.stringify({ error: 'Slowdown: 10 per 1 minute' }) };
      if (n === 3) return { status: 500, body: JSON.stringify({ error: 'Cannot translate text: CUDA out of memory' }) };
      if (n === 4) return 'reset';
      return undefined;
    });
    expect(await libre(server.baseUrl).translate({ texts: ['Hello'], from: 'en', to: 'de' })).toEqual(['HELLO']);
    expect(server.requests.map((r) => r.url)).toEqual(['/languages', '/translate', '/translate', '/translate', '/translate']);
    await server.close();

    server = await startFakeLibre('secret');
    await expect(libre(server.baseUrl, 'wrong').translate({ texts: ['Hello'], from: 'en', to: 'de' })).rejects.toMatchObject({ code: 'TRANSLATION_UNAVAILABLE', message: expect.stringMatching(/Invalid API key.*LIBRETRANSLATE_API_KEY/) });
    await expect(libre(server.baseUrl, 'secret').translate({ texts: ['Hello'], from: 'de', to: 'es' })).rejects.toMatchObject({ code: 'TRANSLATION_FAILED', details: { status: 400 }, message: expect.stringContaining('es is not supported') });
    await server.close();

    server = await startFakeLibre(undefined, (_n, req) => (req.url === '/translate' ? { status: 429, body: JSON.stringify({ error: 'Too many request limits violations' }) } : undefined));
    await expect(libre(server.baseUrl).translate({ texts: ['Hello'], from: 'en', to: 'de' })).rejects.toMatchObject({ code: 'TRANSLATION_FAILED', details: { status: 429 } });
  });
});
