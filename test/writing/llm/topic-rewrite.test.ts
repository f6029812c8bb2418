import { afterEach, describe, expect, it } from 'vitest';
import { scriptFromTopic } from '../../../src/sources/topic.ts';
import { validateSpec, type VideoSpec } from '../../../src/spec/index.ts';
import { AnthropicProvider } from '../../../src/writing/llm/anthropic.ts';
import { OpenAiCompatibleProvider } from '../../../src/writing/llm/openai-compatible.ts';
import { rewriteNarration } from '../../../src/writing/rewrite.ts';
import { startHttp, type Reply } from '../../voice/http-server.ts';

const toolReply = (input: unknown): Reply => ({
  status: 200,
  body: JSON.stringify({ id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'tool_use', id: 'toolu_1', name: 'video_script', input }], stop_reason: 'tool_use', usage: { input_tokens: 1, output_tokens: 1 } }),
});

const draft = {
  title: 'How DNS Works',
  description: 'From a name to an address in four steps.',
  scenes: [
    { kind: 'title', title: 'How DNS Works', subtitle: 'From a name to an address', narration: 'How does your browser find a website from its name? Let us follow one lookup.' },
    { kind: 'list', title: 'The lookup, step by step', items: ['Your resolver asks a root server', 'The root points to the .com servers', 'The .com servers point to the domain\'s name server', 'The name server answers with the address'], narration: 'A lookup passes through four servers. Each one points to the next, until the domain\'s own name server gives the address.' },
    { kind: 'quiz', question: 'Who answers with the final address?', options: ['The root server', 'The authoritative name server'], answer: 2, narration: 'Quick question: which server gives the final answer?' },
    { kind: 'outro', title: 'Thanks for watching', narration: 'Thanks for watching.' },
  ],
};

let server: Awaited<ReturnType<typeof startHttp>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('scriptFromTopic', () => {
  it('asks for a structured script, validates it, and repairs it once with the problems', async () => {
    const fixed = structuredClone(draft);
    fixed.scenes[2] = { ...fixed.scenes[2]!, answer: 1 } as never;
    server = await startHttp((_req, n) => toolReply(n === 1 ? draft : fixed));
    const llm = new AnthropicProvider({ apiKey: 'sk-ant', baseUrl: server.baseUrl });
    const spec = await scriptFromTopic('How DNS works', llm, { durationSeconds: 60, aspect: '9:16', language: 'en' });
    expect(validateSpec(spec).ok).toBe(true);
    expect(spec).toMatchObject({ id: 'how-dns-works', title: 'How DNS Works', aspect: '9:16', language: 'en' });
    expect(spec.scenes.map((s) => s.kind)).toEqual(['title', 'list', 'quiz', 'outro']);

    const firstBody = JSON.parse(server.requests[0]!.body);
    expect(firstBody.system).toMatch(/- quiz: question: The question\.; options: 2 to 6 answers/);
    expect(firstBody.messages[0].content).toMatch(/Topic: How DNS works\nLength: about 60 seconds, about 150 words/);
    const repair = JSON.parse(server.requests[1]!.body).messages.at(-1).content as string;
    expect(repair).toMatch(/scenes\[2\]\.answer: answer 2 points past the 2 options/);
  });

  it('gives up with SPEC_INVALID when the repair is still wrong', async () => {
    server = await startHttp(() => toolReply(draft));
    await expect(scriptFromTopic('How DNS works', new AnthropicProvider({ apiKey: 'k', baseUrl: server.baseUrl }))).rejects.toMatchObject({ code: 'SPEC_INVALID' });
    expect(server.requests).toHaveLength(2);
  });
});

describe('rewriteNarration', () => {
  const checked = validateSpec({ id: 'dns', title: 'How DNS Works', scenes: draft.scenes.map((s, i) => (i === 2 ? { ...s, answer: 1 } : s)) });
  if (!checked.ok) throw new Error('fixture spec is invalid');
  const spec: VideoSpec = checked.value;

  it('rewrites every scene to the target length and keeps the visuals', async () => {
    let request: { messages: { content: string }[] } | undefined;
    server = await startHttp((req) => {
      request = JSON.parse(req.body);
      const ids = [...request!.messages.at(-1)!.content.matchAll(/"id": "([^"]+)"/g)].map((m) => m[1]);
      const scenes = ids.map((id) => ({ id, narration: `Scene ${id} explains one part of a DNS lookup in plain words.` }));
      return { status: 200, body: JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify({ scenes }) }, finish_reason: 'stop' }] }) };
    });
    const out = await rewriteNarration(spec, new OpenAiCompatibleProvider({ baseUrl: server.baseUrl }), { targetSeconds: 40 });
    expect(out.scenes.map((s) => s.narration)).toEqual(spec.scenes.map((s) => `Scene ${s.id} explains one part of a DNS lookup in plain words.`));
    expect(out.scenes.map(({ narration: _n, ...rest }) => rest)).toEqual(spec.scenes.map(({ narration: _n, ...rest }) => rest));
    const user = request!.messages.at(-1)!.content;
    // 40 s less four scenes' silent lead-in and tail (1 s each) = 36 s spoken at 150 wpm.
    expect(user).toMatch(/about 40 seconds at 150 words per minute, 90 words in all/);
    expect(user).toContain('"targetWords"');
    expect(user).toContain('The root points to the .com servers');
    expect(validateSpec(out).ok).toBe(true);
  });

  it('asks again when the model leaves out a scene', async () => {
    server = await startHttp((_req, n) => {
      const scenes = spec.scenes.slice(0, n === 1 ? 2 : 4).map((s) => ({ id: s.id, narration: 'A full sentence.' }));
      return { status: 200, body: JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify({ scenes }) }, finish_reason: 'stop' }] }) };
    });
    const out = await rewriteNarration(spec, new OpenAiCompatibleProvider({ baseUrl: server.baseUrl }), { targetSeconds: 30 });
    expect(out.scenes.every((s) => s.narration === 'A full sentence.')).toBe(true);
    expect(JSON.parse(server.requests[1]!.body).messages.at(-1).content).toMatch(/missing scene ids: quiz-1, outro-1/);
  });
});
