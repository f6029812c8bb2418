export type { LlmMessage, LlmProvider } from './types.ts';
export { AnthropicProvider, DEFAULT_ANTHROPIC_MODEL, type AnthropicOptions } from './anthropic.ts';
export { OpenAiCompatibleProvider, DEFAULT_OPENAI_MODEL, DEFAULT_OPENAI_BASE_URL, type OpenAiCompatibleOptions } from './openai-compatible.ts';
export { llmFromConfig, requireLlm, NO_LLM_MESSAGE, type LlmSettings } from './registry.ts';
export type { HttpOptions } from './http.ts';
