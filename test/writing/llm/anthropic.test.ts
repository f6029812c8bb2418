import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnthropicProvider } from '../../../src/writing/llm/anthropic.ts';
import { startHttp, type RecordedRequest, type Reply } from '../../voice/http-server.ts';

const Answer = z.object({ title: z.string().min(1), points: z.array(z.string()).min(2) });

/** A Messages API reply carrying one tool_use block, as api.anthropic.com sends it. */
function toolReply(input: unknown): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'request-id': 'req_011CTest' },
    body: JSON.stringify({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'answer', input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 412, output_tokens: 58 },
    }),
  };
}

let server: Awaited<ReturnType<typeof startHttp>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ask = (provider: AnthropicProvider, signal?: AbortSignal) =>
  provider.generate({ schema: Answer, schemaName: 'answer', signal, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Three facts about tea.' }] });

describe('AnthropicProvider', () => {
  it('forces one tool with the JSON Schema and retries once with the validation error', async () => {
    server = await startHttp((_req, n) => (n === 1 ? toolReply({ title: 'Tea', points: ['Only one'] }) : toolReply({ title: 'Tea', points: ['Green tea is unoxidised', 'Black tea is fully oxidised'] })));
    const provider = new AnthropicProvider({ apiKey: 'sk-ant-test', baseUrl: `${server.baseUrl}/v1/`, model: 'claude-test' });
    expect(await ask(provider)).toEqual({ title: 'Tea', points: ['Green tea is unoxidised', 'Black tea is fully oxidised'] });

    const [first, second] = server.requests as [RecordedRequest, RecordedRequest];
    expect(first.method).toBe('POST');
    expect(first.url).toBe('/v1/messages');
    expect(first.headers['x-api-key']).toBe('sk-ant-test');
    expect(first.headers['anthropic-version']).toBe('2023-06-01');
    const body = JSON.parse(first.body);
    expect(body).toMatchObject({ model: 'claude-test', max_tokens: 4096, system: 'Be brief.', messages: [{ role: 'user', content: 'Three facts about tea.' }], tool_choice: { type: 'tool', name: 'answer' } });
    expect(body.tools).toHaveLength(1);
    expect(body.tools[0].name).toBe('answer');
    expect(body.tools[0].input_schema).toMatchObject({ type: 'object', properties: { title: { type: 'string' }, points: { type: 'array', minItems: 2 } }, required: ['title', 'points'] });

    const retry = JSON.parse(second.body).messages as { role: string; content: string }[];
    expect(retry.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(retry[2]!.content).toMatch(/points: Too small.*2/s);
  });

  it('fails clearly after two invalid replies, on 401, and retries 429/5xx with backoff', async () => {
    server = await startHttp(() => toolReply({ title: '' }));
    await expect(ask(new AnthropicProvider({ apiKey: 'k', baseUrl: server.baseUrl }))).rejects.toMatchObject({ code: 'LLM_FAILED', message: expect.stringMatching(/replied twice.*points/s) });
    expect(server.requests).toHaveLength(2);
    await server.close();

    server = await startHttp(() => ({ status: 401, body: JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }) }));
    await expect(ask(new AnthropicProvider({ apiKey: 'bad', baseUrl: server.baseUrl }))).rejects.toMatchObject({ code: 'LLM_UNAVAILABLE', message: expect.stringContaining('check ANTHROPIC_API_KEY') });
    await server.close();

    server = await startHttp((_req, n) =>
      n === 1 ? { status: 529, body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' } : n === 2 ? { status: 429, headers: { 'retry-after': '0' }, body: '{}' } : toolReply({ title: 'Tea', points: ['a', 'b'] }),
    );
    const started = Date.now();
    expect(await ask(new AnthropicProvider({ apiKey: 'k', baseUrl: server.baseUrl, retryDelayMs: 20 }))).toEqual({ title: 'Tea', points: ['a', 'b'] });
    expect(server.requests).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
  });

  it('times out a silent server and honours an AbortSignal', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      await expect(ask(new AnthropicProvider({ apiKey: 'k', baseUrl, timeoutMs: 150, retries: 0 }))).rejects.toMatchObject({ code: 'LLM_FAILED', message: expect.stringMatching(/did not answer within/) });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await expect(ask(new AnthropicProvider({ apiKey: 'k', baseUrl, retries: 0 }), controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
