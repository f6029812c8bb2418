import { z } from 'zod';
import { VideogenError } from '../errors.ts';
import { SCENE_KINDS, SCENE_SCHEMAS, validateSpec, type Aspect, type VideoSpec } from '../spec/index.ts';
import type { LlmMessage, LlmProvider } from '../writing/llm/types.ts';
import { NO_LLM_MESSAGE } from '../writing/llm/registry.ts';

export interface TopicOptions {
  durationSeconds?: number;
  aspect?: Aspect;
  language?: string;
  wordsPerMinute?: number;
  signal?: AbortSignal;
}

/** What we ask the model for: loose enough for any server's structured output; validateSpec does the real check. */
const ScriptSchema = z.object({
  title: z.string().trim().min(1),
  description: z.string().trim().min(1).optional(),
  scenes: z.array(z.looseObject({ kind: z.enum(SCENE_KINDS as [string, ...string[]]), narration: z.string().trim().min(1) })).min(2),
});

/** One line per scene kind: its fields with their descriptions, read from the zod schemas (the single source). */
function sceneCatalogue(): string {
  const skip = new Set(['kind', 'id', 'narration', 'voice', 'minDuration', 'maxDuration', 'transition', 'background', 'source']);
  return SCENE_SCHEMAS.map((schema) => {
    const shape = schema.shape as Record<string, z.ZodType & { description?: string; isOptional?: () => boolean }>;
    const fields = Object.entries(shape)
      .filter(([name]) => !skip.has(name))
      .map(([name, field]) => `${name}${field.isOptional?.() ? '?' : ''}: ${field.description ?? ''}`.trim());
    return `- ${schema.shape.kind.value}: ${fields.join('; ')}`;
  }).join('\n');
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'topic';
}

/**
 * A topic → a whole VideoSpec written by the model: a title scene, content scenes using our kinds, an outro, each
 * with narration sized to the duration. The draft is validated with validateSpec; problems go back to the model once.
 */
export async function scriptFromTopic(topic: string, llm: LlmProvider | undefined, options: TopicOptions = {}): Promise<VideoSpec> {
  if (!llm) throw new VideogenError('USAGE', NO_LLM_MESSAGE);
  if (!topic.trim()) throw new VideogenError('USAGE', 'the topic is empty; describe what the video should explain, e.g. --topic "How DNS works"');
  const duration = options.durationSeconds ?? 60;
  const language = options.language ?? 'en';
  const words = Math.round((duration * (options.wordsPerMinute ?? 150)) / 60);
  const sceneCount = Math.max(3, Math.min(12, Math.round(duration / 12)));
  const messages: LlmMessage[] = [
    {
      role: 'system',
      content:
        `You write scripts for narrated explainer videos. Each scene is drawn on screen from its fields and read aloud from its narration.\n` +
        `Scene kinds and their fields:\n${sceneCatalogue()}\n\n` +
        `Rules: start with a "title" scene and end with an "outro" scene; use the kinds that suit the content (list, command, code, quote, quiz…); ` +
        `every scene has "narration": complete, grammatical, spoken sentences in language "${language}"; on-screen text is short; facts must be accurate; no markdown.`,
    },
    { role: 'user', content: `Topic: ${topic}\nLength: about ${duration} seconds, about ${words} words of narration in total, about ${sceneCount} scenes.\nReturn {"title", "description", "scenes": [...]}.` },
  ];

  const build = (script: z.infer<typeof ScriptSchema>) =>
    validateSpec({ id: slug(script.title), title: script.title, ...(script.description ? { description: script.description } : {}), language, ...(options.aspect ? { aspect: options.aspect } : {}), scenes: script.scenes });

  const first = await llm.generate({ messages, schema: ScriptSchema, schemaName: 'video_script', signal: options.signal, maxTokens: 8192 });
  const checked = build(first);
  if (checked.ok) return checked.value;
  const problems = checked.problems.map((p) => `- ${p.path || '(root)'}: ${p.message}`).join('\n');
  const repaired = await llm.generate({
    messages: [...messages, { role: 'assistant', content: JSON.stringify(first) }, { role: 'user', content: `The script has these problems:\n${problems}\nFix them and return the whole corrected script.` }],
    schema: ScriptSchema,
    schemaName: 'video_script',
    signal: options.signal,
    maxTokens: 8192,
  });
  const second = build(repaired);
  if (second.ok) return second.value;
  throw new VideogenError('SPEC_INVALID', `the model's script for "${topic}" is still invalid after one repair`, { problems: second.problems });
}
