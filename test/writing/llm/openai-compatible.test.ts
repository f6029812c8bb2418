import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenAiCompatibleProvider } from '../../../src/writing/llm/openai-compatible.ts';
import { startHttp, type Reply } from '../../voice/http-server.ts';

const Answer = z.object({ title: z.string().min(1), points: z.array(z.string()).min(2) });

/** A chat.completion object as OpenAI, Ollama and vLLM return it. */
function completion(content: string | null, extra: Record<string, unknown> = {}): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      object: 'chat.completion',
      created: 1741569952,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, ...extra }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29 },
    }),
  };
}

let server: Awaited<ReturnType<typeof startHttp>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ask = (provider: OpenAiCompatibleProvider) => provider.generate({ schema: Answer, schemaName: 'answer', messages: [{ role: 'user', content: 'Two facts about tea.' }] });

describe('OpenAiCompatibleProvider', () => {
  it('sends json_schema strict with a Bearer key and retries once when the reply fails validation', async () => {
    server = await startHttp((_req, n) => (n === 1 ? completion('{"title":"Tea","points":[]}') : completion('{"title":"Tea","points":["Green","Black"]}')));
    const provider = new OpenAiCompatibleProvider({ apiKey: 'sk-test', baseUrl: server.baseUrl, model: 'gpt-test' });
    expect(await ask(provider)).toEqual({ title: 'Tea', points: ['Green', 'Black'] });
    const first = server.requests[0]!;
    expect(first.url).toBe('/v1/chat/completions');
    expect(first.headers.authorization).toBe('Bearer sk-test');
    const body = JSON.parse(first.body);
    expect(body).toMatchObject({ model: 'gpt-test', messages: [{ role: 'user', content: 'Two facts about tea.' }], response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true } } });
    expect(body.response_format.json_schema.schema).toMatchObject({ type: 'object', required: ['title', 'points'] });
    const retry = JSON.parse(server.requests[1]!.body).messages as { role: string; content: string }[];
    expect(retry.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(retry[2]!.content).toMatch(/points/);
  });

  it('falls back to json_object when the server rejects json_schema, and sends no key to a local server', async () => {
    server = await startHttp((req) => {
      const body = JSON.parse(req.body);
      if (body.response_format.type === 'json_schema') return { status: 400, body: JSON.stringify({ error: { message: "response_format 'json_schema' is not supported", type: 'invalid_request_error' } }) };
      return completion('```json\n{"title": "Tea", "points": ["Oolong", "White"]}\n```');
    });
    const provider = new OpenAiCompatibleProvider({ baseUrl: `${server.baseUrl}/v1`, model: 'llama3.2' });
    expect(await ask(provider)).toEqual({ title: 'Tea', points: ['Oolong', 'White'] });
    expect(await ask(provider)).toEqual({ title: 'Tea', points: ['Oolong', 'White'] });
    expect(server.requests.map((r) => JSON.parse(r.body).response_format.type)).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(server.requests[1]!.body).messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('"points"') });
  });

  it('explains 401, 404, refusals and retries 5xx', async () => {
    server = await startHttp(() => ({ status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided: sk-bad.', code: 'invalid_api_key' } }) }));
    await expect(ask(new OpenAiCompatibleProvider({ apiKey: 'sk-bad', baseUrl: server.baseUrl }))).rejects.toMatchObject({ code: 'LLM_UNAVAILABLE', message: expect.stringContaining('check OPENAI_API_KEY') });
    await server.close();

    server = await startHttp(() => ({ status: 404, body: JSON.stringify({ error: { message: 'model "mistral" not found, try pulling it first' } }) }));
    await expect(ask(new OpenAiCompatibleProvider({ baseUrl: server.baseUrl, model: 'mistral' }))).rejects.toMatchObject({ message: expect.stringMatching(/model "mistral".*try pulling it/) });
    await server.close();

    server = await startHttp(() => completion(null, { refusal: "I can't help with that." }));
    await expect(ask(new OpenAiCompatibleProvider({ baseUrl: server.baseUrl }))).rejects.toMatchObject({ message: expect.stringMatching(/refused: I can't help/) });
    await server.close();

    server = await startHttp((_req, n) => (n < 3 ? { status: 503, body: 'upstream unavailable' } : completion('{"title":"Tea","points":["a","b"]}')));
    expect(await ask(new OpenAiCompatibleProvider({ baseUrl: server.baseUrl, retryDelayMs: 5 }))).toEqual({ title: 'Tea', points: ['a', 'b'] });
    expect(server.requests).toHaveLength(3);
  });
});
