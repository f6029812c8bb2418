import { z } from 'zod';
import { VideogenError } from '../../errors.ts';
import { findLanguage } from '../../voice/languages.ts';
import type { LlmProvider } from '../llm/types.ts';
import { primaryCode } from './language-code.ts';
import type { TranslateBatch, Translator } from './types.ts';

const languageName = (code: string) => {
  const info = findLanguage(code);
  return info ? `${info.name} (${info.code})` : code;
};

/** The instructions; the glossary is listed so the model words the rest of each sentence around the pinned terms. */
export function translationPrompt(batch: TranslateBatch): string {
  const glossary = Object.entries(batch.glossary ?? {});
  return [
    `Translate each text from ${languageName(batch.from)} to ${languageName(batch.to)}. The texts are narration and on-screen text of an explainer video: write natural, spoken ${findLanguage(batch.to)?.name ?? batch.to} in a clear register a narrator would read aloud, not a word-for-word rendering.`,
    'Rules:',
    '- Keep every placeholder such as ⟦0⟧ or ⟦12⟧ exactly as written, once each, where it belongs in the translated sentence. Placeholders stand for code, commands, identifiers, URLs, numbers and fixed terms; never translate, explain, drop or add them.',
    '- Never translate code, commands, identifiers, file names, URLs or numbers that appear without a placeholder either.',
    '- Translate every text on its own; do not merge, split, reorder or skip texts. Keep line breaks inside a text.',
    ...(glossary.length ? ['- Use these glossary translations:', ...glossary.slice(0, 200).map(([term, translation]) => `  "${term}" → "${translation}"`)] : []),
    `Reply with JSON {"translations": [...]} holding exactly ${batch.texts.length} strings, in the order of the input.`,
  ].join('\n');
}

/** Bump when the instructions change, so translations made under the old ones are not served from the cache. */
const PROMPT_VERSION = 1;

/** Any pair of the language registry, through the configured model (Anthropic or an OpenAI-compatible server). */
export class LlmTranslator implements Translator {
  readonly id = 'llm' as const;
  readonly label: string;
  readonly cacheId: string;
  /** ~6,000 source characters come back as well under the reply's token cap even in scripts of many tokens a character. */
  readonly maxBatchChars = 6_000;

  constructor(private readonly llm: LlmProvider) {
    this.label = `LLM ${llm.id} ${llm.model}`;
    // Two servers serving "llama3" (Ollama here, vLLM there) are two translators; a new prompt is a new translator too.
    this.cacheId = `llm:${llm.id}:${llm.endpoint ?? 'default'}:${llm.model}:prompt${PROMPT_VERSION}`;
  }

  async supports(from: string, to: string): Promise<boolean> {
    return !!findLanguage(from) && !!findLanguage(to) && primaryCode(from) !== primaryCode(to);
  }

  async translate(batch: TranslateBatch): Promise<string[]> {
    const n = batch.texts.length;
    // Exactly n items: a model that merges or drops a text gets the count error back and one more try (generateValidated).
    const schema = z.object({ translations: z.array(z.string()).length(n, `exactly ${n} translations, one per input text`) });
    const input = JSON.stringify({ texts: batch.texts.map((text, index) => ({ index, text })) }, null, 1);
    try {
      const reply = await this.llm.generate({
        schema,
        schemaName: 'translations',
        temperature: 0.2,
        maxTokens: Math.min(16_000, 1024 + Math.ceil(batch.texts.reduce((sum, t) => sum + t.length, 0) * 1.5)),
        messages: [
          { role: 'system', content: translationPrompt(batch) },
          { role: 'user', content: input },
        ],
        ...(batch.signal ? { signal: batch.signal } : {}),
      });
      return reply.translations;
    } catch (error) {
      if (error instanceof VideogenError && error.code === 'LLM_UNAVAILABLE') throw new VideogenError('TRANSLATION_UNAVAILABLE', `the language model cannot translate: ${error.message}`, { provider: 'llm', ...error.details }, { cause: error });
      if (error instanceof VideogenError && error.code === 'LLM_FAILED') throw new VideogenError('TRANSLATION_FAILED', `the language model failed to translate ${batch.from}→${batch.to}: ${error.message}`, { provider: 'llm', ...error.details }, { cause: error });
      throw error;
    }
  }
}
