import { afterEach, describe, expect, it } from 'vitest';
import { AnthropicProvider } from '../../../src/writing/llm/anthropic.ts';
import { OpenAiCompatibleProvider } from '../../../src/writing/llm/openai-compatible.ts';
import { LlmTranslator } from '../../../src/writing/translate/llm.ts';
import { translateTexts } from '../../../src/writing/translate/texts.ts';
import { startHttp, type RecordedRequest, type Reply } from '../../voice/http-server.ts';

let server: Awaited<ReturnType<typeof startHttp>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What the fake model does with the user message: "translate" each text by upper-casing words outside placeholders. */
function translationsFor(req: RecordedRequest, messagesOf: (body: Record<string, unknown>) => { role: string; content: unknown }[]): string[] {
  const messages = messagesOf(JSON.parse(req.body));
  const input = JSON.parse(String(messages.find((m) => m.role === 'user')!.content)) as { texts: { index: number; text: string }[] };
  return input.texts.map((t) => t.text.replace(/[a-z]+/g, (w) => w.toUpperCase()));
}

const completion = (content: string): Reply => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'llama3.2', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }),
});

const toolUse = (input: unknown): Reply => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-test', content: [{ type: 'tool_use', id: 'toolu_1', name: 'translations', input }], stop_reason: 'tool_use' }),
});

const glossary = { terms: { 'event loop': { de: 'Ereignisschleife' } }, keep: [] };

describe('LlmTranslator', () => {
  it('translates through an OpenAI-compatible server with the rules and glossary, and re-asks alone when a placeholder is dropped', async () => {
    server = await startHttp((req, n) => {
      const out = translationsFor(req, (b) => b.messages as { role: string; content: string }[]);
      // The first (batch) answer loses the second text's placeholder, as small local models do.
      if (n === 1) out[1] = out[1]!.replace('⟦0⟧', '');
      return completion(JSON.stringify({ translations: out }));
    });
    const translator = new LlmTranslator(new OpenAiCompatibleProvider({ baseUrl: server.baseUrl, model: 'llama3.2', retryDelayMs: 5 }));
    expect(translator.cacheId).toBe(`llm:openai:${server.baseUrl}:llama3.2:prompt1`);
    const out = await translateTexts(['The event loop never sleeps.', 'Call setTimeout() with 0 delay.'], { translator, from: 'en', to: 'de', glossary });
    expect(out).toEqual(['THE Ereignisschleife NEVER SLEEPS.', 'CALL setTimeout() WITH 0 DELAY.']);

    expect(server.requests.map((r) => r.url)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    const first = JSON.parse(server.requests[0]!.body) as { messages: { role: string; content: string }[] };
    const system = first.messages.find((m) => m.role === 'system')!.content;
    expect(system).toMatch(/from English \(en\) to German \(de\)/);
    expect(system).toMatch(/Keep every placeholder/);
    expect(system).toMatch(/never translate code, commands, identifiers/i);
    expect(system).toContain('"event loop" → "Ereignisschleife"');
    expect(JSON.parse(first.messages.find((m) => m.role === 'user')!.content)).toEqual({ texts: [{ index: 0, text: 'The ⟦0⟧ never sleeps.' }, { index: 1, text: 'Call ⟦0⟧ with ⟦1⟧ delay.' }] });
    expect(JSON.parse(JSON.parse(server.requests[1]!.body).messages.find((m: { role: string }) => m.role === 'user').content).texts).toHaveLength(1);
  });

  it('asks again when the model returns the wrong number of translations, then fails clearly', async () => {
    server = await startHttp((req, n) => {
      const out = translationsFor(req, (b) => b.messages as { role: string; content: string }[]);
      return completion(JSON.stringify({ translations: n === 1 ? out.slice(0, 1) : out }));
    });
    const translator = new LlmTranslator(new OpenAiCompatibleProvider({ baseUrl: server.baseUrl, model: 'm', retryDelayMs: 5 }));
    expect(await translator.translate({ texts: ['One.', 'Two.'], from: 'en', to: 'es' })).toEqual(['ONE.', 'TWO.']);
    await server.close();

    server = await startHttp(() => completion('{"translations": []}'));
    const broken = new LlmTranslator(new OpenAiCompatibleProvider({ baseUrl: server.baseUrl, model: 'm', retryDelayMs: 5 }));
    await expect(broken.translate({ texts: ['One.'], from: 'en', to: 'es' })).rejects.toMatchObject({ code: 'TRANSLATION_FAILED', details: { provider: 'llm' } });
    await server.close();

    server = await startHttp(() => ({ status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided' } }) }));
    const rejected = new LlmTranslator(new OpenAiCompatibleProvider({ apiKey: 'sk-bad', baseUrl: server.baseUrl, model: 'm', retryDelayMs: 5 }));
    await expect(rejected.translate({ texts: ['One.'], from: 'en', to: 'es' })).rejects.toMatchObject({ code: 'TRANSLATION_UNAVAILABLE', message: expect.stringContaining('OPENAI_API_KEY') });
  });

  it('translates through the Anthropic Messages API as a forced tool call', async () => {
    server = await startHttp((req) => {
      const body = JSON.parse(req.body) as { system: string; messages: { role: string; content: string }[] };
      const out = translationsFor(req, () => body.messages);
      return toolUse({ translations: out.map((t) => `${t} (ar)`) });
    });
    const translator = new LlmTranslator(new AnthropicProvider({ apiKey: 'sk-ant-test', baseUrl: server.baseUrl, model: 'claude-test', retryDelayMs: 5 }));
    expect(translator.label).toBe('LLM anthropic claude-test');
    expect(await translateTexts(['Open https://example.com now.'], { translator, from: 'en', to: 'ar' })).toEqual(['OPEN https://example.com NOW. (ar)']);
    const request = server.requests[0]!;
    expect(request.url).toBe('/v1/messages');
    expect(request.headers['x-api-key']).toBe('sk-ant-test');
    const body = JSON.parse(request.body);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'translations' });
    expect(body.tools[0].input_schema).toMatchObject({ properties: { translations: { type: 'array', minItems: 1, maxItems: 1 } } });
    expect(body.system).toMatch(/to Arabic \(ar\)/);
  });

  it('supports any pair of the language registry', async () => {
    const translator = new LlmTranslator({ id: 'openai', model: 'x', generate: async () => ({}) as never });
    expect(await translator.supports('en', 'ko')).toBe(true);
    expect(await translator.supports('en', 'en')).toBe(false);
    expect(await translator.supports('en', 'tlh')).toBe(false);
  });
});
