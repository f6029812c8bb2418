import type { SceneKind } from '../../spec/index.ts';

/**
 * Which spec fields are words for people (translated) and which are not (kept as written): declared once, per scene
 * kind. Paths are dotted; `[]` walks a list (`items[]` are the plain-string items, `items[].title` the titles of the
 * object items). A path in `keep` keeps everything under it. test/writing/translate-spec-fields.test.ts walks the zod
 * schema and fails when a field exists that neither list names, so a new field cannot be shipped untranslated (or
 * translated by accident) without a decision here.
 *
 * Never translated: code, terminal commands, ids, languages, media paths/URLs, stock search terms (stock providers
 * search best in English), highlight lines, numbers, enums, voices, citations.
 */
export interface FieldDecision {
  translate: readonly string[];
  keep: readonly string[];
}

/** Fields every scene kind has; `narration` is handled by translateSpec itself (templates, warnings). */
export const COMMON_SCENE_FIELDS: FieldDecision = {
  translate: ['narration'],
  keep: ['kind', 'id', 'voice', 'minDuration', 'maxDuration', 'transition', 'background', 'source'],
};

export const SCENE_FIELDS: Readonly<Record<SceneKind, FieldDecision>> = {
  title: { translate: ['title', 'subtitle', 'badge'], keep: [] },
  command: { translate: ['title', 'description'], keep: ['commands'] },
  list: { translate: ['title', 'description', 'items[]', 'items[].title', 'items[].description'], keep: ['numbered'] },
  outro: { translate: ['title', 'subtitle', 'callToAction'], keep: [] },
  codeComparison: { translate: ['title', 'before.label', 'after.label'], keep: ['before.code', 'before.language', 'after.code', 'after.language'] },
  quote: { translate: ['text', 'attribution'], keep: [] },
  learningObjectives: { translate: ['title', 'objectives[]', 'prerequisites[]'], keep: ['duration', 'difficulty'] },
  problem: { translate: ['title', 'text'], keep: ['number', 'difficulty'] },
  solution: { translate: ['title', 'explanation'], keep: ['code', 'language'] },
  checkpoint: { translate: ['completed[]', 'review[]', 'next[]'], keep: ['number'] },
  quiz: { translate: ['question', 'options[]'], keep: ['answer', 'reveal'] },
  exercise: { translate: ['title', 'instructions[]', 'estimatedTime'], keep: ['difficulty'] },
  code: { translate: ['title'], keep: ['code', 'language', 'highlight'] },
  image: { translate: ['title', 'caption'], keep: ['src', 'fit', 'motion'] },
  video: { translate: ['title', 'caption'], keep: ['src', 'start', 'end', 'loop', 'muted', 'fit'] },
};

/** The video's own fields. */
export const VIDEO_FIELDS: FieldDecision = {
  translate: ['title', 'description'],
  keep: ['$schema', 'id', 'language', 'aspect', 'resolution', 'fps', 'theme', 'voice', 'voices', 'captions', 'music', 'broll', 'scenes'],
};

/** One string in the data, found by a path: read it, write its translation back. */
export interface TextSlot {
  path: string;
  value: string;
  set(value: string): void;
}

/** Every string at `path` in `data` (objects are walked in place, so `set` writes into `data`). */
export function slotsAt(data: unknown, path: string, where = ''): TextSlot[] {
  const [head, ...rest] = path.split('.');
  if (!head || data === null || typeof data !== 'object') return [];
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  const holder = data as Record<string, unknown>;
  const value = holder[key];
  const here = where ? `${where}.${key}` : key;
  if (list) {
    if (!Array.isArray(value)) return [];
    return value.flatMap((element: unknown, i) => {
      if (rest.length) return slotsAt(element, rest.join('.'), `${here}[${i}]`);
      return typeof element === 'string' ? [{ path: `${here}[${i}]`, value: element, set: (v: string) => void (value[i] = v) }] : [];
    });
  }
  if (rest.length) return slotsAt(value, rest.join('.'), here);
  return typeof value === 'string' ? [{ path: here, value, set: (v: string) => void (holder[key] = v) }] : [];
}
