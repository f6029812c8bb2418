import { z } from 'zod';
import { OPTIONS, type OptionDecl, type OptionName } from './table.ts';

/**
 * The API's and the job's zod schemas, built from the option table. An option the worker reads (it has a job field)
 * is a render option; one only the API takes (`videos`, `language`, `targetSeconds`) shapes how a source becomes specs.
 */
type Table = typeof OPTIONS;
type Field = 'api' | 'job';
type FieldOf<K extends OptionName, F extends Field> = Table[K] extends { readonly [P in F]: infer N extends string } ? N : never;
type KeysWith<F extends Field> = { [K in OptionName]: Table[K] extends { readonly [P in F]: string } ? K : never }[OptionName];
type RenderKeys = KeysWith<'api'> & KeysWith<'job'>;
type ScheduleKeys = { [K in OptionName]: 'schedule' extends Table[K]['appliesTo'][number] ? K : never }[OptionName] & KeysWith<'api'>;
type SourceKeys = Exclude<KeysWith<'api'>, KeysWith<'job'>>;
type OptionalShape<F extends Field, Keys extends OptionName> = { [K in Keys as FieldOf<K, F>]: z.ZodOptional<Table[K]['type']> };
type JobShape = { [K in KeysWith<'job'> as FieldOf<K, 'job'>]: Table[K] extends { readonly default: unknown } ? z.ZodDefault<Table[K]['type']> : z.ZodOptional<Table[K]['type']> };

const entries = () => Object.entries(OPTIONS) as [OptionName, OptionDecl][];

function shapeOf(field: Field, keep: (decl: OptionDecl) => boolean, withDefaults: boolean): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [, decl] of entries()) {
    const key = decl[field];
    if (!key || !keep(decl)) continue;
    // Described last: zod keeps a description on the instance it was given to, and OpenAPI reads the outer one.
    const type = withDefaults && decl.default !== undefined ? decl.type.default(decl.default as never) : decl.type.optional();
    shape[key] = type.describe(decl.description);
  }
  return shape;
}

const readByWorker = (decl: OptionDecl) => decl.job !== undefined;
const onSchedules = (decl: OptionDecl) => decl.appliesTo.includes('schedule');

/** The render options of POST /api/videos: every option a job runs with; none filled in (schedules: apiScheduleOptionsShape). */
export const apiRenderOptionsShape = shapeOf('api', readByWorker, false) as OptionalShape<'api', RenderKeys>;

/** The options that only turn a source into specs (POST /api/videos with a source, POST /api/documents/*). */
export const apiSourceOptionsShape = shapeOf('api', (decl) => !readByWorker(decl), false) as OptionalShape<'api', SourceKeys>;

/**
 * A schedule's options (POST /api/schedules, `videogen schedule add`): what every slot's create job runs with, both the
 * render options and those that shape the topic's script (`language`, `targetSeconds`). One video in one language.
 */
export const apiScheduleOptionsShape = shapeOf('api', onSchedules, false) as OptionalShape<'api', ScheduleKeys>;

/**
 * A job's stored options as the worker runs them: defaults filled in, unknown keys dropped (an older version may have
 * stored keys this one no longer reads).
 */
export const JobOptionsSchema = z.object(shapeOf('job', readByWorker, true) as JobShape);
export type JobOptionValues = z.output<typeof JobOptionsSchema>;

/**
 * The options a job stores for what the API was given: API fields renamed to job fields, defaults written out (so
 * the job row shows what it runs with), options not given left out. `except`: options the caller stores itself
 * (the multilingual ones, after their own checks).
 */
export function jobOptionsFromApi(api: Record<string, unknown>, except: readonly OptionName[] = []): Record<string, unknown> {
  return jobOptionsWhere(api, (name) => !except.includes(name));
}

/**
 * The job options of a schedule's create job, from the schedule's stored options (API form). Only what a schedule
 * takes: a schedule stored by an older version may hold options it no longer takes, and those are not run.
 */
export function scheduleJobOptions(api: Record<string, unknown>): Record<string, unknown> {
  return jobOptionsWhere(api, (_name, decl) => onSchedules(decl));
}

function jobOptionsWhere(api: Record<string, unknown>, keep: (name: OptionName, decl: OptionDecl) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of entries()) {
    if (!decl.api || !decl.job || !keep(name, decl)) continue;
    const value = api[decl.api] ?? decl.default;
    if (value !== undefined) out[decl.job] = value;
  }
  return out;
}
