import { z } from 'zod';
import type { LlmProvider } from '../../writing/llm/types.ts';
import type { Chunk } from './segment.ts';

/**
 * Narration written by a language model from each chunk's transcript (structured output: one narration per scene id).
 * The extractive narration stays as the fallback, so a failed call only costs a warning.
 */
export async function narrateChunksWithLlm(
  llm: LlmProvider,
  parts: readonly { id: string; chunk: Chunk }[],
  options: { title: string; language: string; targetSeconds?: number | undefined; wordsPerMinute?: number; signal?: AbortSignal | undefined },
): Promise<Map<string, string>> {
  const ids = parts.map((p) => p.id);
  const wpm = options.wordsPerMinute ?? 150;
  const totalWords = options.targetSeconds ? Math.round((options.targetSeconds * wpm) / 60) : parts.length * 45;
  const perScene = Math.max(15, Math.round(totalWords / Math.max(1, parts.length)));
  const schema = z.object({
    scenes: z
      .array(z.object({ id: z.enum(ids as [string, ...string[]]), narration: z.string().trim().min(1) }))
      .refine((scenes) => ids.every((id) => scenes.some((s) => s.id === id)), { message: `include every scene id: ${ids.join(', ')}` }),
  });
  const transcript = parts.map((p) => `## ${p.id} (${Math.round(p.chunk.start)}–${Math.round(p.chunk.end)} s)\n${p.chunk.sentences.map((s) => s.text).join(' ')}`).join('\n\n');
  const result = await llm.generate({
    schemaName: 'scene_narration',
    signal: options.signal,
    messages: [
      {
        role: 'system',
        content:
          'You turn a video transcript into narration for a short summary video. For each part, write what a narrator says over it: ' +
          `plain, grammatical sentences in language "${options.language}", about ${perScene} words, keeping the speaker's facts and numbers, ` +
          'without fillers, stage directions, markdown or references to "the transcript".',
      },
      { role: 'user', content: `Video: ${options.title}\n\n${transcript}\n\nReturn {"scenes": [{"id", "narration"}]} with one entry per part id.` },
    ],
    schema,
  });
  return new Map(result.scenes.map((s) => [s.id, s.narration]));
}
