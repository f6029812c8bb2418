import { describe, expect, it } from 'vitest';
import { scriptFromTopic } from '../../../src/sources/topic.ts';
import { AnthropicProvider, OpenAiCompatibleProvider, llmFromConfig, requireLlm } from '../../../src/writing/llm/index.ts';

describe('llm registry', () => {
  it('picks Anthropic, then an OpenAI-compatible server, else nothing', () => {
    expect(llmFromConfig({ anthropicKey: 'sk-ant', openaiKey: 'sk' })).toBeInstanceOf(AnthropicProvider);
    expect(llmFromConfig({ anthropicKey: 'sk-ant', anthropicModel: 'claude-haiku-4-5' })?.model).toBe('claude-haiku-4-5');
    expect(llmFromConfig({ openaiKey: 'sk' })).toBeInstanceOf(OpenAiCompatibleProvider);
    const ollama = llmFromConfig({ openaiBaseUrl: 'http://localhost:11434/v1', openaiModel: 'llama3.2' });
    expect(ollama).toBeInstanceOf(OpenAiCompatibleProvider);
    expect(ollama?.model).toBe('llama3.2');
    expect(llmFromConfig({})).toBeUndefined();
    expect(llmFromConfig({ anthropicKey: '  ', openaiKey: '' })).toBeUndefined();
  });

  it('says what to set when no model is configured', async () => {
    expect(() => requireLlm({})).toThrow(/no language model configured: set ANTHROPIC_API_KEY, or OPENAI_API_KEY \(with OPENAI_BASE_URL for Ollama\/vLLM\/LM Studio\)/);
    await expect(scriptFromTopic('How DNS works', undefined)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('set ANTHROPIC_API_KEY') });
  });
});
