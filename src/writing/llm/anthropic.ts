import type { z } from 'zod';
import { VideogenError } from '../../errors.ts';
import { apiRoot, postJson, replyError, type HttpOptions } from './http.ts';
import { generateValidated, schemaForModel, splitSystem } from './structured.ts';
import type { LlmMessage, LlmProvider } from './types.ts';

export interface AnthropicOptions extends HttpOptions {
  apiKey: string;
  model?: string;
  /** API root, e.g. https://api.anthropic.com (a trailing /v1 is accepted). */
  baseUrl?: string;
}

export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-5';

interface ContentBlock {
  type: string;
  name?: string;
  input?: unknown;
  text?: string;
}

/**
 * Anthropic Messages API. Structured output uses one forced tool whose input schema is the requested schema, so the
 * model must answer by "calling" it; the tool_use block's `input` is the object.
 */
const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

export class AnthropicProvider implements LlmProvider {
  readonly id = 'anthropic';
  readonly model: string;
  private readonly options: AnthropicOptions;

  constructor(options: AnthropicOptions) {
    this.options = options;
    this.model = options.model ?? DEFAULT_ANTHROPIC_MODEL;
  }

  get endpoint(): string {
    return apiRoot(this.options.baseUrl ?? ANTHROPIC_BASE_URL);
  }

  generate<T>(request: { messages: LlmMessage[]; schema: z.ZodType<T>; schemaName: string; maxTokens?: number; temperature?: number; signal?: AbortSignal }): Promise<T> {
    const inputSchema = schemaForModel(request.schema);
    return generateValidated('Anthropic', request.messages, request.schema, async (messages) => {
      const { system, rest } = splitSystem(messages);
      const body = {
        model: this.model,
        max_tokens: request.maxTokens ?? 4096,
        ...(system ? { system } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        messages: rest.map((m) => ({ role: m.role, content: m.content })),
        tools: [{ name: request.schemaName, description: `Return the ${request.schemaName} object.`, input_schema: inputSchema }],
        tool_choice: { type: 'tool', name: request.schemaName },
      };
      const headers = { 'x-api-key': this.options.apiKey, 'anthropic-version': '2023-06-01' };
      const reply = await postJson('Anthropic', `${this.endpoint}/v1/messages`, headers, body, { ...this.options, signal: request.signal });
      if (!reply.ok) throw replyError('Anthropic', reply, 'ANTHROPIC_API_KEY', this.model);
      const content = (reply.data as { content?: ContentBlock[] } | undefined)?.content ?? [];
      const tool = content.find((b) => b.type === 'tool_use' && b.name === request.schemaName) ?? content.find((b) => b.type === 'tool_use');
      if (!tool) {
        const stop = (reply.data as { stop_reason?: string } | undefined)?.stop_reason;
        throw new VideogenError('LLM_FAILED', `Anthropic answered without the ${request.schemaName} tool call${stop === 'max_tokens' ? ' (it ran out of tokens; raise maxTokens)' : ''}`, { stop_reason: stop });
      }
      return tool.input;
    });
  }
}
