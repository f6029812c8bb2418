import { splitSentences } from '../writing/sentences.ts';

/**
 * ICU breaks after "e.g." and "i.e." even mid-sentence ("(e.g. GET, SET and HGETALL), ioredis sends…"), and the
 * rejoin in sentences.ts only catches a lower-case continuation; the rest of the sentence then read as a fragment and
 * its beginning was dropped. The abbreviation's dots are hidden from the segmenter and put back after.
 */
// "etc." ends sentences too ("…, and so on etc. Then…"), so it is hidden only before a comma or semicolon.
const ABBREVIATION = /\b(?:(?:e\.g|i\.e|vs|cf)\.(?=[\s,;:)])|etc\.(?=[,;]))/gi;
const HIDDEN_DOT = '\uE000'; // a private-use character: ICU never ends a sentence at it

export function splitProse(text: string, language = 'en'): string[] {
  const hidden = text.replace(ABBREVIATION, (m) => m.replace(/\./g, HIDDEN_DOT));
  return splitSentences(hidden, language).map((s) => s.replaceAll(HIDDEN_DOT, '.'));
}

/**
 * Turns prose into short on-screen lines: the most informative sentences, kept in reading order, each cut at a clause
 * or word boundary (never mid-word). A line cut mid-clause ends with "…" so it reads as clearly cut; a line cut at a
 * clause boundary, or not cut at all, does not.
 */

const WEAK_END = /\s+(?:a|an|the|and|or|but|of|to|in|on|for|with|by|as|at|from|that|which|is|are|was|be|your|its|their|this|these|via|into|than|then|so|if|when|while)$/i;

/** Drops a trailing full stop; keeps "?" and "!" because they carry meaning. */
export const stripStop = (s: string) => s.trim().replace(/[.;:,]+$/, '');

/** Cuts `text` to at most `max` characters at a clause boundary if one is late enough, else at a word boundary + "…". */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const window = clean.slice(0, max + 1);
  // A clause boundary (", ", "; ", " — ", " (") at least 55 % of the way in gives a line that reads as complete;
  // before a conjunction (", so", ", which", ", because") the main clause stands on its own even when shorter.
  // Boundaries inside an open parenthesis ("some daemons (specifically, …") are not clause ends: the line would
  // end in an unclosed aside.
  const clause = Math.max(...[', ', '; ', ' — ', ' (', ': '].map((mark) => lastOutsideParens(window, mark)));
  // …unless the last clause kept is a dangling condition ("…, and if a customer is blocked").
  const kept = clean.slice(0, clause);
  const dangling = /(?:^|[,;]\s)(?:(?:and|or|but)\s)?(?:if|when|unless|because|although|while|since|once|after|before|until)\s[^,;]*$/i.test(kept);
  if (clause >= max * 0.55 && !dangling) return trimWeak(kept);
  const conj = [...window.matchAll(/, (?:and|so|but|because|which|where|while|since|although|though|or) /g)].at(-1);
  if (conj && conj.index >= max * 0.35) return trimWeak(clean.slice(0, conj.index));
  const space = window.slice(0, max).lastIndexOf(' '); // leaves room for the "…"
  let cut = trimWeak(clean.slice(0, space > 0 ? space : max).replace(/[\s,;:—–-]+$/, ''));
  // A word cut inside an aside ends before the aside, when enough is left.
  const open = cut.lastIndexOf(' (');
  if (open >= max * 0.4 && depthAt(cut, cut.length) > 0) cut = trimWeak(cut.slice(0, open));
  return `${cut}…`;
}

/** How many parentheses are open at `index` of `text`. */
function depthAt(text: string, index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) depth += text[i] === '(' ? 1 : text[i] === ')' && depth > 0 ? -1 : 0;
  return depth;
}

/** The last index of `mark` in `text` that is not inside parentheses (-1 if none). */
function lastOutsideParens(text: string, mark: string): number {
  for (let i = text.lastIndexOf(mark); i >= 0; i = i > 0 ? text.lastIndexOf(mark, i - 1) : -1) if (depthAt(text, i) === 0) return i;
  return -1;
}

function trimWeak(s: string): string {
  let out = s.replace(/[\s,;:—–(-]+$/, '');
  while (WEAK_END.test(out)) out = out.replace(WEAK_END, '').replace(/[\s,;:—–(-]+$/, '');
  return out;
}

/** How much a sentence says: content words, numbers and names count; filler openings and very short lines do not. */
export function sentenceScore(sentence: string, index: number): number {
  const words = sentence.split(/\s+/).filter(Boolean);
  if (words.length < 4) return -1;
  let s = Math.min(words.length, 22);
  s += (sentence.match(/\d/g) ?? []).length > 0 ? 3 : 0;
  s += words.filter((w, i) => i > 0 && /^[A-Z][a-z]+/.test(w)).length;
  s += (sentence.match(/`[^`]+`|\b[a-z]+[A-Z]\w*|--?\w+/g) ?? []).length * 2;
  if (/^(this|that|it|these|those|there|here|so|also|however|but|and)\b/i.test(sentence)) s -= 4;
  if (/\?$/.test(sentence)) s -= 3;
  if (words.length > 35) s -= 5;
  return s - index * 0.5; // earlier sentences usually frame the section
}

/** The `max` most informative sentences of `text`, whole, in reading order. */
export function pickSentences(text: string, max = 4, language = 'en'): string[] {
  const sentences = splitProse(text.replace(/`/g, ''), language);
  // Sentences that lean on the previous one ("That last point…") read badly alone; use them only to reach two points.
  const anaphoric = (s: string) => /^(this|that|it|these|those|they|such)\b/i.test(s);
  const standalone = sentences.filter((s) => !anaphoric(s)).length >= 2;
  const ranked = sentences
    .map((s, i) => ({ s, i, score: sentenceScore(s, i) }))
    .filter((x) => x.score >= 0 && !(standalone && anaphoric(x.s)))
    .sort((a, b) => b.score - a.score)
    .slice(0, max)
    .sort((a, b) => a.i - b.i);
  return (ranked.length ? ranked.map((x) => x.s) : sentences.slice(0, max)).map((s) => (/[.!?]$/.test(s) ? s : `${s}.`));
}

/** Key-point lines for a list: the picked sentences, each at most `maxChars` characters, without duplicates. */
export function keyPoints(sentences: readonly string[], maxChars = 90): string[] {
  const seen = new Set<string>();
  return sentences
    .map((s) => stripStop(shorten(s, maxChars)))
    .filter((line) => {
      const key = line.toLowerCase();
      if (!line || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Joins whole sentences up to about `maxWords` words (always at least one). */
export function capWords(sentences: readonly string[], maxWords: number): string {
  const out: string[] = [];
  let words = 0;
  for (const s of sentences) {
    const n = s.split(/\s+/).length;
    if (out.length && words + n > maxWords) break;
    out.push(s);
    words += n;
  }
  return out.join(' ');
}

/** The first sentence of `text`, shortened for a one-line description. */
export function firstSentence(text: string, maxChars = 90, language = 'en'): string | undefined {
  const first = splitProse(text, language)[0];
  return first ? stripStop(shorten(first.replace(/`/g, ''), maxChars)) : undefined;
}

/**
 * A lead-in that ended with ":" before a code block or list ("To connect using Sentinel, use:") reads as a sentence
 * once the colon is gone: a dangling verb points at what is on screen ("…, use this code."), a dangling preposition
 * is dropped ("…connect to by:" → "…connect to."), "the following:" names what follows.
 */
const DANGLING_VERB = /\s(?:proposes|provides|describes|defines|specifies|supports|allows|requires|needs|contains|gives|shows|lists|offers|accepts|expects|returns|means|covers)$/i;
const DANGLING_PREPOSITION = /(?:,?\s+(?:about|of|to|for|from|on|in|at|plus|into|over|than|between|about the|of the|for the|to the))+$/i;

export function closeLead(sentence: string, beforeCode = false): string {
  if (/[.!?]$/.test(sentence)) return sentence;
  const bare = sentence.replace(/[:;,]+$/, '').trim();
  if (!/\s/.test(bare)) return ''; // "Given:", "Example:" say nothing alone
  // Only an imperative takes "this code"/"the following" ("…, use:", "To start, run:"); a verb with its own subject
  // ("…whatever flour you use:") ends its sentence as it is.
  const IMPERATIVE_AT_END = (verbs: string) => new RegExp(`(?:^|[,;]\\s*|\\b(?:to|and|then|just|simply|now|first|next)\\s+)(?:${verbs})$`, 'i');
  if (beforeCode && IMPERATIVE_AT_END('use|run|call|pass|try|add|write|do|see|type|enter|install').test(bare)) return `${bare} this code.`;
  if (beforeCode && /\bthe following$/i.test(bare)) return `${bare} code.`;
  if (IMPERATIVE_AT_END('use|run|call|see|do|try').test(bare)) return `${bare} the following.`;
  if (beforeCode && /\bthe (?:form|format|syntax|shape)$/i.test(bare)) return `${bare.replace(/\bthe (\w+)$/i, 'this $1')}.`;
  // "When enabled:" is a condition whose main clause is the list or code below: alone it says nothing.
  if (/^(?:when|if|unless|once|while|after|before|for)\b[^,]*$/i.test(bare)) return '';
  // "This specification proposes:" — a verb whose object is what follows; "the following" says so.
  if (DANGLING_VERB.test(bare)) return beforeCode ? `${bare} this code.` : `${bare} the following.`;
  if (/,?\s+(?:and then|then|where|namely)$/i.test(bare)) return `${bare.replace(/,?\s+(?:and then|then|where|namely)$/i, '')}.`;
  // "There is more information available about:" / "…timeout plus:" — the object of the preposition is below.
  if (DANGLING_PREPOSITION.test(bare)) return `${bare.replace(DANGLING_PREPOSITION, '')}.`;
  if (/\s(?:are|is|include|includes)$/i.test(bare)) return `${bare} on screen.`;
  if (beforeCode && /\s(?:with|like|as)$/i.test(bare)) return `${bare} this.`;
  if (/\s(?:by|via|using|with|like|as)$/i.test(bare)) return `${bare.replace(/\s+\S+$/, '')}.`;
  return `${bare}.`;
}

/** Up to `maxWords` words of whole sentences from `text`, for narration (at least one sentence). */
export function leadSentences(text: string, maxWords = 45, language = 'en', beforeCode = false): string {
  return capWords(
    splitProse(text.replace(/`/g, ''), language)
      .map((s) => closeLead(s, beforeCode))
      .filter(Boolean),
    maxWords,
  );
}
