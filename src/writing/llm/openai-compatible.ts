import type { z } from 'zod';
import { VideogenError } from '../../errors.ts';
import { apiRoot, postJson, replyError, type HttpOptions } from './http.ts';
import { generateValidated, parseJsonText, schemaForModel } from './structured.ts';
import type { LlmMessage, LlmProvider } from './types.ts';

export interface OpenAiCompatibleOptions extends HttpOptions {
  /** Optional: local servers (Ollama, LM Studio, vLLM) usually need none. */
  apiKey?: string;
  model?: string;
  /** API root, e.g. https://api.openai.com or http://localhost:11434 (a trailing /v1 is accepted). */
  baseUrl?: string;
}

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com';

/**
 * OpenAI Chat Completions and servers that speak it. Asks for `json_schema` structured output; servers that reject it
 * with 400 (older Ollama, some vLLM builds, strict-mode schema limits) get `json_object` plus the schema in the prompt,
 * and the reply is validated either way.
 */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly id = 'openai';
  readonly model: string;
  private readonly options: OpenAiCompatibleOptions;
  /** Remembered per instance so the fallback costs one rejected request, not one per call. */
  private jsonSchemaRejected = false;

  constructor(options: OpenAiCompatibleOptions = {}) {
    this.options = options;
    this.model = options.model ?? DEFAULT_OPENAI_MODEL;
  }

  get endpoint(): string {
    return apiRoot(this.options.baseUrl ?? DEFAULT_OPENAI_BASE_URL);
  }

  private get label(): string {
    return (this.options.baseUrl ?? DEFAULT_OPENAI_BASE_URL) === DEFAULT_OPENAI_BASE_URL ? 'OpenAI' : `the OpenAI-compatible server at ${apiRoot(this.options.baseUrl!)}`;
  }

  generate<T>(request: { messages: LlmMessage[]; schema: z.ZodType<T>; schemaName: string; maxTokens?: number; temperature?: number; signal?: AbortSignal }): Promise<T> {
    const jsonSchema = schemaForModel(request.schema);
    const url = `${apiRoot(this.options.baseUrl ?? DEFAULT_OPENAI_BASE_URL)}/v1/chat/completions`;
    const headers: Record<string, string> = this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {};
    const schemaHint = `Reply with one JSON object only, matching this JSON Schema:\n${JSON.stringify(jsonSchema)}`;

    const send = (messages: LlmMessage[], useSchema: boolean) => {
      const withHint = useSchema ? messages : [{ role: 'system' as const, content: schemaHint }, ...messages];
      const body = {
        model: this.model,
        messages: withHint.map((m) => ({ role: m.role, content: m.content })),
        ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        response_format: useSchema ? { type: 'json_schema', json_schema: { name: request.schemaName, schema: jsonSchema, strict: true } } : { type: 'json_object' },
      };
      return postJson(this.label, url, headers, body, { ...this.options, signal: request.signal });
    };

    return generateValidated(this.label, request.messages, request.schema, async (messages) => {
      let reply = await send(messages, !this.jsonSchemaRejected);
      if (!reply.ok && reply.status === 400 && !this.jsonSchemaRejected) {
        this.jsonSchemaRejected = true;
        reply = await send(messages, false);
      }
      if (!reply.ok) throw replyError(this.label, reply, 'OPENAI_API_KEY', this.model);
      const choice = (reply.data as { choices?: { message?: { content?: string | null; refusal?: string | null }; finish_reason?: string }[] } | undefined)?.choices?.[0];
      const content = choice?.message?.content;
      if (typeof content !== 'string' || !content.trim()) {
        const why = choice?.message?.refusal ? `it refused: ${choice.message.refusal}` : choice?.finish_reason === 'length' ? 'it ran out of tokens; raise maxTokens' : 'the reply had no content';
        throw new VideogenError('LLM_FAILED', `${this.label} returned no JSON (${why})`, { finish_reason: choice?.finish_reason });
      }
      return parseJsonText(content);
    });
  }
}
