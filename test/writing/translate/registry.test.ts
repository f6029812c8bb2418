import { afterEach, describe, expect, it } from 'vitest';
import type { LlmProvider } from '../../../src/writing/llm/types.ts';
import { translationReport, translatorFor, type TranslateDeps } from '../../../src/writing/translate/registry.ts';
import { startFakeDeepl } from './fake-deepl.ts';
import { startFakeLibre } from './fake-libretranslate.ts';
import { apertiumAvailable } from '../../helpers/apertium.ts';

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const llm: LlmProvider = { id: 'openai', model: 'test-model', generate: async () => ({}) as never };
const http = { retries: 0, retryDelayMs: 5, timeoutMs: 5000 };
const noApertium = '/nonexistent-videogen-bin';

async function deeplServer(key = 'k:fx') {
  const server = await startFakeDeepl(key);
  servers.push(server);
  return server;
}
async function libreServer() {
  const server = await startFakeLibre(undefined);
  servers.push(server);
  return server;
}

describe.runIf(apertiumAvailable('translatorFor'))('translatorFor', () => {
  it('prefers DeepL, then LibreTranslate, then an installed Apertium pair, then the LLM', async () => {
    const deepl = await deeplServer();
    const libre = await libreServer();
    const all: TranslateDeps = { settings: { deeplKey: 'k:fx', deeplBaseUrl: deepl.baseUrl, libreUrl: libre.baseUrl }, llm, searchPath: process.env.PATH, http };
    expect((await translatorFor('en', 'de', all)).id).toBe('deepl');
    // DeepL has no Arabic in the fake's list; LibreTranslate has no en→ar either: the LLM takes it.
    expect((await translatorFor('en', 'ar', all)).id).toBe('llm');

    const noDeepl: TranslateDeps = { settings: { libreUrl: libre.baseUrl }, llm, searchPath: process.env.PATH, http };
    expect((await translatorFor('en', 'es', noDeepl)).id).toBe('libretranslate');
    expect((await translatorFor('es', 'de', noDeepl)).id).toBe('llm');

    const offline: TranslateDeps = { settings: {}, llm, searchPath: process.env.PATH, http };
    expect(await translatorFor('en', 'es', offline)).toMatchObject({ id: 'apertium', label: 'Apertium eng-spa' });
    expect((await translatorFor('en-US', 'es-MX', offline)).id).toBe('apertium');
    expect((await translatorFor('en', 'zh', offline)).id).toBe('llm');
  });

  it('skips a provider that cannot list its languages (bad key) and names it', async () => {
    const deepl = await deeplServer('right:fx');
    const deps: TranslateDeps = { settings: { deeplKey: 'wrong:fx', deeplBaseUrl: deepl.baseUrl }, llm, searchPath: noApertium, http };
    expect((await translatorFor('en', 'de', deps)).id).toBe('llm');
    await expect(translatorFor('en', 'de', { ...deps, llm: undefined })).rejects.toMatchObject({
      code: 'TRANSLATION_UNAVAILABLE',
      details: { from: 'en', to: 'de', tried: [{ id: 'deepl', reason: expect.stringContaining('DEEPL_API_KEY') }, { id: 'libretranslate', reason: expect.stringContaining('LIBRETRANSLATE_URL') }, { id: 'apertium', reason: expect.stringContaining('not installed') }, { id: 'llm', reason: expect.stringContaining('language model') }] },
    });
  });

  it('honours a forced provider, refuses unknown names and same-language pairs', async () => {
    const forced: TranslateDeps = { settings: { provider: 'apertium' }, llm, searchPath: process.env.PATH, http };
    expect((await translatorFor('en', 'es', forced)).id).toBe('apertium');
    await expect(translatorFor('en', 'de', forced)).rejects.toMatchObject({ code: 'TRANSLATION_UNAVAILABLE', message: expect.stringMatching(/VIDEOGEN_TRANSLATOR.*no en→de pair installed \(installed: en-es, es-en/), details: { tried: [{ id: 'apertium' }] } });
    await expect(translatorFor('en', 'de', { settings: { provider: 'deepl' }, http })).rejects.toMatchObject({ code: 'TRANSLATION_UNAVAILABLE', message: expect.stringContaining('DEEPL_API_KEY is not set') });
    await expect(translatorFor('en', 'de', { settings: { provider: 'google' as never }, http })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('deepl, libretranslate, apertium, llm') });
    await expect(translatorFor('en', 'en-GB', { settings: {}, llm, http })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe.runIf(apertiumAvailable('translationReport'))('translationReport', () => {
  it('lists every provider with its pairs here, or why it cannot be used', async () => {
    const libre = await libreServer();
    const report = await translationReport({ settings: { libreUrl: libre.baseUrl }, llm, searchPath: process.env.PATH, http });
    expect(report.map((r) => r.id)).toEqual(['deepl', 'libretranslate', 'apertium', 'llm']);
    expect(report[0]).toEqual({ id: 'deepl', configured: false, label: 'DeepL', pairs: [], reason: 'DEEPL_API_KEY is not set' });
    expect(report[1]).toMatchObject({ id: 'libretranslate', configured: true, pairs: expect.arrayContaining(['en-de', 'en-es', 'en-zh', 'es-en']) });
    expect(report[2]).toMatchObject({ id: 'apertium', configured: true, pairs: expect.arrayContaining(['en-es', 'es-en']) });
    expect(report[3]).toEqual({ id: 'llm', configured: true, label: 'LLM openai test-model', pairs: ['*'] });

    const bare = await translationReport({ settings: {}, searchPath: noApertium, http });
    expect(bare.find((r) => r.id === 'apertium')).toMatchObject({ configured: false, pairs: [], reason: expect.stringContaining('not installed') });
    expect(bare.find((r) => r.id === 'llm')).toMatchObject({ configured: false });
  });
});
