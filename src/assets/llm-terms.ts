import { z } from 'zod';
import type { LlmProvider } from '../writing/llm/types.ts';

/**
 * Asks the language model for concrete, filmable search terms per chunk of narration: one call for the whole video
 * (cheaper and consistent), validated by a zod schema. The caller falls back to offline keywords on any error.
 */
const TermsSchema = z.object({
  // Lenient on counts and lengths (trimmed below): a reply with a fourth term should not cost a repair round-trip.
  chunks: z.array(z.object({ chunk: z.number().int().min(0), terms: z.array(z.string()).min(1) })),
});

export interface TermsChunk {
  text: string;
}

export async function llmSearchTerms(llm: LlmProvider, chunks: readonly TermsChunk[], signal?: AbortSignal): Promise<string[][]> {
  const numbered = chunks.map((c, i) => `${i}: ${c.text}`).join('\n');
  const reply = await llm.generate({
    schemaName: 'stock_search_terms',
    schema: TermsSchema,
    temperature: 0.2,
    maxTokens: 2048,
    ...(signal ? { signal } : {}),
    messages: [
      {
        role: 'system',
        content:
          'You choose stock-footage search terms for narrated videos. For each numbered passage give 1 to 3 search terms ' +
          'in English, best first, each 1 to 3 words naming something a camera can film (a place, an object, people doing ' +
          'something, a landscape): "fishing boats harbour", not "economy" or "history". Never add text, logos or brand names.',
      },
      { role: 'user', content: `Passages:\n${numbered}\n\nAnswer with {"chunks": [{"chunk": <number>, "terms": [...]}]} covering every passage.` },
    ],
  });
  const byChunk: string[][] = chunks.map(() => []);
  for (const entry of reply.chunks) {
    if (entry.chunk >= chunks.length) continue;
    byChunk[entry.chunk] = entry.terms.map((t) => t.trim().replace(/^["']|["']$/g, '')).filter((t) => t && t.length <= 60).slice(0, 3);
  }
  return byChunk;
}
