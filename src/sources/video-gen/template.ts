import type { Template, TemplateVariable } from '../templates.ts';
import { isRecord } from './fields.ts';

/**
 * A video_gen template (`${name}` / `${name|default}` placeholders in a pipeline-dialect document) → our template, so
 * it gets the same typed checks: a placeholder that is the whole value of a field video_gen reads as a list
 * (`objectives: ${objectives}`) declares a list variable; every other placeholder is text.
 */
const LIST_FIELDS = new Set([
  'objectives', 'items', 'commands', 'steps', 'instructions', 'options', 'solution_code', 'key_points',
  'completed_topics', 'review_questions', 'next_topics', 'learned_topics', 'prerequisites', 'hints', 'voices',
]);

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^}]*))?\}/g;
const WHOLE = /^\s*\$\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^}]*))?\}\s*$/;

export function fromVideoGenTemplate(doc: Record<string, unknown>, label: string): Template {
  const variables: Record<string, TemplateVariable> = {};
  const declare = (name: string, type: 'string' | 'list', fallback: string | undefined) => {
    const existing = variables[name];
    if (existing && existing.type === 'list') return;
    variables[name] = {
      type,
      description: `${name.replace(/_/g, ' ')} (from ${label})`,
      ...(fallback !== undefined ? { default: type === 'list' ? [fallback] : fallback } : (existing?.default !== undefined ? { default: existing.default } : {})),
    };
  };
  const convert = (node: unknown, key: string | undefined): unknown => {
    if (typeof node === 'string') {
      const whole = WHOLE.exec(node);
      if (whole) {
        declare(whole[1]!, key && LIST_FIELDS.has(key) ? 'list' : 'string', whole[2]);
        return `{{${whole[1]}}}`;
      }
      return node.replace(PLACEHOLDER, (_, name: string, fallback: string | undefined) => {
        declare(name, 'string', fallback);
        return `{{${name}}}`;
      });
    }
    if (Array.isArray(node)) return node.map((n) => convert(n, key));
    if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, convert(v, k)]));
    return node;
  };
  const body = convert(doc, undefined) as Record<string, unknown>;
  return { name: label.replace(/\.[^.]+$/, ''), description: `video_gen template ${label}`, variables, body };
}
