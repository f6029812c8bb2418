import type { z } from 'zod';

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * A language model that returns structured output validated by a zod schema. Implementations: Anthropic, and
 * OpenAI-compatible servers (OpenAI, Ollama, vLLM, LM Studio). The pipeline asks the registry, never a class.
 */
export interface LlmProvider {
  readonly id: string;
  readonly model: string;
  /** The server it talks to (base URL); absent means the provider's public API. Caches key on it with the model. */
  readonly endpoint?: string;
  /** Asks for JSON matching `schema`; retries once with the validation errors when the reply does not match. */
  generate<T>(request: { messages: LlmMessage[]; schema: z.ZodType<T>; schemaName: string; maxTokens?: number; temperature?: number; signal?: AbortSignal }): Promise<T>;
}
