import { VideogenError } from '../../errors.ts';
import { AnthropicProvider } from './anthropic.ts';
import type { HttpOptions } from './http.ts';
import { OpenAiCompatibleProvider } from './openai-compatible.ts';
import type { LlmProvider } from './types.ts';

/** Settings the caller read from config (env + file + flags); this module never reads process.env itself. */
export interface LlmSettings {
  anthropicKey?: string | undefined;
  anthropicModel?: string | undefined;
  anthropicBaseUrl?: string | undefined;
  openaiKey?: string | undefined;
  /** Set for Ollama (http://localhost:11434), LM Studio, vLLM; a key is then optional. */
  openaiBaseUrl?: string | undefined;
  openaiModel?: string | undefined;
}

export const NO_LLM_MESSAGE =
  'no language model configured: set ANTHROPIC_API_KEY, or OPENAI_API_KEY (with OPENAI_BASE_URL for Ollama/vLLM/LM Studio), or OPENAI_BASE_URL and OPENAI_MODEL alone for a local server without a key';

/** Anthropic when its key is set, else an OpenAI-compatible server when a key or a base URL is set, else none. */
export function llmFromConfig(settings: LlmSettings, http: HttpOptions = {}): LlmProvider | undefined {
  const present = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  const anthropicKey = present(settings.anthropicKey);
  if (anthropicKey) return new AnthropicProvider({ ...http, apiKey: anthropicKey, model: present(settings.anthropicModel), baseUrl: present(settings.anthropicBaseUrl) });
  const openaiKey = present(settings.openaiKey);
  const openaiBaseUrl = present(settings.openaiBaseUrl);
  if (openaiKey || openaiBaseUrl) return new OpenAiCompatibleProvider({ ...http, apiKey: openaiKey, model: present(settings.openaiModel), baseUrl: openaiBaseUrl });
  return undefined;
}

/** The configured provider, or a USAGE error that says exactly what to set. */
export function requireLlm(settings: LlmSettings, http: HttpOptions = {}): LlmProvider {
  const llm = llmFromConfig(settings, http);
  if (!llm) throw new VideogenError('USAGE', NO_LLM_MESSAGE);
  return llm;
}
