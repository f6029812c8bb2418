import { ADJECTIVE_SUFFIX, COMMON_ADJECTIVES, COMMON_VERBS, DETERMINERS, IRREGULAR_PAST, LY_NOUNS, NUMBER_WORDS, RATE_WORDS, STOP_WORDS, SUBJECT_PRONOUNS, VAGUE_NOUNS, VERB_LEADS } from './english-words.ts';
import { stem } from './words.ts';

/**
 * Offline search terms for stock footage: the nouns and noun phrases of a sentence, without a part-of-speech model.
 * Function words, numbers, adverbs and verbs split a sentence into runs; each run is a candidate phrase ("fishing
 * boats", "harbour", "dawn"). A word from the common-verb list is a verb only when it follows a noun ("the harbour
 * fills"), not a determiner ("the rain"); an -ing or -ed word is kept when it modifies the next word ("fishing
 * boats", "painted walls"). Phrases are ranked by specificity: names and two-word phrases first, vague nouns never.
 */

interface Token {
  text: string;
  lower: string;
  /** Capitalised and not the first word of the sentence: part of a name ("New York", "Lisbon"). */
  name: boolean;
}

type Role = 'content' | 'break';

const MAX_PHRASE_WORDS = 3;
const OBJECT_MARKERS = new Set('the a an this these those my your his her its our their'.split(' '));

/** Ranked search terms for one sentence (best first), lower-case except names. */
export function extractKeywords(sentence: string, language = 'en'): string[] {
  if (!language.toLowerCase().startsWith('en')) return fallbackKeywords(sentence);
  const scored: { term: string; score: number; at: number }[] = [];
  // A full stop ends a segment only before a space or the end, so "Node.js" and "3.5" stay whole words.
  const segments = sentence.split(/[.!?]+(?=\s|$)|[,;:!?()[\]{}"“”‘’«»—–/\\|]+|\s-\s/);
  for (const [index, segment] of segments.entries()) {
    const tokens = tokenize(segment, index === 0);
    const roles = tokens.map((_, i) => roleOf(tokens, i));
    let run: Token[] = [];
    const flush = () => {
      const phrase = trimPhrase(run);
      run = [];
      if (!phrase.length) return;
      scored.push({ term: phrase.map((t) => (t.name ? t.text : t.lower)).join(' '), score: specificity(phrase), at: scored.length });
    };
    tokens.forEach((t, i) => (roles[i] === 'content' ? run.push(t) : flush()));
    flush();
  }
  const seen = new Set<string>();
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.at - b.at)
    .map((s) => s.term)
    .filter((term) => {
      const key = term.toLowerCase().split(' ').map(stem).join(' ');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function tokenize(segment: string, startsSentence: boolean): Token[] {
  const words = segment.split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/['’]s$/u, '')).filter(Boolean);
  return words.map((text, i) => ({ text, lower: text.toLowerCase().replace(/’/g, "'"), name: /^\p{Lu}/u.test(text) && !(i === 0 && startsSentence) && text !== 'I' }));
}

function roleOf(tokens: Token[], i: number): Role {
  const t = tokens[i]!;
  const w = t.lower;
  if (t.name) return 'content';
  if (/\d/.test(w) || NUMBER_WORDS.has(w)) return 'break';
  if (STOP_WORDS.has(w) || w.length < 2) return 'break';
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const nextIsContent = next !== undefined && !STOP_WORDS.has(next.lower) && !/\d/.test(next.lower) && !NUMBER_WORDS.has(next.lower);
  if (/ly$/.test(w) && w.length > 4 && !LY_NOUNS.has(w)) return 'break';
  // -ing / -ed forms: a modifier before a noun ("fishing boats", "painted walls"), else the verb of the clause.
  if (/(ing|ed)$/.test(w) && w.length > 5) return nextIsContent ? 'content' : 'break';
  if (IRREGULAR_PAST.has(w)) return 'break';
  if (prev && VERB_LEADS.has(prev.lower)) return 'break';
  // An imperative opens the sentence: "Install Node.js", "Close your eyes".
  if (i === 0 && !t.name && isCommonVerb(w) && (next === undefined || !isCommonVerb(next.lower))) return 'break';
  const afterDeterminer = prev !== undefined && (DETERMINERS.has(prev.lower) || COMMON_ADJECTIVES.has(prev.lower) || ADJECTIVE_SUFFIX.test(prev.lower));
  if (!afterDeterminer && isCommonVerb(w)) return 'break';
  // A word right before an article or possessive takes it as its object: "soften your hands", "the sun lights the
  // sea". Nouns are rarely followed directly by one ("boats every morning" uses words outside this set).
  const startsRate = (next?.lower === 'a' || next?.lower === 'an' || next?.lower === 'per') && RATE_WORDS.has(tokens[i + 2]?.lower ?? '');
  if (next && OBJECT_MARKERS.has(next.lower) && !afterDeterminer && !startsRate) return 'break';
  if (prev && SUBJECT_PRONOUNS.has(prev.lower) && /[^s]s$/.test(w)) return 'break';
  if (/(ates|izes|ises|ifies)$/.test(w) && !afterDeterminer) return 'break';
  // "gulls circle above": a bare word after a plural noun and before a function word agrees with it as its verb.
  const nextIsFunctionWord = next === undefined || STOP_WORDS.has(next.lower);
  if (prev && /[^s']s$/.test(prev.lower) && !STOP_WORDS.has(prev.lower) && !/s$/.test(w) && nextIsFunctionWord && !afterDeterminer) return 'break';
  return 'content';
}

function isCommonVerb(word: string): boolean {
  if (COMMON_VERBS.has(word)) return true;
  const forms = [word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, ''), word.replace(/ed$/, ''), word.replace(/d$/, ''), word.replace(/ied$/, 'y')];
  return forms.some((f) => f !== word && COMMON_VERBS.has(f));
}

/** Keeps at most the last three words (the head noun ends an English noun phrase) and drops a trailing adjective. */
function trimPhrase(run: Token[]): Token[] {
  let phrase = run.slice(-MAX_PHRASE_WORDS);
  const adjective = (t: Token) => !t.name && (ADJECTIVE_SUFFIX.test(t.lower) || COMMON_ADJECTIVES.has(t.lower));
  while (phrase.length && adjective(phrase.at(-1)!)) phrase = phrase.slice(0, -1);
  while (phrase.length > 1 && !phrase[0]!.name && VAGUE_NOUNS.has(phrase[0]!.lower)) phrase = phrase.slice(1);
  // A vague head stays vague with a modifier ("the surprising part").
  const head = phrase.at(-1);
  if (head && !head.name && VAGUE_NOUNS.has(head.lower)) return [];
  return phrase;
}

function specificity(phrase: Token[]): number {
  let score = 1 + (phrase.length - 1) * 1.5;
  for (const t of phrase) {
    if (t.name) score += 1.5;
    if (t.lower.length >= 7) score += 0.5;
    if (VAGUE_NOUNS.has(t.lower)) score -= 1;
  }
  return score;
}

/** Other languages: the longer words, which are content words far more often than not. */
function fallbackKeywords(sentence: string): string[] {
  const words = sentence.split(/[^\p{L}\p{N}'-]+/u).filter((w) => w.length >= 4 && !/\d/.test(w));
  return [...new Set(words.map((w) => w.toLowerCase()))].sort((a, b) => b.length - a.length).slice(0, 5);
}

/** A stretch of consecutive sentences that gets one clip: about 4–6 s of speech. */
export interface NarrationChunk {
  /** Index of the first sentence in the scene. */
  start: number;
  /** One past the last sentence. */
  end: number;
  seconds: number;
  text: string;
}

/**
 * Groups a scene's sentences into chunks of about 4–6 s of speech, one clip each, at sentence boundaries (a clip
 * never starts mid-sentence). A chunk closes once it reaches 4 s, or earlier when the next sentence would take it
 * past 6 s; a single sentence longer than that is a chunk of its own.
 */
export function chunkNarration(sentences: readonly string[], seconds: readonly number[], minSeconds = 4, maxSeconds = 6): NarrationChunk[] {
  const chunks: NarrationChunk[] = [];
  let start = 0;
  let total = 0;
  for (let i = 0; i < sentences.length; i++) {
    const s = Math.max(0, seconds[i] ?? 0);
    if (i > start && total + s > maxSeconds && total >= minSeconds / 2) {
      chunks.push({ start, end: i, seconds: total, text: sentences.slice(start, i).join(' ') });
      start = i;
      total = 0;
    }
    total += s;
    if (total >= minSeconds) {
      chunks.push({ start, end: i + 1, seconds: total, text: sentences.slice(start, i + 1).join(' ') });
      start = i + 1;
      total = 0;
    }
  }
  if (start < sentences.length) {
    const rest = { start, end: sentences.length, seconds: total, text: sentences.slice(start).join(' ') };
    // A short tail joins the chunk before it rather than flashing a clip for a second.
    const last = chunks.at(-1);
    if (last && total < minSeconds / 2) chunks[chunks.length - 1] = { start: last.start, end: rest.end, seconds: last.seconds + total, text: `${last.text} ${rest.text}` };
    else chunks.push(rest);
  }
  return chunks;
}

/** Offline terms for a chunk: each sentence's best phrases, interleaved so the first sentence leads. */
export function chunkKeywords(sentences: readonly string[], language = 'en', limit = 4): string[] {
  const lists = sentences.map((s) => extractKeywords(s, language));
  const out: string[] = [];
  for (let rank = 0; out.length < limit && lists.some((l) => l.length > rank); rank++) {
    for (const list of lists) {
      const term = list[rank];
      if (term && !out.includes(term) && out.length < limit) out.push(term);
    }
  }
  return out;
}
