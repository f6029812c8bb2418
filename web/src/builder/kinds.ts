import type { z } from 'zod';
import { SCENE_SCHEMAS, type SceneKind } from '../../../src/spec/index.ts';
import { fieldsOf, labelOf } from './schema-fields.ts';

/**
 * The scene kinds the builder offers, straight from SCENE_SCHEMAS. A kind's description is its schema's own
 * `.describe()` text when it has one; the scene schemas carry none yet, so the builder names the kind's required
 * fields with their descriptions instead, which also come from the schema.
 */
export interface KindInfo {
  kind: SceneKind;
  label: string;
  description: string;
  schema: z.ZodType;
}

const LABELS: Partial<Record<SceneKind, string>> = { codeComparison: 'Code comparison', learningObjectives: 'Learning objectives' };

/** Fields every kind has (kind, id, narration, timing…): they say nothing about what a kind shows. */
export const SHARED_FIELDS: ReadonlySet<string> = new Set(Object.keys(SCENE_SCHEMAS[0].shape).filter((name) => SCENE_SCHEMAS.every((s) => name in s.shape)));

export const KINDS: KindInfo[] = SCENE_SCHEMAS.map((schema) => {
  const kind = schema.shape.kind.value as SceneKind;
  const own = fieldsOf(schema).filter((f) => !SHARED_FIELDS.has(f.name));
  const required = own.some((f) => f.required) ? own.filter((f) => f.required) : own;
  // "Items: strings or {…}" already names its field; other hints get the field's label in front.
  const explain = (f: (typeof required)[number]) => (f.hint?.startsWith(`${f.label}:`) ? f.hint : `${f.label}: ${f.hint ?? ''}`.trim());
  const described = (schema as z.ZodType).description ?? required.map(explain).join(' ');
  return { kind, label: LABELS[kind] ?? labelOf(kind), description: described, schema };
});

export function kindInfo(kind: unknown): KindInfo | undefined {
  return KINDS.find((k) => k.kind === kind);
}

/** A new scene that already validates, so adding one never turns the draft red. */
export function newScene(kind: SceneKind): Record<string, unknown> {
  switch (kind) {
    case 'title':
      return { kind, title: 'New title', subtitle: 'A line under it' };
    case 'command':
      return { kind, title: 'Run it', commands: ['$ npm install', '✓ done'] };
    case 'list':
      return { kind, title: 'Three things', items: ['First', 'Second', 'Third'] };
    case 'outro':
      return { kind, title: 'Thanks for watching', callToAction: 'Subscribe for more' };
    case 'codeComparison':
      return { kind, title: 'Before and after', before: { label: 'Before', code: 'var x = 1', language: 'javascript' }, after: { label: 'After', code: 'const x = 1', language: 'javascript' } };
    case 'quote':
      return { kind, text: 'Simplicity is prerequisite for reliability.', attribution: 'Edsger W. Dijkstra' };
    case 'learningObjectives':
      return { kind, title: 'What you will learn', objectives: ['The first idea', 'The second idea'] };
    case 'problem':
      return { kind, title: 'The problem', text: 'Describe the problem here.' };
    case 'solution':
      return { kind, title: 'The solution', code: 'print("hello")', language: 'python' };
    case 'checkpoint':
      return { kind, completed: ['What we covered'], review: ['A question to review'], next: ['What comes next'] };
    case 'quiz':
      return { kind, question: 'Which one is right?', options: ['This one', 'That one'], answer: 0 };
    case 'exercise':
      return { kind, title: 'Try it', instructions: ['The first step', 'The second step'] };
    case 'code':
      return { kind, title: 'Some code', code: 'const answer = 42;', language: 'typescript' };
    case 'image':
      return { kind, src: 'https://example.com/picture.jpg', title: 'A picture' };
    case 'video':
      return { kind, src: 'https://example.com/clip.mp4', title: 'A clip' };
  }
}

/** The line a scene shows in the list: its kind and its first piece of text. */
export function sceneSummary(scene: unknown): string {
  const s = (scene ?? {}) as Record<string, unknown>;
  const text = [s.title, s.question, s.text, s.id].find((v) => typeof v === 'string' && v.trim());
  return typeof text === 'string' ? text : '(untitled)';
}
