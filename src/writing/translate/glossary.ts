import { readFile, stat } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { VideogenError } from '../../errors.ts';
import { safeToShow } from '../../spec/safe-text.ts';
import type { Glossary } from './types.ts';

/** Bounds that keep a hostile glossary from costing memory or regex time (protect.ts matches every term). */
export const GLOSSARY_LIMITS = { bytes: 1024 * 1024, terms: 5000, termLength: 200, translationLength: 500, languagesPerTerm: 50 } as const;

/** BCP-47-shaped tag: `es`, `pt-BR`, `zh-Hans`. */
const LanguageTag = z.string().regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/, 'expected a language tag such as "es" or "pt-BR"');
const Word = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(GLOSSARY_LIMITS.termLength, `at most ${GLOSSARY_LIMITS.termLength} characters`)
  .refine((s) => !/[⟦⟧\n]/u.test(s), 'must be one line without ⟦ ⟧');

const GlossarySchema = z
  .strictObject({
    terms: z
      .record(
        Word,
        z
          .record(LanguageTag, z.string().trim().min(1, 'must not be empty').max(GLOSSARY_LIMITS.translationLength, `at most ${GLOSSARY_LIMITS.translationLength} characters`))
          .refine((v) => Object.keys(v).length <= GLOSSARY_LIMITS.languagesPerTerm, `at most ${GLOSSARY_LIMITS.languagesPerTerm} languages per term`),
      )
      .default({})
      .describe('source term → { language tag → pinned translation }'),
    keep: z.array(Word).default([]).describe('words never translated in any language'),
  })
  .superRefine((g, ctx) => {
    const count = Object.keys(g.terms).length + g.keep.length;
    if (count > GLOSSARY_LIMITS.terms) ctx.addIssue({ code: 'custom', path: [], message: `${count} entries; a glossary may hold at most ${GLOSSARY_LIMITS.terms} terms and keep words together` });
  });

/** `glossary.terms."event loop".es`: keys that are not plain identifiers are quoted, so spaces stay readable. */
function fieldPath(where: string, path: readonly PropertyKey[]): string {
  let out = where;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      out += /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `.${JSON.stringify(safeToShow(key, 80))}`;
    }
  }
  return out;
}

/** Validates a glossary given as data (the API's `glossary` option). */
export function parseGlossary(value: unknown, where = 'glossary'): Glossary {
  const result = GlossarySchema.safeParse(value ?? {});
  if (result.success) return { terms: result.data.terms, keep: result.data.keep };
  const problems = result.error.issues.slice(0, 50).flatMap((issue) => {
    // zod says only "Invalid key in record" and "Unrecognized key"; say what is wrong with which key.
    if (issue.code === 'invalid_key') return [{ path: fieldPath(where, issue.path), message: `bad key: ${issue.issues[0]?.message ?? issue.message}` }];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: fieldPath(where, [...issue.path, key]), message: 'unknown field; a glossary has only `terms` and `keep`' }));
    return [{ path: fieldPath(where, issue.path), message: issue.message }];
  });
  const first = problems[0]!;
  throw new VideogenError('SPEC_INVALID', `${first.path}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''}`, { problems });
}

/** Reads and validates a glossary file (YAML or JSON, bounded size); SPEC_INVALID naming the field path on bad input. */
export async function loadGlossary(path: string): Promise<Glossary> {
  const shown = safeToShow(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new VideogenError('SOURCE_UNREADABLE', `cannot read the glossary ${shown}: ${(error as Error).message}`, { path }, { cause: error });
  }
  if (size > GLOSSARY_LIMITS.bytes) throw new VideogenError('LIMIT_EXCEEDED', `the glossary ${shown} is ${size} bytes; at most ${GLOSSARY_LIMITS.bytes} bytes are allowed (split it per project)`, { limit: 'glossary.bytes', max: GLOSSARY_LIMITS.bytes });
  const source = await readFile(path, 'utf8');
  let data: unknown;
  try {
    const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length) throw new VideogenError('SPEC_UNREADABLE', `the glossary ${shown} is not valid YAML/JSON: ${safeToShow(doc.errors[0]!.message.split('\n')[0] ?? '', 300)}`, { path });
    // A small alias budget: a glossary has no reason to expand anchors many times ("billion laughs").
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof VideogenError) throw error;
    throw new VideogenError('SPEC_UNREADABLE', `the glossary ${shown} cannot be read as YAML/JSON: ${safeToShow((error as Error).message, 200)}`, { path }, { cause: error });
  }
  return parseGlossary(data);
}
