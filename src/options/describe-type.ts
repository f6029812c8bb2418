import { z } from 'zod';

/** The values an enum-like option accepts (`z.enum`, or a union of literals), for messages and docs; else undefined. */
export function allowedValues(type: z.ZodType): string[] | undefined {
  if (type instanceof z.ZodEnum) return type.options.map(String);
  if (type instanceof z.ZodLiteral) return [...type.values].map(String);
  return undefined;
}

/** A short human name of an option's type for docs/options.md: `draft \| standard`, `string`, `1–10 or "auto"`. */
export function typeName(type: z.ZodType): string {
  const allowed = allowedValues(type);
  if (allowed) return allowed.map((v) => `\`${v}\``).join(', ');
  const schema = z.toJSONSchema(type, { unrepresentable: 'any' }) as { type?: string; anyOf?: { type?: string; const?: unknown; minimum?: number; maximum?: number }[]; minimum?: number; maximum?: number; items?: { type?: string } };
  if (schema.anyOf) return schema.anyOf.map((s) => (s.const !== undefined ? JSON.stringify(s.const) : rangeOf(s))).join(' or ');
  if (schema.type === 'array') return `list of ${schema.items?.type ?? 'values'}`;
  return rangeOf(schema);
}

function rangeOf(s: { type?: string; minimum?: number; maximum?: number }): string {
  const name = s.type ?? 'value';
  if (s.minimum !== undefined && s.maximum !== undefined) return `${name} ${s.minimum}–${s.maximum}`;
  return name;
}
