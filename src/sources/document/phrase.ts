import type { DocBlock, DocModel } from './model.ts';

/**
 * Turns headings into phrases that fit inside a spoken sentence: "Quick Start" → "quick start", "Using Redis" →
 * "using Redis" (names stay capitalised), "Install the CLI" → an imperative ("Here's how to install the CLI").
 * Which words are names is learnt from the document: a word written capitalised in the middle of a sentence.
 */

const IMPERATIVE = new Set(
  'add answer apply ask attend avoid book build call cancel check choose clone configure connect create customise customize debug define deploy enable export extend fetch find follow get handle import install join keep learn load log make manage measure migrate monitor open pick prepare protect publish read register remove review retry run save scale schedule secure select send set share shadow sign start submit store test try tune understand update upgrade use visit wait watch write'.split(
    ' ',
  ),
);

/** The text starts with an instruction ("Install the CLI", "run the worker"). */
export const isImperative = (text: string) => IMPERATIVE.has((text.split(/\s+/)[0] ?? '').toLowerCase().replace(/[^a-z]/g, ''));

export interface Topic {
  /** The heading as a phrase for mid-sentence use, numbering and trailing punctuation removed. */
  phrase: string;
  /** The heading starts with a verb in the imperative ("Install the CLI"). */
  imperative: boolean;
  /** The heading is a question ("Why Quiver?"). */
  question: boolean;
}

/** Words the document writes capitalised mid-sentence (names), lower-cased for lookup. */
export function properWords(model: DocModel): Set<string> {
  const names = new Set<string>();
  const texts: string[] = [];
  const visit = (b: DocBlock) => {
    if (b.type === 'paragraph' || b.type === 'quote') texts.push(b.text);
    if (b.type === 'list') texts.push(...b.items.map((i) => i.text));
  };
  model.intro.forEach(visit);
  model.sections.forEach((s) => s.blocks.forEach(visit));
  for (const text of texts) {
    for (const m of text.matchAll(/(?<![.!?:]\s|^)\b([A-Z][\w.-]*[\w])/g)) names.add(m[1]!.toLowerCase());
  }
  return names;
}

/** Removes "1.", "2.3", "Chapter 4:", "Step 2 -" and similar numbering from a heading. */
export function stripNumbering(heading: string): string {
  return heading
    .replace(/^(?:chapter|part|section|step)\s+[\dIVXivx]+\s*[:.\-—–]?\s*/i, '')
    .replace(/^\d+(?:\.\d+)*\.?\s+/, '')
    .trim();
}

function caseWord(word: string, names: ReadonlySet<string>): string {
  // Acronyms, camelCase, dotted names (Node.js) and known names keep their case.
  if (!/^[A-Z][a-z'’-]*$/.test(word)) return word;
  // Articles and prepositions are never names, even when a PDF wrote them capitalised mid-sentence.
  if (/^(?:the|a|an|of|and|or|in|on|for|to|with|by|at|from)$/i.test(word)) return word.toLowerCase();
  return names.has(word.toLowerCase()) ? word : word.toLowerCase();
}

export function topicOf(heading: string, names: ReadonlySet<string>): Topic {
  const bare = stripNumbering(heading).replace(/[:.]+$/, '').trim() || heading;
  const question = /\?$/.test(bare);
  const words = bare.split(/\s+/);
  const phrase = words.map((w) => caseWord(w, names)).join(' ');
  const imperative = !question && IMPERATIVE.has((words[0] ?? '').toLowerCase()) && words.length > 1;
  return { phrase, imperative, question };
}

/** Lower-cases the first word of `text` unless it is a name, for use in the middle of a sentence. */
export function midSentence(text: string, names: ReadonlySet<string>): string {
  const [first = '', ...rest] = text.split(' ');
  return [caseWord(first, names), ...rest].join(' ');
}

/** Capitalises the first letter for the start of a sentence. */
export const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function countWord(n: number): string {
  return ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][n] ?? String(n);
}

/** "step" / "steps" by count. */
export const plural = (n: number, one: string, many = `${one}s`) => `${countWord(n)} ${n === 1 ? one : many}`;

/** Ensures a sentence ends with terminal punctuation. */
export const sentence = (s: string) => {
  const t = s.trim();
  return !t || /[.!?]$/.test(t) ? t : `${t}.`;
};

/** An ASCII slug for ids ("Quick Start!" → "quick-start"); empty when the heading has no Latin letters or digits. */
export function slug(text: string, max = 40): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, max).replace(/-+$/, '');
}
