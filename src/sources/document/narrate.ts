import type { SceneInput } from '../../spec/index.ts';
import { codeSeed, explainCode } from '../../writing/code-explain.ts';
import { explainCommands } from '../../writing/command-explain.ts';
import { speakable } from '../../writing/speakable.ts';
import { spokenList } from '../../writing/templates.ts';
import { keyPoints, capWords, closeLead, pickSentences, sentenceScore, shorten, splitProse } from '../condense.ts';
import type { DocBlock, DocListItem } from './model.ts';
import { capital, countWord, isImperative, midSentence, plural, sentence, type Topic } from './phrase.ts';

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

/** Sentences joined and made speakable (no URL, file name or raw code read aloud). */
const join = (...parts: (string | undefined)[]) => speakable(sayAbbreviations(parts.filter((p) => p && p.trim()).map((p) => sentence(p!)).join(' ')));

/**
 * "e.g." and "i.e." said as words before speakable sees them: its sentence splitter (ICU) ends a sentence at their
 * dots, and the part before them was then closed as a fragment ("For commands containing keys,. GET, SET…").
 */
const sayAbbreviations = (text: string) => text.replace(/\be\.g\.,?(?=\s)/gi, 'for example').replace(/\bi\.e\.,?(?=\s)/gi, 'that is');

/** Share of `text`'s longer words that `other` already says. */
function overlap(text: string, other: string): number {
  const words = (t: string) => (t.toLowerCase().match(/[a-z][a-z-]{2,}/g) ?? []).filter((w) => !/^(?:the|and|with|then|run|this|these)$/.test(w));
  const known = new Set(words(other));
  const own = words(text);
  return own.length ? own.filter((w) => known.has(w)).length / own.length : 1;
}

/** Terminal scenes say what the commands do ("Install ioredis with npm."), after the document's own lead-in. */
export function commandNarration(commands: readonly string[], lead: string | undefined, voice: Voice, introduces = false): string {
  const n = commands.filter((c) => c.startsWith('$')).length;
  const explained = explainCommands(commands);
  const run = n === 1 ? 'run this command' : `run these ${plural(n, 'command')}`;
  const { phrase, imperative, question } = voice.topic;
  const seed = codeSeed(commands.join('\n'));
  // "In a terminal, install ioredis with npm." or "Install ioredis with npm, in a terminal." — chosen by content, so stable.
  const terminal = explained ? (seed % 2 ? `In a terminal, ${explained.charAt(0).toLowerCase()}${explained.slice(1)}` : explained) : undefined;
  // A lead-in ending in ":" ("Install the package with npm:") usually already says what the commands do.
  const said = introduces && explained && overlap(explained, lead ?? '') >= 0.5;
  if (lead) return join(lead, said ? undefined : (terminal ?? (introduces ? undefined : `In a terminal, ${run}`)));
  if (question) return join(opener(voice), terminal ?? `In a terminal, ${run}`);
  if (terminal) return join(imperative && !/^(?:install|run)\b/i.test(phrase) ? opener(voice) : undefined, terminal);
  return join(imperative ? opener(voice) : `For ${phrase}, ${run} in a terminal`, imperative ? `In a terminal, ${run}` : undefined);
}

/**
 * Code scenes explain the code from its comments, names and structure (writing/code-explain.ts), after the document's
 * own lead-in; `part` > 0 marks the continuation of a block split across scenes.
 */
export function codeNarration(code: string, language: string, lead: string | undefined, voice: Voice, part = 0): string {
  const explained = explainCode(code, language, { maxSentences: lead ? 2 : 3 });
  const name = languageName(language);
  const { phrase, imperative, question } = voice.topic;
  // When nothing else is left to say (the lead-in was only "For example:"), the scene still says what it shows.
  // Phrased by the code's seed: a document of many such blocks ("The code for the icon files is on screen." ×3) varies.
  const kind = `${name ? `${name} ` : ''}code`;
  const shown = [`The ${kind} for ${phrase} is on screen`, `Here is the ${kind} for ${phrase}`, `On screen now: the ${kind} for ${phrase}`][codeSeed(code) % 3]!;
  const onScreen = imperative ? `Here's how to ${phrase.charAt(0).toLowerCase()}${phrase.slice(1)}, in ${name ?? 'code'}` : shown;
  // A continued part with nothing of its own to say returns '': the caller moves a sentence of the previous part's
  // narration here (scenes.ts) rather than saying "The code continues on screen".
  if (part > 0) return explained ? join(explained) : '';
  return (lead && join(lead, explained)) || (explained && join(question ? opener(voice) : undefined, explained)) || join(question ? opener(voice) : undefined, onScreen);
}

/** Item titles short enough to be read out as a list. */
function shortTitles(items: readonly DocListItem[]): string[] | undefined {
  const titles = items.map((i) => (i.title ?? i.text).replace(/[:;,.]+$/, ''));
  // Repeated titles ("Extendable", "Extendable", …) say nothing read in a row; such lists are summarised instead.
  const unique = new Set(titles.map((t) => t.toLowerCase())).size === titles.length;
  return unique && items.length <= 6 && titles.every((t) => t.split(/\s+/).length <= 5) ? titles : undefined;
}

const ORDINALS = ['First', 'Then', 'Next', 'After that', 'Then', 'Next'];
/** Items that already open with a sequence word ("Then see…") get no second one ("Then, then see…"). */
const SEQUENCED = /^(?:first|then|next|after that|afterwards|finally|lastly|now|once)\b|^(?:\S+\s+){0,2}(?:first|second|third|last)\b/i;
/** Words an item may speak: a clause boundary well inside this, never a cut word. */
const ITEM_WORDS = 22;

/** A parenthesised aside, with one level of nested parentheses ("(e.g., blpop("key", 5))"). */
const PARENTHETICAL = /\s*\((?:[^()]|\([^()]*\))*\)/g;

/** An item as one spoken sentence: "Typed jobs. Payloads are validated…" shortened at a clause, never mid-word. */
function itemSentence(item: DocListItem): string {
  // A description's aside after a dash ("… - some frameworks ask…") is left to the screen.
  const description = item.description?.split(/\s+[-–—]\s+/)[0];
  // "Debug: replay directly on the minimal counterexample." — one sentence per item, so each is heard (and revealed) once.
  const body = item.title && description ? `${item.title.replace(/[:.]$/, '')}: ${/^[A-Z][a-z]/.test(description) && !/^[A-Z][a-z]+[A-Z]/.test(description) ? description.charAt(0).toLowerCase() + description.slice(1) : description}` : item.text;
  // An item that introduces a sub-list ("The second argument is the options, where:") is closed like a lead-in.
  const parts = splitProse(body).map((p) => (/:$/.test(p) ? closeLead(p) || p.replace(/:$/, '.') : p));
  // "Full-featured. It supports Cluster…": a bare title sentence is read with the one after it.
  const first = (parts[0] && parts[0].split(/\s+/).length < 4 && parts[1] ? `${parts[0]} ${parts[1]}` : parts[0]) ?? body;
  const words = first.split(/\s+/);
  if (words.length <= ITEM_WORDS) return sentence(item.title && item.description ? capWords(splitProse(body), ITEM_WORDS + 6) : first);
  // A long item loses its asides first ("(e.g., blpop("key", 5))"): cutting the words instead ended it mid-clause
  // ("…based on the command's timeout plus.").
  const bare = first.replace(PARENTHETICAL, '').replace(/\s+([,.;:])/g, '$1');
  if (bare !== first && bare.split(/\s+/).length <= ITEM_WORDS) return sentence(bare);
  // A word cut leaves a broken sentence in the voice ("…from the magic sniffing, use."): a sentence up to half as long
  // again is said whole; only a longer one is cut.
  if (bare.split(/\s+/).length <= ITEM_WORDS * 1.6) return sentence(bare);
  const cut = shorten(bare, ITEM_WORDS * 6);
  return sentence(cut.replace(/…$/, ''));
}

/** Items that share a title ("Extendable", "Extendable", …), in order of first appearance; other items stand alone. */
function groupByTitle(items: readonly DocListItem[]): DocListItem[][] {
  const groups: DocListItem[][] = [];
  const byTitle = new Map<string, DocListItem[]>();
  for (const item of items) {
    const key = item.title && item.description ? item.title.replace(/[:.]$/, '').toLowerCase() : undefined;
    const group = key ? byTitle.get(key) : undefined;
    if (group) group.push(item);
    else {
      groups.push([item]);
      if (key) byTitle.set(key, groups.at(-1)!);
    }
  }
  return groups;
}

/** A description as a clause of a longer sentence: its aside after a dash dropped, no end mark, plain words lower-cased. */
function clause(description: string): string {
  const first = (splitProse(description.split(/\s+[-–—]\s+/)[0]!)[0] ?? description).replace(/[.;:,]+$/, '');
  const lowered = /^[A-Z][a-z]/.test(first) && !/^[A-Z][a-z]+[A-Z]/.test(first) ? first.charAt(0).toLowerCase() + first.slice(1) : first;
  return shorten(lowered, 90).replace(/…$/, '');
}

/** Items sharing one title, said once: "Extendable: easy map method…, kind of flatMap-operation called chain, and one more." */
function groupSentence(group: readonly DocListItem[]): string {
  if (group.length === 1) return itemSentence(group[0]!);
  const said = group.slice(0, 3).map((i) => clause(i.description!));
  const more = group.length - said.length;
  return sentence(`${group[0]!.title!.replace(/[:.]$/, '')}: ${spokenList(more ? [...said, `${countWord(more)} more`] : said)}`);
}

/** Steps read in order ("First, define a job. Then, …"), each in its own sentence, up to about 70 words. */
function readSteps(items: readonly DocListItem[], voice: Voice): string {
  const lines = items.map((item, i) => {
    const body = itemSentence(item);
    if (SEQUENCED.test(body)) return body;
    const word = i === items.length - 1 && i > 0 ? 'Finally' : (ORDINALS[i] ?? 'Then');
    return sentence(`${word}, ${midSentence(body, voice.names)}`);
  });
  return capWords(lines, 70);
}

/** How much an item says, for picking the ones to read out of a long list. */
const weight = (item: DocListItem) => sentenceScore(item.title && item.description ? `${item.title} ${item.description}` : item.text, 0) + (item.title ? 2 : 0);

/**
 * A list of long items is introduced and summarised, not read item by item: up to three of the most telling items
 * are read in their order (one sentence each, so the picture can reveal each as it is named) and the rest are left
 * to the screen. Short lists are read whole.
 */
function summariseItems(items: readonly DocListItem[], noun: string, seed: number, continued = false): string {
  // Items that share a title are one unit, said in one sentence ("Extendable: a, b, and c"), never title by title.
  const units = groupByTitle(items);
  if (units.length <= 3) return units.map(groupSentence).join(' ');
  const picked = units
    .map((group, i) => ({ group, i, w: Math.max(...group.map(weight)) + group.length - 1 }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, units.length <= 4 ? 2 : 3)
    .sort((a, b) => a.i - b.i);
  const n = items.length;
  const k = countWord(picked.length);
  const intros = continued ? [`The list goes on with ${countWord(n)} more ${noun}`, `${capital(countWord(n))} more ${noun} follow`, `Then come ${countWord(n)} more ${noun}`] : [`There are ${countWord(n)} ${noun}, and ${k} stand out`, `The list has ${countWord(n)} ${noun}; ${k} matter most`, `Of the ${countWord(n)} ${noun}, ${k} are worth a closer look`];
  const rest = n - picked.reduce((sum, p) => sum + p.group.length, 0);
  const outros = [`The other ${countWord(rest)} are on screen`, `${capital(countWord(rest))} more are on screen`, `The remaining ${countWord(rest)} are on screen`];
  return join(intros[seed % intros.length], ...picked.map((p) => groupSentence(p.group)), rest > 0 ? outros[seed % outros.length] : undefined);
}

/** Quoted values or code as list titles ("\"legacy\"", "`resp3`"): the quotes are for the eye, not the voice. */
const QUOTED = /^["'`“‘]([^"'`”’]+)["'`”’]$/;

/** Items that are labels (link titles such as "🏁 Introduction to Property Based & Hands On"), not sentences. */
const isLabelList = (items: readonly DocListItem[]) =>
  items.length >= 2 && items.every((i) => !i.description && !/[.!?;:,]/.test(i.text) && i.text.split(/\s+/).length <= 8);

/** A label without its leading emoji or bullet, for saying mid-sentence. */
const label = (text: string) => text.replace(/^[^\p{L}\p{N}]+/u, '').trim();

/**
 * A list of labels said in one sentence naming the two or three that tell most: labels with no "&" or "and" first
 * (a spoken list of them is unambiguous), then the longer ones; the rest are left to the screen.
 */
function labelSentence(items: readonly DocListItem[], voice: Voice, lead: boolean): string {
  const labels = items.map((i) => label(i.text)).filter(Boolean);
  const joined = (l: string) => /&|\band\b/i.test(l);
  const picked = labels
    .map((l, i) => ({ l, i }))
    .sort((a, b) => Number(joined(a.l)) - Number(joined(b.l)) || a.i - b.i)
    .slice(0, 3)
    .sort((a, b) => a.i - b.i)
    // "Built-in arbitraries" is a heading-style label: mid-sentence its first word is an ordinary word.
    .map((p) => p.l.replace(/\s*&\s*/g, ' and '))
    .map((l) => (/^[A-Z][a-z-]+(?:\s[a-z][\w-]*)+$/.test(l) ? l.charAt(0).toLowerCase() + l.slice(1) : midSentence(l, voice.names)));
  const rest = labels.length - picked.length;
  const list = spokenList(picked);
  if (!rest) return lead ? `They are ${list}` : `The list names ${list}`;
  return lead ? `Among them are ${list}, with ${countWord(rest)} more on screen` : `The list names ${list}, and ${countWord(rest)} more`;
}

/** "Features" takes "include"; "Troubleshooting" does not. */
const pluralNoun = (phrase: string) => /[^s]s$|ies$/i.test(phrase.split(' ').at(-1) ?? '') && phrase.split(' ').length <= 3;
const CONTINUES = ['The list continues with', 'It goes on with', 'Next on the list are', 'After those come', 'Further down are', 'The next ones are', 'More follow:', 'Then there are'];

/** `chunk` > 0: a continuation scene of a list split across scenes. */
export function listNarration(block: Extract<DocBlock, { type: 'list' }>, items: readonly DocListItem[], lead: string | undefined, voice: Voice, chunk = 0): string {
  const continued = chunk > 0;
  const spoken = shortTitles(items);
  // "They are "legacy" and "resp3"" → "The options are legacy and resp3": quoted values are choices, said bare.
  const values = spoken?.every((t) => QUOTED.test(t)) ? spoken.map((t) => QUOTED.exec(t)![1]!) : undefined;
  const titles = values ?? (spoken && mid(voice, spoken));
  const they = values ? 'The options are' : 'They are';
  const n = items.length;
  const { phrase, imperative, question } = voice.topic;
  const seed = codeSeed(items.map((i) => i.text).join('\n'));
  const noun = pluralNoun(phrase) ? phrase : 'points';
  // Ordered lists are steps, unless they are numbered features: bold titles ("**Full-featured**. It supports…"), not instructions.
  const featureLike = items.filter((i) => i.title && !isImperative(i.title)).length > items.length / 2;
  const steps = block.ordered && !featureLike && items.filter((i) => isImperative(i.title ?? i.text)).length >= items.length / 3;
  const labels = !titles && !steps && !continued && isLabelList(items);
  const body = titles ? undefined : steps ? readSteps(items, voice) : labels ? labelSentence(items, voice, Boolean(lead)) : summariseItems(items, noun, seed, continued);
  // Adjacent parts of one list never share an opening; different lists start at different places.
  if (continued) return join(titles ? `${CONTINUES[(codeSeed(block.items[0]?.text ?? '') + chunk - 1) % CONTINUES.length]} ${spokenList(titles)}` : body);
  if (lead) return join(lead, titles && !block.ordered ? `${they} ${spokenList(titles)}` : body);
  if (steps) {
    const head = imperative ? `Here's how to ${phrase.charAt(0).toLowerCase()}${phrase.slice(1)}, in ${plural(n, 'step')}` : question ? opener(voice) : `${capital(phrase)} takes ${plural(n, 'step')}`;
    return join(head, titles ? capital(spokenList(titles)) : body);
  }
  if (titles && !imperative && !question && pluralNoun(phrase)) return join(`${capital(phrase)} include ${spokenList(titles)}`);
  if (items.every((i) => i.title?.endsWith('?'))) return join(body ?? spokenList(titles ?? []));
  if (!titles && !imperative && !question && (n > 3 || labels)) return join(body);
  const head = imperative || question ? opener(voice) : pluralNoun(phrase) ? `Here are ${countWord(n)} ${phrase}` : `Here ${n === 1 ? 'is one point' : `are ${countWord(n)} points`} on ${phrase}`;
  return join(head, titles ? `${they} ${spokenList(titles)}` : body);
}

/**
 * First cells that are versions ("4.x", "v2", "1.2.3"): the rows are releases. A bare number ("63434") is not: ids,
 * ports and years are numbers too, and "each release, from 63434" misreads a table of uids.
 */
const VERSION = /^(?:v\d+(?:\.(?:\d+|x|\*))*|\d+(?:\.(?:\d+|x|\*))+)\+?$/i;

/**
 * A first column header that names what each row is ("Option", "Command", "Name"): plain words, not a product name
 * ("fast-check", "Node.js"), not a name the document capitalises, not the section's own topic.
 */
function isRowNoun(header: string, voice: Voice): boolean {
  const words = header.trim().split(/\s+/);
  if (words.length > 2 || !words.every((w) => /^[A-Za-z][a-z]+$/.test(w))) return false;
  // "Redis" written capitalised mid-sentence elsewhere in the document is a name, not a kind of row.
  if (words.length === 1 && /^[A-Z]/.test(header) && voice.names.has(header.toLowerCase())) return false;
  return header.toLowerCase() !== voice.topic.phrase.toLowerCase();
}

/**
 * A continuation of a table split across scenes: what its rows run from and to, and two of their names, so that parts
 * of one table never say the same sentence ("More rows follow: six entries." three times in one video).
 */
function tableContinued(header: readonly string[], rows: readonly string[][], labels: readonly string[], named: string, chunk: number, voice: Voice): string {
  const opening = ['The table continues with', 'More rows follow, with', 'The table goes on with'][(codeSeed(header.join('|')) + chunk - 1) % 3]!;
  if (labels.length <= 5 && !/\bentries$/.test(named)) return `${opening} ${named}`;
  const noun = header[0] && isRowNoun(header[0], voice) ? plural(2, midSentence(header[0], voice.names)).replace(/^two /, '') : 'rows';
  const range = labels.length >= 2 ? `${noun} ${labels[0]} to ${labels.at(-1)}` : named;
  // Second-column values that are names ("qmails", "tss") say what the rows are about; long text is left to the screen.
  const names = rows.map((r) => r[1] ?? '').filter((c) => c && c.split(/\s+/).length <= 3 && c.length <= 24).slice(0, 2);
  return `${opening} ${range}${names.length === 2 ? `, among them ${spokenList(names)}` : ''}`;
}

/** `continued`: the chunk number of a table split across scenes (0 or false for its first part). */
export function tableNarration(header: readonly string[], rows: readonly string[][], lead: string | undefined, voice: Voice, continued: boolean | number): string {
  const labels = rows.map((r) => r[0] ?? '').filter(Boolean);
  const columns = mid(voice, header.slice(1).filter(Boolean));
  const named = labels.length <= 5 && labels.every((l) => l.split(/\s+/).length <= 4) ? spokenList(labels) : `${plural(labels.length, 'entry', 'entries')}`;
  if (continued) return join(tableContinued(header, rows, labels, named, Number(continued), voice));
  const rowNoun = header[0] && isRowNoun(header[0], voice) ? midSentence(header[0], voice.names) : undefined;
  const said = columns.map((c) => c.replace(/\s*\([^)]*\)/g, '').trim()).filter(Boolean);
  const versions = labels.length >= 2 && labels.every((l) => VERSION.test(l));
  // "≥12.17.0" in every value cell: the table is of minimum requirements, per release line.
  const bounds = rows.flatMap((r) => r.slice(1).filter(Boolean));
  const minimum = bounds.filter((c) => /^(?:≥|>=|\^|~)/.test(c)).length > bounds.length / 2;
  // "4.x" is heard as "4": the rows are major versions.
  const release = labels.every((l) => /\.x$/i.test(l)) ? 'major version' : 'release';
  const compare = !columns.length
    ? `The table lists ${named}`
    : versions
      ? `The table gives the ${minimum ? 'minimum ' : ''}${spokenList(said)} for each ${release}, from ${labels[0]} to ${labels.at(-1)}`
      : rowNoun
        ? `The table lists each ${rowNoun}, with columns for ${spokenList(said)}`
        : `The table compares ${named} by ${spokenList(said)}`;
  return join(lead ?? (voice.topic.question ? opener(voice) : undefined), compare);
}

/** GitHub alert labels (from-mdast.ts) are what kind of aside a quote is, not who said it. */
const ALERT_LABELS: Record<string, string> = { Note: 'A note', Tip: 'A tip', Important: 'Important', Warning: 'A warning', Caution: 'A word of caution' };

export function quoteNarration(text: string, attribution: string | undefined, lead: string | undefined, voice: Voice): string {
  const quote = capWords(pickSentences(text, 3), 50);
  const alert = attribution ? ALERT_LABELS[attribution] : undefined;
  if (alert) return join(lead, `${alert}: ${midSentence(quote, voice.names)}`);
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
