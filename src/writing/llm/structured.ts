import { z } from 'zod';
import { VideogenError } from '../../errors.ts';
import type { LlmMessage } from './types.ts';

/** JSON Schema of what the model must send: the input side (defaults optional), without zod-only constraints. */
export function schemaForModel(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** Parses a reply text as JSON, tolerating a ```json fence some local models wrap around it. */
export function parseJsonText(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  const body = (fenced ? fenced[1]! : text).trim();
  try {
    return JSON.parse(body);
  } catch {
    const start = body.indexOf('{');
    const end = body.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try {
        return JSON.parse(body.slice(start, end + 1));
      } catch {
        /* reported below */
      }
    }
    return { __unparsable: text.slice(0, 500) };
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 20)
    .map((i) => `- ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('\n');
}

/**
 * Calls the model, validates the reply with zod, and on a mismatch asks once more with the problems appended as a
 * user message; a second mismatch is an LLM_FAILED error listing what was wrong.
 */
export async function generateValidated<T>(provider: string, messages: LlmMessage[], schema: z.ZodType<T>, call: (messages: LlmMessage[]) => Promise<unknown>): Promise<T> {
  let conversation = messages;
  for (let attempt = 0; attempt < 2; attempt++) {
    const raw = await call(conversation);
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const problems = describeIssues(parsed.error);
    if (attempt === 1) throw new VideogenError('LLM_FAILED', `${provider} replied twice with output that does not match the expected structure:\n${problems}`, { reply: raw });
    conversation = [
      ...messages,
      { role: 'assistant', content: JSON.stringify(raw) },
      { role: 'user', content: `That reply does not match the required JSON schema:\n${problems}\nReply again with the complete, corrected JSON object only.` },
    ];
  }
  throw new Error('unreachable');
}

/** Anthropic and OpenAI take the system prompt differently; both get it as one string. */
export function splitSystem(messages: LlmMessage[]): { system: string; rest: LlmMessage[] } {
  return { system: messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n'), rest: messages.filter((m) => m.role !== 'system') };
}
