import { splitSentences } from './sentences.ts';

/**
 * Extractive summaries of spoken text (transcripts): clean the speech noise, score each sentence by how many of the
 * passage's frequent content words it carries (plus a small bonus for coming early), keep the best ones in their
 * original order. No model, so it runs offline and is deterministic.
 */

export const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further get got gonna had has have having he her here hers him his how i if in into is it its itself just kind know let like lot me more most my no nor not now of off on once only or other our out over own pretty really right same see she should so some sort such than that the their them then there these they thing things this those through to too under until up us very want was way we well were what when where which while who why will with would yeah yes you your going go one two actually basically gonna wanna okay ok maybe much many using use used make makes made part time good bit need put take takes end ends start first next last every into around today`.split(/\s+/),
);

/** Sound tags and fillers that carry no meaning when read aloud or shown on screen. */
const NOISE: [RegExp, string][] = [
  [/\[[^\]]*\]|\([^)]*(?:music|applause|laughter|laughs|inaudible|silence)[^)]*\)|♪+|♫+/gi, ' '],
  [/<[^>]+>/g, ''],
  [/,\s*(?:um+|uh+|erm+|er|hmm+)\s*,/gi, ''],
  [/,\s*(?:you know|i mean)\s*,/gi, ','],
  [/(^|[\s,.!?])(?:um+|uh+|erm+|er|uh-huh|hmm+|mm+)(?=[\s,.!?]|$)[,]?/gi, '$1'],
  [/,?\s*\byou know\b,?(?=\s)/gi, ','],
  [/(^|[.!?]\s+)(?:i mean|like|so yeah|okay so|alright so|right so),\s*/gi, '$1'],
  [/,\s*(?:like|i mean),\s*/gi, ', '],
  [/\b(\w+)(\s+\1\b)+/gi, '$1'],
];

function tidy(text: string): string {
  return text
    .replace(/\s+([,.!?;:])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/(^|[.!?]\s+),\s*/g, '$1')
    .replace(/,([.!?])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Removes [Music]-style tags, HTML-ish styling, "um"/"uh"/"you know" fillers and stutters ("the the"). */
export function cleanSpokenText(text: string): string {
  let out = text.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\n/g, ' ');
  for (const [pattern, replacement] of NOISE) out = out.replace(pattern, replacement);
  return tidy(out);
}

/** Greetings, sign-offs and channel housekeeping: true of every video, so never a key point or a summary line. */
export const BOILERPLATE = /^(?:hey|hi|hello|welcome)\b|welcome back|\bsubscribe\b|smash that|like button|thanks for watching|see you (?:in the )?next|let's (?:get|jump|dive) (?:into|started|right in)|that's (?:really )?all there is|link in the description/i;

/** A sentence as it should be read aloud: capitalised, ending with punctuation. */
export function asSentence(text: string): string {
  const t = text.trim().replace(/^[,;:\-–—\s]+/, '');
  if (!t) return '';
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?…]["'”’)]?$/.test(capital) ? capital : `${capital.replace(/[,;:\-–—]+$/, '')}.`;
}

export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).map((w) => w.replace(/['’]s$/, '')).filter((w) => w.length > 2 && !STOPWORDS.has(w));
}

export interface SummaryOptions {
  /** At most this many sentences. */
  maxSentences?: number;
  /** Stop adding sentences past this many words (the first pick is always kept). */
  maxWords?: number;
  language?: string;
  /** Term frequencies of a larger text (e.g. the whole transcript), so a passage's distinctive words count more. */
  background?: Map<string, number>;
}

export function termFrequencies(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of contentWords(text)) tf.set(w, (tf.get(w) ?? 0) + 1);
  return tf;
}

/** Scores each sentence: mean weight of its content words, a bonus for early position, a penalty for fragments. */
export function scoreSentences(sentences: readonly string[], options: Pick<SummaryOptions, 'background'> = {}): number[] {
  const tf = termFrequencies(sentences.join(' '));
  const weight = (w: string) => {
    const local = tf.get(w) ?? 0;
    const global = options.background?.get(w);
    return global ? local * Math.log(1 + (local + 1) / (global / 4 + 1)) + local * 0.5 : local;
  };
  return sentences.map((s, i) => {
    const words = contentWords(s);
    const total = s.split(/\s+/).length;
    if (!words.length || BOILERPLATE.test(s)) return 0;
    const mean = words.reduce((sum, w) => sum + weight(w), 0) / Math.sqrt(words.length);
    const position = 1 + 0.3 * (1 - i / Math.max(1, sentences.length));
    const length = total < 5 ? 0.4 : total > 40 ? 0.7 : 1;
    const question = /\?$/.test(s) ? 0.8 : 1;
    return mean * position * length * question;
  });
}

/** The best sentences of `text`, cleaned, in their original order. */
export function summarise(text: string, options: SummaryOptions = {}): string[] {
  const sentences = splitSentences(cleanSpokenText(text), options.language).map(asSentence).filter((s) => s.split(/\s+/).length >= 3);
  if (!sentences.length) return [];
  const scores = scoreSentences(sentences, options);
  const ranked = sentences.map((s, i) => ({ s, i, score: scores[i]! })).sort((a, b) => b.score - a.score || a.i - b.i);
  const maxSentences = options.maxSentences ?? 3;
  const maxWords = options.maxWords ?? Infinity;
  const kept: typeof ranked = [];
  let words = 0;
  for (const r of ranked) {
    if (kept.length >= maxSentences) break;
    if (r.score === 0 && kept.length) continue;
    const n = r.s.split(/\s+/).length;
    if (kept.length && words + n > maxWords) continue;
    kept.push(r);
    words += n;
  }
  return kept.sort((a, b) => a.i - b.i).map((r) => r.s);
}
