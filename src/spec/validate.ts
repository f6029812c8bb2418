import type { z } from 'zod';
import { VideogenError } from '../errors.ts';
import { issuesToProblems, type SpecProblem } from './problems.ts';
import { VideoSetSchema, VideoSpecSchema, type VideoSet, type VideoSpec } from './video.ts';
import { normaliseSpec } from './normalise.ts';
import { checkSpecLimits } from './limits.ts';

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** Follows `path` through the schema and the data together, so a discriminated union picks the option the data chose. */
function schemaAt(root: z.ZodType, data: unknown, path: readonly PropertyKey[]): z.ZodType | undefined {
  let schema = root as AnySchema;
  let value: unknown = data;
  const unwrap = () => {
    for (;;) {
      const def = schema._zod.def;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') schema = def.innerType as AnySchema;
      else if (def.type === 'pipe') schema = def.in as AnySchema;
      else if (def.type === 'union') {
        const options = def.options as AnySchema[];
        const kind = (value as { kind?: unknown } | undefined)?.kind;
        const match = options.find((o) => {
          const kindSchema = (o as unknown as { shape?: Record<string, AnySchema> }).shape?.kind;
          return kindSchema && (kindSchema._zod.def.values as unknown[] | undefined)?.includes(kind);
        });
        const objectOption = match ?? options.find((o) => o._zod.def.type === 'object');
        if (!objectOption) return;
        schema = objectOption;
      } else return;
    }
  };
  unwrap();
  for (const segment of path) {
    const def = schema._zod.def;
    if (def.type === 'object') schema = (def.shape as Record<string, AnySchema>)[String(segment)] as AnySchema;
    else if (def.type === 'array') schema = def.element as AnySchema;
    else if (def.type === 'tuple') schema = (def.items as AnySchema[])[Number(segment)] as AnySchema;
    else return undefined;
    if (!schema) return undefined;
    value = (value as Record<PropertyKey, unknown> | undefined)?.[segment as string];
    unwrap();
  }
  return schema;
}

export type ValidationResult<T> = { ok: true; value: T; problems: [] } | { ok: false; problems: SpecProblem[] };

function run<T>(schema: z.ZodType<T>, data: unknown): ValidationResult<T> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data, problems: [] };
  return { ok: false, problems: issuesToProblems(result.error.issues, (path) => schemaAt(schema, data, path)) };
}

/**
 * Validates and normalises a single-video spec; reports every problem at once. Data over a safety limit (nesting,
 * list lengths, text length; src/spec/limits.ts) throws LIMIT_EXCEEDED before the schema sees it, since such data
 * can come from a JSON body that never went through parseSpecText.
 */
export function validateSpec(data: unknown): ValidationResult<VideoSpec> {
  checkSpecLimits(data);
  const result = run(VideoSpecSchema, data);
  return result.ok ? { ok: true, value: normaliseSpec(result.value), problems: [] } : result;
}

export function validateSet(data: unknown): ValidationResult<VideoSet> {
  checkSpecLimits(data);
  return run(VideoSetSchema, data);
}

/** A set has `videos`; anything else is read as a single video. */
export function isSetDocument(data: unknown): boolean {
  return typeof data === 'object' && data !== null && Array.isArray((data as { videos?: unknown }).videos);
}

export function assertValidSpec(data: unknown): VideoSpec {
  const result = validateSpec(data);
  if (!result.ok) throw new VideogenError('SPEC_INVALID', `the spec has ${result.problems.length} problem(s)`, { problems: result.problems });
  return result.value;
}
