import { DIFFICULTIES, type Difficulty } from '../../spec/index.ts';
import { asText, describe, isRecord, type Fields } from './fields.ts';

/**
 * video_gen's 12 scene types → our scene kinds, field by field. Each type lists every name any video_gen producer
 * emits for a slot (renderer, web builder, translation stage, YouTube adapter, templates: reference/video_gen.md §2.3),
 * first match wins. Keys that only fed video_gen's narration generator (`key_message`, `topic`, `key_points`, …)
 * become narration hints instead of visuals.
 */
export interface NarrationHints {
  /** Sentences spoken before the narration written from the visuals. */
  before: string[];
  after: string[];
}

export interface MappedScene {
  scene: Record<string, unknown>;
  hints: NarrationHints;
}

type Mapper = (f: Fields, hints: NarrationHints) => Record<string, unknown>;

const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const sentence = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);

function keyPoints(f: Fields, hints: NarrationHints): void {
  const points = f.lines('key_points');
  if (!points?.length) return;
  const items = points.map((p) => lowerFirst(p.replace(/[.!?]+$/, '')));
  const joined = items.length === 1 ? items[0] : items.length === 2 ? `${items[0]} and ${items[1]}` : `${items.slice(0, -1).join(', ')}, and ${items.at(-1)}`;
  hints.after.push(`Remember ${items.length === 1 ? 'this point' : `these ${items.length} points`}: ${joined}.`);
}

function hint(f: Fields, key: string, into: string[]): void {
  const text = f.text(key);
  if (text) into.push(sentence(text));
}

function difficulty(f: Fields): Difficulty | undefined {
  const raw = f.text('difficulty');
  if (!raw) return undefined;
  const value = raw.toLowerCase();
  if ((DIFFICULTIES as readonly string[]).includes(value)) return value as Difficulty;
  f.warn(`difficulty "${raw}" is not one of ${DIFFICULTIES.join(', ')}; left out`);
  return undefined;
}

/** List items: strings, {title, description} mappings (any producer's key names) or [title, description] pairs. */
function listItems(f: Fields): unknown[] | undefined {
  const raw = f.take('items');
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    f.warn(`field "items" should be a list; got ${describe(raw)}, ignored`);
    return undefined;
  }
  return raw.flatMap((item, i): unknown[] => {
    const text = asText(item);
    if (text) return [text];
    if (Array.isArray(item) && asText(item[0])) return [compact({ title: asText(item[0]), description: asText(item[1]) })];
    if (isRecord(item)) {
      const title = asText(item.title ?? item.name ?? item.text ?? item.label);
      const description = asText(item.description ?? item.desc ?? item.detail);
      const extra = Object.keys(item).filter((k) => !['title', 'name', 'text', 'label', 'description', 'desc', 'detail'].includes(k));
      if (extra.length) f.warn(`items[${i}]: unknown field(s) ${extra.map((k) => `"${k}"`).join(', ')} ignored`);
      if (title) return [compact({ title, description })];
      if (description) return [description];
    }
    f.warn(`items[${i}] is empty or not text; left out`);
    return [];
  });
}

/** Objectives are strings or `{objective}` mappings (video_gen's learning_objectives renderer accepts both). */
function objectives(f: Fields): string[] | undefined {
  const raw = f.take('objectives');
  if (raw === undefined) return undefined;
  const list = typeof raw === 'string' ? raw.split('\n') : Array.isArray(raw) ? raw : [];
  return list.map((o) => asText(isRecord(o) ? (o.objective ?? o.title ?? o.text) : o)).filter((o): o is string => Boolean(o));
}

/** A quiz answer may be an index, the text of an option, or a letter (A = first). */
function quizAnswer(f: Fields, options: string[] | undefined): number | undefined {
  const key = f.keyOf('correct_answer', 'answer');
  const raw = f.take('correct_answer', 'answer');
  if (raw === undefined) return undefined;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  const text = asText(raw);
  const opts = options ?? [];
  const byText = opts.findIndex((o) => o.trim().toLowerCase() === text?.toLowerCase());
  if (byText >= 0) return byText;
  if (text && /^[A-Fa-f]$/.test(text)) return text.toUpperCase().charCodeAt(0) - 65;
  if (text && /^\d+$/.test(text)) return Number(text);
  f.warn(`${key} "${text}" matches no option; set answer to the option's index (0 = first)`);
  return undefined;
}

function minutes(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

const MAPPERS: Record<string, { kind: string; map: Mapper }> = {
  title: {
    kind: 'title',
    map: (f, h) => {
      const scene = compact({ title: f.text('title', 'header', 'main_text'), subtitle: f.text('subtitle', 'sub_text', 'description'), badge: f.text('badge') });
      hint(f, 'key_message', h.after);
      return scene;
    },
  },
  command: {
    kind: 'command',
    map: (f, h) => {
      const scene = compact({ title: f.text('header', 'title'), description: f.text('description', 'subtitle'), commands: f.lines('commands', 'code') });
      hint(f, 'topic', h.before);
      keyPoints(f, h);
      return scene;
    },
  },
  list: {
    kind: 'list',
    map: (f, h) => {
      const scene = compact({ title: f.text('header', 'title'), description: f.text('description', 'subtitle'), items: listItems(f) });
      hint(f, 'topic', h.before);
      keyPoints(f, h);
      return scene;
    },
  },
  outro: {
    kind: 'outro',
    map: (f, h) => {
      // Renderer: main_text/sub_text; web builder: message/cta; templates: title/message/next_steps.
      const messageIsTitle = !f.has('main_text') && !f.has('title');
      const title = messageIsTitle ? f.text('message') : f.text('main_text', 'title');
      const subtitle = messageIsTitle ? f.text('sub_text', 'subtitle') : f.text('sub_text', 'subtitle', 'message');
      const scene = compact({ title, subtitle, callToAction: f.text('cta', 'call_to_action', 'next_steps') });
      hint(f, 'key_message', h.after);
      return scene;
    },
  },
  code_comparison: {
    kind: 'codeComparison',
    map: (f, h) => {
      const language = f.text('language');
      const side = (code: string | undefined, label: string | undefined) => (code ? compact({ code, label, language }) : undefined);
      const scene = compact({
        title: f.text('header', 'title'),
        before: side(f.code('before_code', 'before'), f.text('before_label') ?? 'Before'),
        after: side(f.code('after_code', 'after'), f.text('after_label') ?? 'After'),
      });
      hint(f, 'improvement', h.after);
      keyPoints(f, h);
      return scene;
    },
  },
  quote: {
    kind: 'quote',
    map: (f, h) => {
      const scene = compact({ text: f.text('quote_text', 'quote', 'text'), attribution: f.text('attribution', 'author') });
      hint(f, 'context', h.before);
      return scene;
    },
  },
  learning_objectives: {
    kind: 'learningObjectives',
    map: (f) => {
      const info = f.take('lesson_info');
      const lesson = isRecord(info) ? info : {};
      const prerequisites = lesson.prerequisites ?? f.take('prerequisites');
      const level = asText(lesson.difficulty)?.toLowerCase();
      if (level && !(DIFFICULTIES as readonly string[]).includes(level)) f.warn(`lesson_info.difficulty "${level}" is not one of ${DIFFICULTIES.join(', ')}; left out`);
      return compact({
        title: f.text('lesson_title', 'title', 'header'),
        objectives: objectives(f),
        duration: minutes(lesson.duration ?? f.take('duration')),
        difficulty: level && (DIFFICULTIES as readonly string[]).includes(level) ? level : difficulty(f),
        prerequisites: Array.isArray(prerequisites) ? prerequisites.map(asText).filter(Boolean) : undefined,
      });
    },
  },
  problem: {
    kind: 'problem',
    map: (f) => {
      const number = f.number('problem_number', 'number');
      return compact({
        number: number !== undefined && Number.isInteger(number) && number >= 1 ? number : undefined,
        title: f.text('title', 'header') ?? 'Problem',
        text: f.text('problem_text', 'text', 'description', 'problem'),
        difficulty: difficulty(f),
      });
    },
  },
  solution: {
    kind: 'solution',
    map: (f) =>
      compact({
        title: f.text('title', 'header') ?? 'Solution',
        code: f.code('solution_code', 'code'),
        language: f.text('language'),
        explanation: f.text('explanation', 'solution_text'),
      }),
  },
  checkpoint: {
    kind: 'checkpoint',
    map: (f) => {
      const number = f.number('checkpoint_number', 'number');
      f.ignore('title', 'checkpoint scenes draw "Checkpoint N" as their heading');
      return compact({
        number: number !== undefined && Number.isInteger(number) && number >= 1 ? number : undefined,
        completed: f.lines('completed_topics', 'learned_topics', 'completed', 'summary'),
        review: f.lines('review_questions', 'review'),
        next: f.lines('next_topics', 'next'),
      });
    },
  },
  quiz: {
    kind: 'quiz',
    map: (f) => {
      const options = f.lines('options');
      const reveal = f.take('show_answer', 'reveal');
      return compact({ question: f.text('question'), options, answer: quizAnswer(f, options), reveal: typeof reveal === 'boolean' ? reveal : undefined });
    },
  },
  exercise: {
    kind: 'exercise',
    map: (f) => {
      const hints = f.lines('hints') ?? [];
      const time = f.take('estimated_time');
      const instructions = [...(f.lines('instructions', 'steps') ?? []), ...hints.map((h) => `Hint: ${h}`)];
      return compact({
        title: f.text('title', 'header'),
        instructions: instructions.length ? instructions : undefined,
        difficulty: difficulty(f),
        estimatedTime: typeof time === 'number' ? `${time} min` : asText(time),
      });
    },
  },
};

export const VIDEO_GEN_SCENE_TYPES = Object.keys(MAPPERS);

/** Maps one scene's visual fields; `undefined` when the type is not one of video_gen's 12. */
export function mapVisuals(type: string, f: Fields): MappedScene | undefined {
  const entry = MAPPERS[type];
  if (!entry) return undefined;
  const hints: NarrationHints = { before: [], after: [] };
  const fields = entry.map(f, hints);
  // video_gen's template solution has prose steps but no code; a list of steps shows them instead of an empty panel.
  if (entry.kind === 'solution' && fields.code === undefined) {
    const steps = f.lines('steps');
    if (steps?.length) {
      f.warn('solution has no code; its steps are shown as a list');
      return { scene: compact({ kind: 'list', title: fields.title, description: fields.explanation, items: steps }), hints };
    }
  }
  f.ignore('background', 'video_gen background styles have no counterpart; use `background: "#hex"` in the converted spec');
  f.ignore('style', 'video_gen animation styles have no counterpart; every scene animates the same way');
  return { scene: { kind: entry.kind, ...fields }, hints };
}
