import { z } from 'zod';
import { findLanguage, LANGUAGES } from '../voice/languages.ts';

/**
 * Zod types of the multilingual options (`languages`, `languageVoices`, `glossary`). They live beside the option
 * table (not in src/queue) so the table, the API schema and the job schema can use them without loading the worker.
 */
export const MAX_LANGUAGES = 10;

/** A BCP-47 tag whose primary language the registry (src/voice/languages.ts) knows; it is also the output folder name. */
export const LanguageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: 'must be a BCP-47 tag such as de or pt-BR' })
  .refine((tag) => findLanguage(tag) !== undefined, { error: `must be a language videogen knows (${LANGUAGES.map((l) => l.code).join(', ')})` });

export const LanguageList = z
  .array(LanguageTag)
  .min(1)
  .max(MAX_LANGUAGES)
  // The same language twice (`en` and `en-GB`, `no` and `nb`) would render into two folders with one voice and text.
  .refine((tags) => new Set(tags.map((t) => findLanguage(t)?.code ?? t.toLowerCase())).size === tags.length, { error: 'must not name a language twice (en and en-GB are one language)' });

export const LanguageVoices = z.record(LanguageTag, z.string().min(1).max(100));

/** The glossary's shape for the API schema; its limits and term rules are parseGlossary's (translate/glossary.ts). */
export const GlossaryShape = z
  .object({
    terms: z.record(z.string(), z.record(z.string(), z.string())).optional().describe('Source term → its pinned translation per language: { "event loop": { "es": "bucle de eventos" } }'),
    keep: z.array(z.string()).optional().describe('Words never translated in any language (names, products)'),
  })
  .strict();
