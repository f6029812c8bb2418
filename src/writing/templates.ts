import type { Scene } from '../spec/index.ts';
import { explainCode } from './code-explain.ts';
import { speakable } from './speakable.ts';

/**
 * Narration written from the visuals when a scene has none: plain, grammatical sentences that say what is on
 * screen. (A later writing stage may rewrite these with an LLM.) Every template reads naturally for any content:
 * items are joined as a spoken list and end with a full stop.
 */
const end = (s: string) => (/[.!?…]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
const bare = (s: string) => s.trim().replace(/[.!?:;,]+$/, '');

export function spokenList(items: readonly string[], conjunction = 'and'): string {
  const clean = items.map(bare).filter(Boolean);
  if (clean.length <= 1) return clean[0] ?? '';
  if (clean.length === 2) return `${clean[0]} ${conjunction} ${clean[1]}`;
  return `${clean.slice(0, -1).join(', ')}, ${conjunction} ${clean.at(-1)}`;
}

const count = (n: number, one: string, many: string) => `${n === 1 ? 'one' : n === 2 ? 'two' : n === 3 ? 'three' : n === 4 ? 'four' : n === 5 ? 'five' : String(n)} ${n === 1 ? one : many}`;

/** Command lines without their prompt and output markers, as they would be read aloud. */
function spokenCommands(commands: readonly string[]): string[] {
  return commands.filter((c) => /^\s*\$/.test(c)).map((c) => c.replace(/^\s*\$\s*/, ''));
}

/** What code does, from its comments and names (writing/code-explain.ts), made speakable; `fallback` when it says nothing. */
function codeWords(code: string, language: string | undefined, fallback: string): string {
  const said = speakable(explainCode(code, language ?? 'text', { maxSentences: 2 }));
  return said ? said.charAt(0).toUpperCase() + said.slice(1) : fallback;
}

/** Languages with narration templates (OWNER: helper h2 fills in de, es, fr, pt, it, nl, ja, zh, ko, ar, hi, ru). */
export const NARRATION_LANGUAGES: readonly string[] = ['en'];

/** Whether offline narration can be written in this language (primary subtag of a BCP-47 tag). */
export function hasNarrationTemplates(language: string): boolean {
  return NARRATION_LANGUAGES.includes(language.toLowerCase().split(/[-_]/)[0]!);
}

/** Narration for a scene without any, in `language` (English when that language has no templates: check first). */
export function templateNarration(scene: Scene, language = 'en'): string {
  void language;
  switch (scene.kind) {
    case 'title':
      return [end(scene.title), scene.subtitle ? end(scene.subtitle) : ''].filter(Boolean).join(' ');
    case 'command': {
      const cmds = spokenCommands(scene.commands);
      const lead = end(scene.title);
      const desc = scene.description ? ` ${end(scene.description)}` : '';
      return cmds.length ? `${lead}${desc} In the terminal, run ${cmds.length === 1 ? 'this command' : `these ${count(cmds.length, 'command', 'commands')}`}.` : `${lead}${desc}`;
    }
    case 'list': {
      const titles = scene.items.map((i) => (typeof i === 'string' ? i : i.title));
      return `${end(scene.title)} ${scene.description ? `${end(scene.description)} ` : ''}We'll cover ${spokenList(titles)}.`;
    }
    case 'outro':
      return [end(scene.title), scene.subtitle ? end(scene.subtitle) : '', scene.callToAction ? end(scene.callToAction) : ''].filter(Boolean).join(' ');
    case 'codeComparison':
      return `${end(scene.title)} On the left, ${bare(scene.before.label ?? 'the original version').toLowerCase()}; on the right, ${bare(scene.after.label ?? 'the improved version').toLowerCase()}.`;
    case 'quote':
      return scene.attribution ? `As ${bare(scene.attribution)} put it: ${end(scene.text)}` : end(scene.text);
    case 'learningObjectives':
      return `In this lesson, ${bare(scene.title)}, you will learn to ${spokenList(scene.objectives.map((o) => o.charAt(0).toLowerCase() + o.slice(1)))}.`;
    case 'problem':
      return `${scene.number ? `Problem ${scene.number}: ` : ''}${end(scene.title)} ${end(scene.text)}`;
    case 'solution':
      return `${end(scene.title)} ${scene.explanation ? end(scene.explanation) : codeWords(scene.code, scene.language, "Here's the code.")}`;
    case 'image':
    case 'video':
      // A picture speaks for itself: its heading and caption are read when it has them, otherwise nothing is said.
      return [scene.title ? end(scene.title) : '', scene.caption ? end(scene.caption) : ''].filter(Boolean).join(' ');
    case 'checkpoint': {
      const parts = [`Let's pause for checkpoint${scene.number ? ` ${scene.number}` : ''}.`];
      if (scene.completed.length) parts.push(`So far we have covered ${spokenList(scene.completed)}.`);
      if (scene.review.length) parts.push(`Take a moment to review: ${spokenList(scene.review.map(bare), 'and')}.`);
      if (scene.next.length) parts.push(`Next, we will look at ${spokenList(scene.next)}.`);
      return parts.join(' ');
    }
    case 'quiz': {
      const letters = scene.options.map((o, i) => `${String.fromCharCode(65 + i)}, ${bare(o)}`);
      const answer = scene.reveal ? ` The answer is ${String.fromCharCode(65 + scene.answer)}: ${end(scene.options[scene.answer]!)}` : '';
      return `Quiz time. ${end(scene.question)} Is it ${spokenList(letters, 'or')}?${answer}`;
    }
    case 'exercise':
      return `Your turn: ${end(scene.title)} There ${scene.instructions.length === 1 ? 'is one step' : `are ${count(scene.instructions.length, 'step', 'steps')}`}${scene.estimatedTime ? `, and it takes about ${bare(scene.estimatedTime)}` : ''}. Pause the video and give it a try.`;
    case 'code':
      return [scene.title ? end(scene.title) : '', codeWords(scene.code, scene.language, scene.title ? "Let's read through the code." : "Let's read through this example.")].filter(Boolean).join(' ');
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
