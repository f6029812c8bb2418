import type { SceneInput } from '../../spec/index.ts';
import { spokenList } from '../../writing/templates.ts';
import { keyPoints, capWords, pickSentences } from '../condense.ts';
import type { DocBlock, DocListItem } from './model.ts';
import { capital, countWord, midSentence, plural, sentence, type Topic } from './phrase.ts';

/**
 * Narration written from a section's content. The document's own sentences are spoken where there are any (they are
 * the most natural script); a short bridge says what is on screen ("For installation, run these two commands."),
 * phrased so that any heading fits: imperatives become "Here's how to …", questions are asked, others are nouns.
 */

export interface Voice {
  topic: Topic;
  language: string;
  names: ReadonlySet<string>;
}

/** Item titles mid-sentence: "Install dependencies" → "install dependencies", names kept. */
const mid = (voice: Voice, items: readonly string[]) => items.map((t) => midSentence(t, voice.names));

const LANGUAGE_NAMES: Record<string, string> = {
  ts: 'TypeScript', typescript: 'TypeScript', tsx: 'TypeScript', js: 'JavaScript', javascript: 'JavaScript', jsx: 'JavaScript', mjs: 'JavaScript',
  py: 'Python', python: 'Python', rb: 'Ruby', ruby: 'Ruby', go: 'Go', rust: 'Rust', rs: 'Rust', java: 'Java', kotlin: 'Kotlin', swift: 'Swift',
  c: 'C', cpp: 'C++', 'c++': 'C++', cs: 'C#', csharp: 'C#', php: 'PHP', sql: 'SQL', yaml: 'YAML', yml: 'YAML', json: 'JSON', toml: 'TOML',
  html: 'HTML', css: 'CSS', bash: 'shell', sh: 'shell', dockerfile: 'Dockerfile', ini: 'configuration', xml: 'XML', graphql: 'GraphQL',
};

export const languageName = (lang: string) => LANGUAGE_NAMES[lang.toLowerCase()];

/** A bridge sentence naming the topic, e.g. "Here's how to install Quiver." or "Why Quiver?" */
function opener(voice: Voice): string {
  const { phrase, imperative, question } = voice.topic;
  if (question) return capital(phrase);
  return imperative ? `Here's how to ${phrase.charAt(0).toLowerCase()}${phrase.slice(1)}.` : '';
}

const join = (...parts: (string | undefined)[]) => parts.filter((p) => p && p.trim()).map((p) => sentence(p!)).join(' ');

export function commandNarration(commands: readonly string[], lead: string | undefined, voice: Voice, introduces = false): string {
  const n = commands.filter((c) => c.startsWith('$')).length;
  const run = n === 1 ? 'run this command' : `run these ${plural(n, 'command')}`;
  const { phrase, imperative, question } = voice.topic;
  if (lead) return join(lead, introduces ? undefined : `In a terminal, ${run}`);
  if (imperative || question) return join(opener(voice), `In a terminal, ${run}`);
  return join(`For ${phrase}, ${run} in a terminal`);
}

export function codeNarration(language: string, lead: string | undefined, voice: Voice, introduces = false): string {
  const name = languageName(language);
  const example = name ? `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} example` : 'an example';
  const { phrase, imperative, question } = voice.topic;
  if (lead) return join(lead, introduces ? undefined : `Here is ${example}`);
  if (imperative) return join(`Here's how to ${phrase.charAt(0).toLowerCase()}${phrase.slice(1)}, in ${name ?? 'code'}`);
  if (question) return join(opener(voice), `Here is ${example}`);
  return join(`Here is ${example} of ${phrase}`);
}

/** Item titles short enough to be read out as a list. */
function speakable(items: readonly DocListItem[]): string[] | undefined {
  const titles = items.map((i) => i.title ?? i.text);
  return items.length <= 6 && titles.every((t) => t.split(/\s+/).length <= 5) ? titles : undefined;
}

const ORDINALS = ['First', 'Then', 'Next', 'After that', 'Then', 'Next'];

/** Items read out as sentences ("First, define a job. Then, …"), up to about 70 words. */
function readItems(items: readonly DocListItem[], ordered: boolean, voice: Voice): string {
  const lines = items.map((item, i) => {
    const body = item.title && item.description ? `${sentence(item.title.replace(/[:.]$/, ''))} ${capital(item.description)}` : item.text;
    if (!ordered) return sentence(capital(body));
    const word = i === items.length - 1 && i > 0 ? 'Finally' : ORDINALS[i] ?? 'Then';
    return sentence(`${word}, ${midSentence(body, voice.names)}`);
  });
  return capWords(lines, 70);
}

/** "Features" takes "include"; "Troubleshooting" does not. */
const pluralNoun = (phrase: string) => /[^s]s$|ies$/i.test(phrase.split(' ').at(-1) ?? '') && phrase.split(' ').length <= 3;

export function listNarration(block: Extract<DocBlock, { type: 'list' }>, items: readonly DocListItem[], lead: string | undefined, voice: Voice, continued: boolean): string {
  const spoken = speakable(items);
  const titles = spoken && mid(voice, spoken);
  const n = items.length;
  const { phrase, imperative, question } = voice.topic;
  const body = titles ? undefined : readItems(items, block.ordered, voice);
  if (continued) return join(titles ? `The list continues with ${spokenList(titles)}` : body);
  if (lead) return join(lead, titles && !block.ordered ? `They are ${spokenList(titles)}` : body);
  if (block.ordered) {
    const head = imperative ? `Here's how to ${phrase.charAt(0).toLowerCase()}${phrase.slice(1)}, in ${plural(n, 'step')}` : question ? opener(voice) : `${capital(phrase)} takes ${plural(n, 'step')}`;
    return join(head, titles ? capital(spokenList(titles)) : body);
  }
  if (titles && !imperative && !question && pluralNoun(phrase)) return join(`${capital(phrase)} include ${spokenList(titles)}`);
  if (items.every((i) => i.title?.endsWith('?'))) return join(body ?? spokenList(titles ?? []));
  const head = imperative || question ? opener(voice) : pluralNoun(phrase) ? `Here are ${countWord(n)} ${phrase}` : `Here ${n === 1 ? 'is one point' : `are ${countWord(n)} points`} on ${phrase}`;
  return join(head, titles ? `They are ${spokenList(titles)}` : body);
}

export function tableNarration(header: readonly string[], rows: readonly string[][], lead: string | undefined, voice: Voice, continued: boolean): string {
  const labels = rows.map((r) => r[0] ?? '').filter(Boolean);
  const columns = mid(voice, header.slice(1).filter(Boolean));
  const named = labels.length <= 5 && labels.every((l) => l.split(/\s+/).length <= 4) ? spokenList(labels) : `${plural(labels.length, 'entry', 'entries')}`;
  if (continued) return join(`The table continues with ${named}`);
  const rowNoun = header[0] && header[0].split(/\s+/).length <= 2 ? midSentence(header[0], voice.names) : undefined;
  const compare = !columns.length ? `The table lists ${named}` : rowNoun ? `The table lists each ${rowNoun}, with columns for ${spokenList(columns)}` : `The table compares ${named} by ${spokenList(columns)}`;
  return join(lead ?? (voice.topic.question ? opener(voice) : undefined), compare);
}

export function quoteNarration(text: string, attribution: string | undefined, lead: string | undefined, voice: Voice): string {
  const quote = capWords(pickSentences(text, 3), 50);
  const who = attribution?.split(/,|\bof\b|\(/)[0]?.trim();
  return join(lead, who ? `As ${who} put it: ${midSentence(quote, voice.names)}` : quote);
}

/** Prose → a key-points list; the narration speaks the picked sentences in full. */
export function proseScene(title: string, text: string, voice: Voice): SceneInput | undefined {
  const sentences = pickSentences(text, 4, voice.language);
  const items = keyPoints(sentences, 90);
  if (!items.length) return undefined;
  const spoken = capWords(sentences, 70);
  return { kind: 'list', title, items, numbered: false, narration: join(voice.topic.question ? opener(voice) : undefined, spoken) };
}
