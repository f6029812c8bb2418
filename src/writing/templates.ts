import type { Scene } from '../spec/index.ts';
import { explainCode } from './code-explain.ts';
import { speakable } from './speakable.ts';
import { PHRASES, type Phrases } from './templates/index.ts';
import { bare, ender, endsSentence, joinList } from './templates/text.ts';

/**
 * Narration written from the visuals when a scene has none: plain, grammatical sentences that say what is on
 * screen, in the spec's language. (A later writing stage may rewrite these with an LLM.) The wording of each language
 * is its phrase table (templates/<code>.ts); the functions here read a scene once for all of them. The scene's own
 * text is never translated here: a translated spec brings its titles already in its language.
 */

/** "a, b, and c": English lists as document sources write them (the templates use each language's own `list`). */
export function spokenList(items: readonly string[], conjunction = 'and'): string {
  return joinList(items.map(bare).filter(Boolean), ', ', ` ${conjunction} `, true);
}

/** Command lines without their prompt and output markers, as they would be read aloud. */
function spokenCommands(commands: readonly string[]): string[] {
  return commands.filter((c) => /^\s*\$/.test(c)).map((c) => c.replace(/^\s*\$\s*/, ''));
}

/** What code does, from its comments and names (writing/code-explain.ts), made speakable; `fallback` when it says nothing. */
function codeWords(code: string, language: string | undefined, fallback: string, phrases: Phrases): string {
  // code-explain writes English: in any other language the plain phrase is said instead.
  if (!phrases.explainsCode) return fallback;
  const said = speakable(explainCode(code, language ?? 'text', { maxSentences: 2 }));
  return said ? said.charAt(0).toUpperCase() + said.slice(1) : fallback;
}

/** Languages with narration templates, ISO 639-1. */
export const NARRATION_LANGUAGES: readonly string[] = Object.keys(PHRASES);

/** The primary subtag of a BCP-47 tag: pt-BR → pt, zh-Hans → zh. */
const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0]!;

/** Whether offline narration can be written in this language (primary subtag of a BCP-47 tag). */
export function hasNarrationTemplates(language: string): boolean {
  return NARRATION_LANGUAGES.includes(primary(language));
}

/** Narration for a scene without any, in `language` (English when that language has no templates: check first). */
export function templateNarration(scene: Scene, language = 'en'): string {
  const p = PHRASES[primary(language)] ?? PHRASES.en!;
  const end = ender(p.stop);
  const ask = (q: string) => (endsSentence(q) ? q.trim() : p.ask ? p.ask(q.trim()) : ender(p.questionMark)(q));
  const items = (xs: readonly string[]) => xs.map(bare).filter(Boolean);
  // Chinese and Japanese sentences follow each other without a space, except after a Latin full stop (an untranslated title).
  const say = (...sentences: (string | false | undefined)[]) =>
    sentences.filter((s): s is string => Boolean(s)).reduce((text, s) => (text ? `${text}${/[.!?]$/.test(text) ? ' ' : p.gap}${s}` : s), '');
  switch (scene.kind) {
    case 'title':
      return say(end(scene.title), scene.subtitle && end(scene.subtitle));
    case 'command': {
      const count = spokenCommands(scene.commands).length;
      return say(end(scene.title), scene.description && end(scene.description), count > 0 && p.runCommands(count));
    }
    case 'list':
      return say(end(scene.title), scene.description && end(scene.description), p.cover(items(scene.items.map((i) => (typeof i === 'string' ? i : i.title)))));
    case 'outro':
      return say(end(scene.title), scene.subtitle && end(scene.subtitle), scene.callToAction && end(scene.callToAction));
    case 'codeComparison': {
      const label = (l: string | undefined) => (l === undefined ? undefined : bare(l) || undefined);
      return say(end(scene.title), p.comparison(label(scene.before.label), label(scene.after.label)));
    }
    case 'quote':
      return scene.attribution ? p.quote(bare(scene.attribution), end(scene.text)) : end(scene.text);
    case 'learningObjectives':
      return p.objectives(bare(scene.title), items(scene.objectives));
    case 'problem':
      return say(`${scene.number ? p.problem(scene.number) : ''}${end(scene.title)}`, end(scene.text));
    case 'solution':
      return say(end(scene.title), scene.explanation ? end(scene.explanation) : codeWords(scene.code, scene.language, p.code.solution, p));
    case 'image':
    case 'video':
      // A picture speaks for itself: its heading and caption are read when it has them, otherwise nothing is said.
      return say(scene.title && end(scene.title), scene.caption && end(scene.caption));
    case 'checkpoint':
      return say(
        p.checkpoint(scene.number),
        scene.completed.length > 0 && p.covered(items(scene.completed)),
        scene.review.length > 0 && p.review(items(scene.review)),
        scene.next.length > 0 && p.next(items(scene.next)),
      );
    case 'quiz': {
      const options = scene.options.map((o, i) => ({ letter: p.letter(i), option: bare(o) }));
      return say(p.quiz, ask(scene.question), p.choices(options), scene.reveal && p.answer(p.letter(scene.answer), scene.options[scene.answer]!));
    }
    case 'exercise':
      return p.exercise(end(scene.title), scene.instructions.length, scene.estimatedTime ? bare(scene.estimatedTime) : undefined);
    case 'code':
      return say(scene.title && end(scene.title), codeWords(scene.code, scene.language, scene.title ? p.code.titled : p.code.untitled, p));
  }
}

/**
 * The narration a scene will speak: its own, or the template in the spec's language; '' when it has none and the
 * language has no templates (the pipeline fills those in by translation first, or warns: never English read by a
 * German voice).
 */
export function narrationFor(scene: Scene, language = 'en'): string {
  if (scene.narration !== undefined) return scene.narration;
  return hasNarrationTemplates(language) ? templateNarration(scene, language) : '';
}
