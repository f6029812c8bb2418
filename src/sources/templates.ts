import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { VideogenError } from '../errors.ts';
import { formatPath, issuesToProblems, parseSpecText, safeToShow, type SpecProblem } from '../spec/index.ts';

/**
 * Spec templates: a YAML file declaring typed `variables` and a `body` (a spec without its id) with `{{name}}`
 * placeholders. A placeholder that is a whole YAML value takes the variable's value with its type (a list stays a
 * list; inside a list it is spliced in); a placeholder inside text interpolates. A list element mapping with
 * `$when: name` is kept only when that variable is non-empty, so optional scenes disappear instead of rendering blank.
 */
export const VARIABLE_TYPES = ['string', 'number', 'boolean', 'list', 'enum'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

const VariableSchema = z.strictObject({
  type: z.enum(VARIABLE_TYPES, { error: `expected one of ${VARIABLE_TYPES.join(', ')}` }),
  description: z.string().min(1, { error: 'describe the variable (the wizard shows it as the question)' }),
  default: z.unknown().optional(),
  values: z.array(z.string()).min(1).optional(),
  /** Hint for prompts: `code` and `multiline` strings open an editor. */
  format: z.enum(['line', 'multiline', 'code']).optional(),
});

const TemplateSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().min(1),
  variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), VariableSchema),
  body: z.record(z.string(), z.unknown()),
});

export type TemplateVariable = z.infer<typeof VariableSchema>;
export type Template = z.infer<typeof TemplateSchema> & { file?: string };
export type Variables = Record<string, unknown>;

export const BUILT_IN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export function parseTemplate(text: string, label: string): Template {
  const parsed = parseSpecText(text, label);
  const result = TemplateSchema.safeParse(parsed.data);
  if (!result.success) throw new VideogenError('SPEC_INVALID', `${label} is not a valid template`, { problems: issuesToProblems(result.error.issues, () => undefined) });
  const problems: SpecProblem[] = [];
  for (const [name, v] of Object.entries(result.data.variables)) {
    if (v.type === 'enum' && !v.values) problems.push({ path: `variables.${name}.values`, message: 'an enum variable lists its values' });
    if (v.default !== undefined) problems.push(...typeProblems(name, v, v.default).map((p) => ({ ...p, path: `variables.${name}.default` })));
  }
  for (const [name, paths] of placeholders(result.data.body)) {
    if (!result.data.variables[name]) problems.push({ path: `body.${paths[0]}`, message: `{{${name}}} is not declared under variables` });
  }
  if (problems.length) throw new VideogenError('SPEC_INVALID', `${label} has ${problems.length} problem(s)`, { problems });
  return result.data;
}

/**
 * A built-in template by name (`tutorial`). Template files named by a path are read by the YAML source
 * (sources/yaml.ts), which confines the path to the folder of the file that names it.
 */
export async function loadTemplate(name: string): Promise<Template> {
  const templates = await listTemplates();
  const found = templates.find((t) => t.name === name);
  if (!found) throw new VideogenError('SOURCE_UNREADABLE', `no built-in template "${safeToShow(name, 60)}"; use one of: ${templates.map((t) => t.name).join(', ')}, or a path to a template file next to the spec`);
  return found;
}

export async function listTemplates(): Promise<Template[]> {
  const files = (await readdir(BUILT_IN_TEMPLATES_DIR)).filter((f) => f.endsWith('.yaml')).sort();
  return Promise.all(files.map(async (f) => ({ ...parseTemplate(await readFile(join(BUILT_IN_TEMPLATES_DIR, f), 'utf8'), f), file: join(BUILT_IN_TEMPLATES_DIR, f) })));
}

const WHOLE = /^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\s*$/;
const INLINE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Every placeholder name with the body paths that use it. */
export function placeholders(body: unknown): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (node: unknown, path: (string | number)[]) => {
    if (typeof node === 'string') {
      for (const m of node.matchAll(INLINE)) found.set(m[1]!, [...(found.get(m[1]!) ?? []), formatPath(path)]);
    } else if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, i]));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
  };
  walk(body, []);
  return found;
}

function typeProblems(name: string, v: TemplateVariable, value: unknown): SpecProblem[] {
  const path = `variables.${name}`;
  const got = Array.isArray(value) ? 'a list' : typeof value;
  switch (v.type) {
    case 'string':
      return typeof value === 'string' ? [] : [{ path, message: `expected text, got ${got}` }];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [{ path, message: `expected a number, got ${got}` }];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [{ path, message: `expected true or false, got ${got}` }];
    case 'list':
      return Array.isArray(value) ? [] : [{ path, message: `expected a list, got ${got}` }];
    case 'enum':
      return typeof value === 'string' && v.values?.includes(value) ? [] : [{ path, message: `expected one of ${v.values?.map((x) => `"${x}"`).join(', ')}, got ${JSON.stringify(value)}` }];
  }
}

/** Values with defaults filled in, and every missing or mistyped variable (all at once, with paths). */
export function resolveVariables(template: Template, given: Variables): { values: Variables; problems: SpecProblem[] } {
  const values: Variables = {};
  const problems: SpecProblem[] = [];
  const used = placeholders(template.body);
  for (const [name, v] of Object.entries(template.variables)) {
    const value = given[name] ?? v.default;
    if (value === undefined) {
      const where = used.get(name);
      problems.push({ path: `variables.${name}`, message: `required: ${v.description}${where ? ` (used at ${where.slice(0, 3).join(', ')})` : ''}` });
      continue;
    }
    const wrong = typeProblems(name, v, value);
    problems.push(...wrong);
    if (!wrong.length) values[name] = value;
  }
  for (const name of Object.keys(given)) {
    if (!template.variables[name]) problems.push({ path: `variables.${name}`, message: `template "${template.name}" has no variable "${name}"; it has: ${Object.keys(template.variables).join(', ')}` });
  }
  return { values, problems };
}

const isEmpty = (value: unknown) => value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);

const asText = (value: unknown): string => (Array.isArray(value) ? value.map(asText).join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

function substitute(node: unknown, values: Variables): unknown {
  if (typeof node === 'string') {
    const whole = WHOLE.exec(node);
    if (whole) return values[whole[1]!];
    return node.replace(INLINE, (_, name: string) => asText(values[name]));
  }
  if (Array.isArray(node)) {
    return node.flatMap((item) => {
      if (item && typeof item === 'object' && !Array.isArray(item) && '$when' in item) {
        const { $when, ...rest } = item as Record<string, unknown>;
        if (isEmpty(values[String($when)])) return [];
        return [substitute(rest, values)];
      }
      const whole = typeof item === 'string' ? WHOLE.exec(item) : null;
      if (whole && Array.isArray(values[whole[1]!])) return values[whole[1]!] as unknown[];
      return [substitute(item, values)];
    });
  }
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substitute(v, values)]));
  return node;
}

/** The template's body with variables substituted; throws SPEC_INVALID listing every variable problem. */
export function instantiate(template: Template, given: Variables): Record<string, unknown> {
  const { values, problems } = resolveVariables(template, given);
  if (problems.length) throw new VideogenError('SPEC_INVALID', `template "${template.name}" has ${problems.length} problem(s) with its variables`, { problems });
  return substitute(template.body, values) as Record<string, unknown>;
}
