import type { z } from 'zod';

/**
 * The builder's forms come from the spec's zod schemas (ARCHITECTURE §13: fields are declared once). This walks a
 * zod 4 object schema into plain field descriptions a form can draw; shapes without a natural control (unions of
 * objects, tuples, records) become `raw` fields edited as YAML, so no field is ever silently dropped.
 */
export type Control =
  | { type: 'text'; multiline: boolean; mono: boolean }
  | { type: 'number'; integer: boolean; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'enum'; options: string[] }
  | { type: 'list' }
  | { type: 'object'; fields: FieldDef[] }
  | { type: 'raw' };

export interface FieldDef {
  name: string;
  label: string;
  hint?: string;
  /** No default and not optional: leaving it out is a validation problem. */
  required: boolean;
  defaultValue?: unknown;
  control: Control;
}

interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: Schema[];
  entries?: Record<string, string>;
  values?: unknown[];
  defaultValue?: unknown;
}
type Schema = z.ZodType & { _zod: { def: Def }; description?: string; isInt?: boolean; minValue?: number | null; maxValue?: number | null };

/** Fields read better as several lines (narration, code, statements). */
const MULTILINE = new Set(['narration', 'code', 'text', 'explanation', 'description']);
const MONO = new Set(['code']);
const LABELS: Record<string, string> = { id: 'ID', callToAction: 'Call to action', fps: 'Frames per second' };

/** "callToAction" → "Call to action", "minDuration" → "Min duration". */
export function labelOf(name: string): string {
  if (LABELS[name]) return LABELS[name];
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface Unwrapped {
  schema: Schema;
  optional: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
  description?: string;
}

/** Peels optional/default/pipe wrappers, keeping the outermost description (`.describe()` may sit on any layer). */
function unwrap(schema: Schema): Unwrapped {
  const out: Unwrapped = { schema, optional: false, hasDefault: false };
  let current = schema;
  for (;;) {
    if (!out.description && current.description) out.description = current.description;
    const def = current._zod.def;
    if (def.type === 'optional' || def.type === 'nullable') out.optional = true;
    else if (def.type === 'default' || def.type === 'prefault') {
      out.hasDefault = true;
      if (out.defaultValue === undefined) out.defaultValue = def.defaultValue;
    } else if (def.type !== 'pipe') break;
    current = (def.type === 'pipe' ? def.in : def.innerType) as Schema;
  }
  out.schema = current;
  return out;
}

function isStringish(schema: Schema): boolean {
  const inner = unwrap(schema).schema._zod.def;
  if (inner.type === 'string') return true;
  return inner.type === 'union' && (inner.options ?? []).some((o) => unwrap(o).schema._zod.def.type === 'string');
}

function controlOf(name: string, schema: Schema): Control {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return { type: 'text', multiline: MULTILINE.has(name), mono: MONO.has(name) };
    case 'number': {
      const control: Control = { type: 'number', integer: Boolean(schema.isInt) };
      if (typeof schema.minValue === 'number' && Number.isFinite(schema.minValue)) control.min = schema.minValue;
      if (typeof schema.maxValue === 'number' && Number.isFinite(schema.maxValue)) control.max = schema.maxValue;
      return control;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'enum', options: Object.values(def.entries ?? {}) };
    case 'array':
      // Lists of strings (and string-or-object items, edited as strings while every item is one) get a list editor.
      return def.element && isStringish(def.element) ? { type: 'list' } : { type: 'raw' };
    case 'object':
      return { type: 'object', fields: fieldsOf(schema) };
    default:
      return { type: 'raw' };
  }
}

/** The fields of an object schema, in declaration order. */
export function fieldsOf(objectSchema: z.ZodType): FieldDef[] {
  const shape = unwrap(objectSchema as Schema).schema._zod.def.shape ?? {};
  return Object.entries(shape).map(([name, field]) => {
    const u = unwrap(field);
    const def: FieldDef = { name, label: labelOf(name), required: !u.optional && !u.hasDefault, control: controlOf(name, u.schema) };
    if (u.description) def.hint = u.description;
    if (u.hasDefault) def.defaultValue = u.defaultValue;
    return def;
  });
}
