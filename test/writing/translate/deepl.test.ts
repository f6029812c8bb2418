import { afterEach, describe, expect, it } from 'vitest';
import { DeeplTranslator, deeplTarget } from '../../../src/writing/translate/deepl.ts';
import { translateTexts } from '../../../src/writing/translate/texts.ts';
import { startFakeDeepl } from './fake-deepl.ts';

let server: Awaited<ReturnType<typeof startFakeDeepl>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const KEY = 'c0ffee00-1234-5678-9abc-def012345678:fx';
const deepl = (baseUrl: string, key = KEY) => new DeeplTranslator({ apiKey: key, baseUrl, retries: 2, retryDelayMs: 5, timeoutMs: 5000 });

describe('DeeplTranslator', () => {
  it('picks the host by plan and the target variants DeepL documents', () => {
    expect(new DeeplTranslator({ apiKey: 'abc:fx' }).label).toBe('DeepL (api-free.deepl.com)');
    expect(new DeeplTranslator({ apiKey: 'abc' }).label).toBe('DeepL (api.deepl.com)');
    expect(['en', 'en-GB', 'pt', 'pt-PT', 'zh', 'zh-Hant', 'de', 'no'].map(deeplTarget)).toEqual(['EN-US', 'EN-GB', 'PT-BR', 'PT-PT', 'ZH-HANS', 'ZH-HANT', 'DE', 'NB']);
  });

  it('sends the key, ignore tags for placeholders, and XML-escaped text; decodes the reply', async () => {
    server = await startFakeDeepl(KEY);
    const translator = deepl(server.baseUrl);
    const out = await translateTexts(['Run `npm test` when a < b & c.', 'Ship v1.2.3 today.'], { translator, from: 'en', to: 'pt' });
    expect(out).toEqual(['RUN `npm test` WHEN A < B & C.', 'SHIP v1.2.3 TODAY.']);
    const request = server.requests.find((r) => r.url === '/v2/translate')!;
    expect(request.method).toBe('POST');
    expect(request.headers.authorization).toBe(`DeepL-Auth-Key ${KEY}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ text: ['Run <x>⟦0⟧</x> when a &lt; b &amp; c.', 'Ship <x>⟦0⟧</x> today.'], source_lang: 'EN', target_lang: 'PT-BR', tag_handling: 'xml', ignore_tags: ['x'] });
  });

  it('answers supports() from the language lists, asked once', async () => {
    server = await startFakeDeepl(KEY);
    const translator = deepl(server.baseUrl);
    expect(await translator.supports('en', 'de')).toBe(true);
    expect(await translator.supports('en', 'zh')).toBe(true);
    expect(await translator.supports('en', 'ar')).toBe(false);
    expect(await translator.supports('ar', 'en')).toBe(false);
    expect(server.requests.map((r) => r.url).sort()).toEqual(['/v2/languages?type=source', '/v2/languages?type=target']);
  });

  it('retries 429 (honouring Retry-After), 503 and a dropped connection, then succeeds', async () => {
    server = await startFakeDeepl(KEY, (n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: '{"message":"Too many requests"}' } : n === 2 ? { status: 503, body: 'Service Unavailable' } : undefined));
    expect(await deepl(server.baseUrl).translate({ texts: ['Hello'], from: 'en', to: 'de' })).toEqual(['HELLO']);
    expect(server.requests).toHaveLength(3);
    await server.close();

    server = await startFakeDeepl(KEY, (n) => (n === 1 ? 'reset' : undefined));
    expect(await deepl(server.baseUrl).translate({ texts: ['Hello'], from: 'en', to: 'de' })).toEqual(['HELLO']);
    await server.close();

    server = await startFakeDeepl(KEY, () => 'reset');
    await expect(deepl(server.baseUrl).translate({ texts: ['Hello'], from: 'en', to: 'de' })).rejects.toMatchObject({ code: 'TRANSLATION_FAILED', message: expect.stringContaining('cannot be reached') });
    expect(server.requests).toHaveLength(3);
    await server.close();

    server = await startFakeDeepl(KEY, () => ({ status: 429, headers: { 'retry-after': '0' }, body: '{"message":"Too many requests"}' }));
    await expect(deepl(server.baseUrl).translate({ texts: ['Hello'], from: 'en', to: 'de' })).rejects.toMatchObject({ code: 'TRANSLATION_FAILED', details: { status: 429 } });
    expect(server.requests).toHaveLength(3);
  });

  it('reports a bad key as TRANSLATION_UNAVAILABLE and an exhausted quota (456) once, without retrying', async () => {
    server = await startFakeDeepl(KEY);
    await expect(deepl(server.baseUrl, 'wrong-key').translate({ texts: ['Hello'], from: 'en', to: 'de' })).rejects.toMatchObject({ code: 'TRANSLATION_UNAVAILABLE', message: expect.stringContaining('DEEPL_API_KEY') });
    await expect(deepl(server.baseUrl, 'wrong-key').supports('en', 'de')).rejects.toMatchObject({ code: 'TRANSLATION_UNAVAILABLE' });
    await server.close();

    server = await startFakeDeepl(KEY, () => ({ status: 456, body: '{"message":"Quota Exceeded"}' }));
    await expect(deepl(server.baseUrl).translate({ texts: ['Hello'], from: 'en', to: 'de' })).rejects.toMatchObject({ code: 'TRANSLATION_FAILED', details: { status: 456, quota: true }, message: expect.stringContaining('quota') });
    expect(server.requests).toHaveLength(1);
  });
});
