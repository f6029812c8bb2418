import { article, codeFacts, CONFIG, LIFECYCLE, thirdPerson, type CodeFacts } from './code-facts.ts';
import { tokenizeCode } from './code-tokens.ts';
import { isMostlyCode } from './speakable.ts';

/**
 * Says what a piece of code does, from what its author left in it: comments, the names of what it imports, creates,
 * defines and calls, and how those are nested ("This example loads ioredis, creates a Redis instance, and calls set
 * and get on redis. The listenForMessage function calls xread and processMessage."). One to three sentences, written
 * offline and deterministically; identifiers stay as written here and speakable() turns them into words.
 */

export { codeFacts, type CodeFacts } from './code-facts.ts';

export const COUNT = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export const listOf = (items: readonly string[], max = 4): string => {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  const all = more > 0 ? [...shown, `${COUNT[more] ?? more} more`] : shown;
  return all.length <= 1 ? (all[0] ?? '') : all.length === 2 ? `${all[0]} and ${all[1]}` : `${all.slice(0, -1).join(', ')}, and ${all.at(-1)}`;
};

/** What the top level does, as verb phrases in reading order. */
function actions(facts: CodeFacts): string[] {
  const out: string[] = [];
  if (facts.imports.length) out.push(`loads ${listOf(facts.imports, 3)}`);
  if (facts.instances.length) {
    const made = facts.instances.slice(0, 3).map(([name, n]) => (n === 1 ? `${article(name)} ${name} instance` : `${COUNT[n] ?? n} ${name} instances`));
    out.push(`creates ${listOf(made)}`);
  }
  const functions = facts.definitions.filter((d) => d.kind === 'function');
  const classes = facts.definitions.filter((d) => d.kind === 'class');
  out.push(...facts.made);
  if (classes.length) out.push(classes.length === 1 ? `defines the ${classes[0]!.name} class` : `defines the ${listOf(classes.map((c) => c.name))} classes`);
  if (functions.length) out.push(functions.length === 1 ? `defines the ${functions[0]!.name} function` : `defines ${COUNT[functions.length] ?? functions.length} functions, ${listOf(functions.map((f) => f.name))}`);
  const { options, commands, arguments: args } = facts.declared;
  if (commands.length) out.push(`adds the ${listOf(commands)} ${commands.length === 1 ? 'command' : 'commands'}`);
  if (options.length) out.push(`declares the ${listOf(options)} ${options.length === 1 ? 'option' : 'options'}`);
  if (args.length) out.push(`takes ${args.length === 1 ? `a ${args[0]} argument` : `${listOf(args)} arguments`}`);
  if (facts.events.length) out.push(`listens for the ${listOf(facts.events)} ${facts.events.length === 1 ? 'event' : 'events'}`);
  const defined = new Set(functions.map((f) => f.name));
  for (const [receiver, methods] of facts.calls) {
    if (out.length >= 6) break;
    if (!receiver) {
      const own = methods.filter((m) => defined.has(m));
      const other = methods.filter((m) => !defined.has(m));
      if (other.length) out.push(`calls ${listOf(other)}`);
      if (own.length) out.push(`then runs ${own.length === 1 ? own[0] : listOf(own)}`);
    } else {
      const life = methods.filter((m) => LIFECYCLE.has(m));
      const other = methods.filter((m) => !LIFECYCLE.has(m)).map((m) => m.replace(/\(\)$/, ''));
      if (other.length) out.push(`calls ${listOf([...new Set(other)])} on ${receiver}`);
      if (life.length) out.push(`${listOf(life.map(thirdPerson))} ${receiver === 'program' && life.includes('parse') ? 'the command line' : /^[a-z]\w*$/.test(receiver) ? `the ${receiver}` : receiver}`);
    }
  }
  if (facts.prints) out.push('prints the result');
  if (facts.keys.length) out.push(`sets ${listOf(facts.keys, 5)}`);
  return out;
}

/** Consecutive full-line comments are one thought written across lines; a comment after code on its line stands alone. */
function commentThoughts(comments: CodeFacts['comments'], lines: readonly string[]): { text: string; line: number; alone: boolean }[] {
  const out: { text: string; line: number; alone: boolean; last: number }[] = [];
  for (const c of comments) {
    const alone = /^\s*(?:\/\/|#|--|\/\*|\*)/.test(lines[c.line] ?? '');
    const prev = out.at(-1);
    if (prev && alone && prev.alone && c.line === prev.last + 1 && !/[.!?]$/.test(prev.text)) {
      prev.text = `${prev.text} ${c.text}`;
      prev.last = c.line;
    } else if (prev && alone && prev.alone && c.line === prev.last + 1 && /^[a-z]/.test(c.text)) {
      prev.text = `${prev.text} ${c.text}`;
      prev.last = c.line;
    } else out.push({ text: c.text, line: c.line, alone, last: c.line });
  }
  return out;
}

/** The comment that best says what the code is for: plain words, a whole thought, not a directive for tools. */
function telling(comments: CodeFacts['comments'], lines: readonly string[], firstCodeLine: number): { text: string; top: boolean } | undefined {
  const usable = commentThoughts(comments, lines)
    .map((c) => ({ ...c, text: (c.text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?])\s+/)[0] ?? '').trim() }))
    .filter((c) => {
      const words = c.text.split(' ').length;
      if (words < 4 || words > 28 || !/^[A-Za-z]/.test(c.text) || /:$/.test(c.text)) return false;
      if (/^(?:eslint|prettier|@ts-|tslint|noinspection|todo|fixme|xxx|hack|copyright|licen[cs]e|spdx|type:|jshint|global|result|returns? |output|prints?\b)/i.test(c.text)) return false;
      // Code quoted inside a comment ("`import { Redis } from …`", "=== [[null, 'OK']]") is not something to say.
      return !/[`<>[\]{}]|===|=>|\w\(|"[^"]*"\s*[:,/]/.test(c.text) && !isMostlyCode(c.text);
    });
  const top = usable.find((c) => c.alone && c.line <= firstCodeLine);
  const pick = top ?? usable.find((c) => c.alone) ?? usable[0];
  if (!pick) return undefined;
  return { text: pick.text, top: pick === top };
}

/** A comment that only says what the structure sentence already says ("Create a Redis instance."). */
function repeats(comment: string, said: string): boolean {
  const words = (t: string) => t.toLowerCase().match(/[a-z]{3,}/g) ?? [];
  const known = new Set(words(said).map((w) => w.replace(/e?s$/, '')));
  const own = words(comment).filter((w) => !/^(?:the|and|for|with|this|that|from|into|are|can|will)$/.test(w));
  return own.length > 0 && own.filter((w) => known.has(w.replace(/e?s$/, ''))).length / own.length >= 0.6;
}

const SUBJECTS = ['This example', 'The code', 'This snippet', 'Here, the code', 'The sample', 'This listing'];

/** A small, stable number from the code, so the same block always gets the same phrasing. */
export function codeSeed(code: string): number {
  let h = 0;
  for (let i = 0; i < code.length; i++) h = (h * 31 + code.charCodeAt(i)) >>> 0;
  return h;
}

export const sentence = (s: string) => {
  const t = s.trim().replace(/[,;:]+$/, '');
  const c = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(c) ? c : `${c}.`;
};

/** One to three sentences on what `code` does; '' when it says nothing a listener could use (e.g. plain data). */
export function explainCode(code: string, language = '', options: { maxSentences?: number; seed?: number } = {}): string {
  const max = options.maxSentences ?? 3;
  const facts = codeFacts(code, language);
  const seed = options.seed ?? codeSeed(code);
  const out: string[] = [];
  const lines = code.split('\n');
  const firstCodeLine = lines.findIndex((l) => l.trim() && !/^\s*(?:\/\/|#|--|\/\*|\*)/.test(l));
  const comment = telling(facts.comments, lines, firstCodeLine < 0 ? 0 : firstCodeLine);
  const acts = actions(facts);
  // A comment may start with a lower-case name the code uses ("ioredis supports…"): that name keeps its case.
  const names = new Set([...facts.imports, ...tokenizeCode(code, language).tokens.filter((t) => t.kind === 'ident' && /[A-Z\d_$]/.test(t.text.slice(1))).map((t) => t.text)]);
  const say = (text: string) => (names.has(text.split(/[\s,.]/)[0]!) && /^[a-z]/.test(text) ? sentence(text).replace(/^./, (c) => c.toLowerCase()) : sentence(text));
  if (comment?.top && !repeats(comment.text, acts.join(' '))) out.push(say(comment.text));
  if (acts.length) {
    const subject = CONFIG.test(language) ? 'The configuration' : SUBJECTS[seed % SUBJECTS.length]!;
    // Actions are the code's own steps: the first six are said, with no "and two more" (the screen shows the rest).
    out.push(sentence(`${subject} ${listOf(acts.slice(0, 6), 6)}`));
  }
  for (const fn of facts.definitions.filter((d) => d.kind !== 'class' && d.calls.length).slice(0, 2)) {
    const self = fn.calls.includes(fn.name);
    const calls = fn.calls.filter((c) => c !== fn.name);
    const what = [calls.length ? `calls ${listOf(calls, 3)}` : '', self ? 'calls itself again' : ''].filter(Boolean).join(', then ');
    if (what) out.push(sentence(`The ${fn.async ? 'asynchronous ' : ''}${fn.name} ${fn.kind} ${what}`));
  }
  if (comment && !comment.top && !repeats(comment.text, out.join(' '))) out.push(say(comment.text));
  return out.slice(0, max).join(' ');
}
