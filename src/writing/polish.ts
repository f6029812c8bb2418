import type { SceneInput } from '../spec/index.ts';
import { splitSentences } from './sentences.ts';
import { speakable } from './speakable.ts';

/**
 * The last writing pass over a whole video's narration, after every scene has its words: nothing read aloud that a
 * listener cannot use (URLs, e-mail addresses, file names), no doubled words, no sentence template used more than
 * twice, varied connectives. Runs on one video's scenes in order, because repetition is a property of the video.
 * Deterministic: the same scenes always get the same words.
 */

/** A sentence template, as a listener hears it: its first three words, counts and numbers alike ("Here is a …"). */
export function sentenceTemplate(sentence: string): string {
  return sentence
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'’]/gu, ' ')
    .trim()
    .split(/\s+/)
    .slice(0, 3)
    .map((w) => (/^\d+$|^(?:one|two|three|four|five|six|seven|eight|nine|ten)$/.test(w) ? '#' : w))
    .join(' ');
}

/** How often each template opens a sentence across the narrations (for tests and reports). */
export function templateUses(narrations: readonly string[], language = 'en'): Map<string, number> {
  const uses = new Map<string, number>();
  for (const n of narrations) for (const s of splitSentences(n, language)) uses.set(sentenceTemplate(s), (uses.get(sentenceTemplate(s)) ?? 0) + 1);
  return uses;
}

const MAX_TEMPLATE_USES = 2;

/** Connectives that can stand in for each other at the start of a sentence. */
const FAMILIES: readonly (readonly string[])[] = [
  ['Then', 'Next', 'After that', 'From there'],
  ['Also', 'In addition', 'Besides', 'On top of that', "What's more"],
  ['For example', 'For instance', 'As an example', 'To give an example'],
  ['However', 'That said', 'Still', 'Even so'],
  ['So', 'As a result', 'That way', 'Because of this'],
  ['By default', 'Out of the box', 'Unless told otherwise'],
  ['Finally', 'Lastly', 'To finish'],
];
const CONNECTIVE = new RegExp(`^(${FAMILIES.flat().sort((a, b) => b.length - a.length).join('|')}),\\s+`, 'i');

/** Openers a person would vary: a rewrite that keeps the meaning and changes how the sentence starts. */
const OPENERS: readonly [RegExp, readonly ((...m: string[]) => string)[]][] = [
  [/^If you want to ([^,]+), (.+)$/i, [(_, a, b) => `To ${a}, ${b}`, (_, a, b) => `When you need to ${a}, ${b}`]],
  [/^If you (?:need|wish) to ([^,]+), (.+)$/i, [(_, a, b) => `To ${a}, ${b}`]],
  [/^You can optionally (.+)$/i, [(_, a) => `Optionally, you can ${a}`, (_, a) => `If you like, you can ${a}`, (_, a) => `It is also possible to ${a}`]],
  [/^You (?:can|may) also (.+)$/i, [(_, a) => `It is also possible to ${a}`, (_, a) => `Another option is to ${a}`, (_, a) => `There is also a way to ${a}`]],
  [/^You (?:can|may) (.+)$/i, [(_, a) => `It is possible to ${a}`, (_, a) => `One option is to ${a}`, (_, a) => `There is a way to ${a}`]],
  [/^In a terminal, (.+)$/i, [(_, a) => a, (_, a) => `${a.replace(/[.!?]$/, '')} in a terminal.`, (_, a) => `From a terminal, ${a}`]],
  [/^Here is (.+)$/i, [(_, a) => `Here's ${a}`, (_, a) => `This shows ${a}`]],
  [/^There (?:is|are) (.+)$/i, [(m) => m.replace(/^There (is|are)/i, (_x, v: string) => `There ${v} also`)]],
  // The subjects code explanations start with (writing/code-explain.ts), each a different template.
  [/^(?:This example|The code|This snippet|Here, the code|The example|This code|The sample|This listing) (.+)$/i, ['This example', 'The code', 'This snippet', 'Here, the code', 'The example', 'This code', 'The sample', 'This listing', 'In this example, the code', 'The program'].map((subject) => (_: string, a: string) => `${subject} ${a}`)],
  [/^The (.+)$/i, [(_, a) => `Here, the ${a}`]],
];

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) && !/^I\b/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Then, then see" → "Then, see"; "the the" → "the". Leaves "that that" and "had had", which can be grammatical. */
export function undouble(sentence: string): string {
  return sentence
    .replace(/(?<![\p{L}'])([\p{L}']+)([,;:]?)\s+\1(?![\p{L}'])/giu, (m, word: string, mark: string) => (/^(?:that|had|is)$/i.test(word) ? m : `${word}${mark}`))
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1');
}

/**
 * A lead-in closed as a sentence keeps no dangling conjunction: "Start a Redis server on 127.0.0.1:6379, and then." →
 * "Start a Redis server on 127.0.0.1:6379." (the words that followed the colon are on screen, not in the sentence).
 */
export function closeDangling(sentence: string): string {
  const m = /^(.*?\S)[\s,;]+(?:and then|and so|and|or|but|then|so|as well as|such as|e\.g\.?|i\.e\.?)\s*([.!?:]*)$/i.exec(sentence);
  if (!m) return sentence;
  const body = m[1]!.replace(/[,;:]+$/, '');
  // A sentence that is only the conjunction ("Then.") has nothing left to say.
  return /\p{L}/u.test(body) ? `${body}${m[2]?.includes('?') ? '?' : m[2]?.includes('!') ? '!' : '.'}` : sentence;
}

function familyOf(connective: string): readonly string[] | undefined {
  return FAMILIES.find((f) => f.some((c) => c.toLowerCase() === connective.toLowerCase()));
}

interface State {
  uses: Map<string, number>;
  /** Connectives that opened the last few sentences, lower-cased. */
  recent: string[];
}

const fits = (state: State, s: string) => (state.uses.get(sentenceTemplate(s)) ?? 0) < MAX_TEMPLATE_USES;

/** The sentence with another connective of its family, one not used recently and not over its template limit. */
function swapConnective(sentence: string, state: State, force: boolean): string | undefined {
  const m = CONNECTIVE.exec(sentence);
  if (!m) return undefined;
  const used = m[1]!;
  if (!force && !state.recent.includes(used.toLowerCase())) return undefined;
  const rest = sentence.slice(m[0].length);
  for (const alt of familyOf(used) ?? []) {
    if (alt.toLowerCase() === used.toLowerCase() || state.recent.includes(alt.toLowerCase())) continue;
    const candidate = `${alt}, ${rest}`;
    if (fits(state, candidate)) return candidate;
  }
  return undefined;
}

/** A rewrite of a sentence whose template is used up: another opener, another connective, or an added one. */
function rephrase(sentence: string, state: State, index: number, canDrop: boolean): string | undefined {
  const swapped = swapConnective(sentence, state, true);
  if (swapped) return swapped;
  for (const [pattern, rewrites] of OPENERS) {
    const m = pattern.exec(sentence);
    if (!m) continue;
    for (const rewrite of rewrites) {
      const candidate = capital(rewrite(...(m as unknown as string[])));
      if (fits(state, candidate)) return candidate;
    }
  }
  // Dropping a sentence beats dressing it with a connective that means nothing ("Besides, the code creates…").
  if (canDrop || CONNECTIVE.test(sentence)) return undefined;
  // An added connective, picked by position so the same video always gets the same words.
  const adds = ['Also', 'In addition', 'Besides', 'On top of that', "What's more"];
  for (let k = 0; k < adds.length; k++) {
    const alt = adds[(index + k) % adds.length]!;
    if (state.recent.includes(alt.toLowerCase())) continue;
    const candidate = `${alt}, ${lowerFirst(sentence.replace(/^Here,\s+/, ''))}`;
    if (fits(state, candidate)) return candidate;
  }
  return undefined;
}

/** Languages not written in Latin letters: there an English sentence is a stock phrase that leaked, never content. */
const NON_LATIN_LANGUAGE = /^(?:zh|ja|ko|ar|fa|ur|he|yi|ru|uk|bg|sr|mk|be|kk|el|hi|mr|ne|bn|pa|gu|ta|te|kn|ml|si|th|lo|km|my|ka|hy|am)\b/i;
/** Common English words: two of them make a sentence English ("That covers 安装.", "Here are three points on …"). */
const ENGLISH_WORDS = new Set('a an the and or but of on in at to for from with by is are was were be it its this that these those here there they we you your our covers cover also more full rest thanks watching watch link description see points point steps step first next then which what how can will use using about e-mail address shows goes'.split(' '));
const isEnglish = (sentence: string) => (sentence.toLowerCase().match(/(?<![\p{L}\p{N}])[a-z][a-z'-]*(?![\p{L}\p{N}])/gu) ?? []).filter((w) => ENGLISH_WORDS.has(w)).length >= 2;

function polishOne(narration: string, language: string, state: State, sceneIndex: number): string {
  const sentences = splitSentences(speakable(narration, language), language)
    .map(undouble)
    .map((x) => (/^en\b/i.test(language) ? closeDangling(x) : x));
  // The rewrites below are English phrasings; other languages get the speakable pass and undoubling only, and lose
  // any English stock sentence an earlier step wrote for them (a silent scene beats a switch of language).
  if (!/^en\b/i.test(language)) {
    const own = NON_LATIN_LANGUAGE.test(language) ? sentences.filter((x) => !isEnglish(x)) : sentences;
    return own.join(/^(?:zh|ja)\b/i.test(language) ? '' : ' ').replace(/([。！？])\.+/g, '$1');
  }
  const out: string[] = [];
  sentences.forEach((raw, i) => {
    let s = swapConnective(raw, state, false) ?? raw;
    if (!fits(state, s)) {
      const better = rephrase(s, state, sceneIndex + i, out.length > 0 || i < sentences.length - 1);
      // Keep a scene's only sentence even if its template is used up: silence is worse than a repeat.
      if (better) s = better;
      else if (out.length || i < sentences.length - 1) return;
    }
    out.push(s);
    const template = sentenceTemplate(s);
    state.uses.set(template, (state.uses.get(template) ?? 0) + 1);
    const connective = CONNECTIVE.exec(s)?.[1]?.toLowerCase();
    state.recent = [...state.recent, connective ?? ''].slice(-3);
  });
  return out.join(' ');
}

export function polishNarration<S extends SceneInput>(scenes: S[], language = 'en'): S[] {
  const state: State = { uses: new Map(), recent: [] };
  return scenes.map((scene, index) => {
    if (!scene.narration?.trim()) return scene;
    const narration = polishOne(scene.narration, language, state, index);
    if (!narration && !/^en\b/i.test(language)) {
      // Everything it said was English in a video in another language: the scene stays, silent.
      const { narration: _english, ...silent } = scene;
      return silent as S;
    }
    return narration && narration !== scene.narration ? { ...scene, narration } : scene;
  });
}
