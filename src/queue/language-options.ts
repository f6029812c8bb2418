import { z } from 'zod';
import { VideogenError } from '../errors.ts';
import { findLanguage, LANGUAGES } from '../voice/languages.ts';
import { parseGlossary, type Glossary } from '../writing/translate/index.ts';

/**
 * The multilingual job options (`languages`, `languageVoices`, `glossary`, `review`), declared once: the API's
 * RenderOptionsSchema (src/server/schemas.ts) spreads these fields, and the worker validates a stored job's options
 * with the same schema (renderOptionsOf), because the database may hold options an older version wrote.
 */
export const MAX_LANGUAGES = 10;

/** A BCP-47 tag whose primary language the registry (src/voice/languages.ts) knows; it is also the output folder name. */
export const LanguageTag = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: 'must be a BCP-47 tag such as de or pt-BR' })
  .refine((tag) => findLanguage(tag) !== undefined, { error: `must be a language videogen knows (${LANGUAGES.map((l) => l.code).join(', ')})` });

/** The glossary's shape for the API schema; its limits and term rules are parseGlossary's (translate/glossary.ts). */
const GlossaryShape = z
  .object({
    terms: z.record(z.string(), z.record(z.string(), z.string())).optional().describe('Source term → its pinned translation per language: { "event loop": { "es": "bucle de eventos" } }'),
    keep: z.array(z.string()).optional().describe('Words never translated in any language (names, products)'),
  })
  .strict();

export const languageOptionFields = {
  languages: z
    .array(LanguageTag)
    .min(1)
    .max(MAX_LANGUAGES)
    // The same language twice (`en` and `en-GB`, `no` and `nb`) would render into two folders with one voice and text.
    .refine((tags) => new Set(tags.map((t) => findLanguage(t)?.code ?? t.toLowerCase())).size === tags.length, { error: 'must not name a language twice (en and en-GB are one language)' })
    .optional()
    .describe(`One job, several languages (at most ${MAX_LANGUAGES}): each is translated (the spec's own language is not), voiced and rendered into <lang>/ of the outputs, with index.json listing them.`),
  languageVoices: z.record(LanguageTag, z.string().min(1).max(100)).optional().describe('Voice per language, e.g. { "de": "female", "ar": "edge:ar-EG-SalmaNeural" }; `voice` applies to the others. Keys must be in `languages`.'),
  glossary: GlossaryShape.optional().describe('Terms pinned per language and words kept as they are, in every translation of this job.'),
  review: z.boolean().optional().describe('Translate first and wait: the job stays queued until the translations are approved (GET/PUT /api/jobs/{id}/translations, POST …/translations/approve).'),
} as const;

export const LanguageOptionsSchema = z.object(languageOptionFields).strict();
export type LanguageOptionsInput = z.infer<typeof LanguageOptionsSchema>;

/** The validated options as a job runs them. */
export interface LanguageOptions {
  languages: string[];
  languageVoices?: Record<string, string>;
  glossary?: Glossary;
  review?: boolean;
}

export interface OptionProblem {
  path: string;
  message: string;
}

/** Problems the field schemas cannot see alone: options that only mean something together. */
export function languageOptionProblems(opts: LanguageOptionsInput, prefix = 'options'): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const asked = new Set((opts.languages ?? []).map((l) => l.toLowerCase()));
  for (const lang of Object.keys(opts.languageVoices ?? {})) {
    if (!asked.has(lang.toLowerCase())) problems.push({ path: `${prefix}.languageVoices.${lang}`, message: opts.languages ? `"${lang}" is not one of languages (${opts.languages.join(', ')})` : 'languageVoices needs languages' });
  }
  if (opts.review && !opts.languages) problems.push({ path: `${prefix}.review`, message: 'review needs languages: there is nothing to translate' });
  if (opts.glossary && !opts.languages) problems.push({ path: `${prefix}.glossary`, message: 'glossary needs languages: there is nothing to translate' });
  return problems;
}

/**
 * The multilingual part of a job's stored options, or undefined for a single-language job. Bad options are the
 * submitter's mistake, so USAGE (never retried) naming the field.
 */
export function languageOptionsOf(options: Record<string, unknown>): LanguageOptions | undefined {
  const picked = Object.fromEntries(Object.keys(languageOptionFields).filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
  const parsed = LanguageOptionsSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['options', ...issue.path.map(String)].join('.');
    throw new VideogenError('USAGE', `${path}: ${issue.message}`, { path });
  }
  const problem = languageOptionProblems(parsed.data)[0];
  if (problem) throw new VideogenError('USAGE', `${problem.path}: ${problem.message}`, { path: problem.path });
  const { languages, languageVoices, glossary, review } = parsed.data;
  if (!languages) return undefined;
  // Keys as the languages were asked for (`pt-br` → `pt-BR`): the render looks voices up by those exact names.
  const voices = languageVoices && Object.fromEntries(Object.entries(languageVoices).map(([lang, voice]) => [languages.find((l) => l.toLowerCase() === lang.toLowerCase()) ?? lang, voice]));
  return {
    languages,
    ...(voices ? { languageVoices: voices } : {}),
    ...(glossary ? { glossary: parseGlossary(glossary, 'options.glossary') } : {}),
    ...(review ? { review } : {}),
  };
}
