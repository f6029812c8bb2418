import { z } from 'zod';
import { VideogenError } from '../errors.ts';
import { parseGlossary, type Glossary } from '../writing/translate/index.ts';
import { apiRenderOptionsShape } from '../options/zod.ts';

/**
 * The multilingual job options (`languages`, `languageVoices`, `glossary`, `review`) are declared in the option table
 * (src/options/table.ts) like every other option; here are the checks that need several of them at once and the
 * form a job runs them in. The worker validates stored options with the same types the API declares.
 */
export { LanguageTag, MAX_LANGUAGES } from '../options/language-fields.ts';

const { languages, languageVoices, glossary, review } = apiRenderOptionsShape;
export const languageOptionFields = { languages, languageVoices, glossary, review } as const;

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

/** A zod issue as a USAGE error naming the field under `options.` (the submitter's mistake: never retried). */
export function optionsUsageError(issue: z.core.$ZodIssue): VideogenError {
  const path = ['options', ...issue.path.map(String)].join('.');
  return new VideogenError('USAGE', `${path}: ${issue.message}`, { path });
}

/**
 * The multilingual part of a job's stored options, or undefined for a single-language job. Bad options are the
 * submitter's mistake, so USAGE (never retried) naming the field.
 */
export function languageOptionsOf(options: Record<string, unknown>): LanguageOptions | undefined {
  const picked = Object.fromEntries(Object.keys(languageOptionFields).filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
  const parsed = LanguageOptionsSchema.safeParse(picked);
  if (!parsed.success) throw optionsUsageError(parsed.error.issues[0]!);
  return multilingualOf(parsed.data);
}

/** Already type-checked multilingual options → the form a job runs them in, after the checks across fields. */
export function multilingualOf(opts: LanguageOptionsInput): LanguageOptions | undefined {
  const problem = languageOptionProblems(opts)[0];
  if (problem) throw new VideogenError('USAGE', `${problem.path}: ${problem.message}`, { path: problem.path });
  const { languages, languageVoices, glossary, review } = opts;
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
