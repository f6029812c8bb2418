/**
 * A topic as the user typed it ("Why octopuses are smart", "the Roman Empire", "Is coffee bad for you?") turned into
 * the pieces the offline templates need, so every sentence stays grammatical whatever the phrase:
 *
 * - `about`: what follows "about …" in a sentence: a noun phrase ("the Roman Empire") or an embedded question
 *   ("why octopuses are smart", "what DNS is"); a question we cannot embed becomes "this question";
 * - `question`: the topic as a spoken question when it is one ("Is coffee bad for you?"), said first in the hook;
 * - `title`: the on-screen headline, title case, short enough to read in two seconds.
 */
export interface TopicPhrase {
  about: string;
  question?: string;
  title: string;
}

const WH = new Set(['why', 'how', 'what', 'when', 'where', 'who', 'which', 'whose']);
const AUX = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'can', 'could', 'should', 'would', 'will', 'has', 'have', 'had', 'may', 'might', 'must', 'shall']);
const SMALL = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'vs']);
/** Two seconds of reading at about four words a second. */
export const HEADLINE_WORDS = 8;

const capitalise = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : w);
const lowerFirst = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);

/** Title case that keeps words the user capitalised inside ("iPhone", "DNS") as typed. */
export function titleCase(text: string): string {
  return text
    .split(/\s+/)
    .map((w, i) => (i > 0 && SMALL.has(w.toLowerCase()) ? w.toLowerCase() : /[A-Z]/.test(w.slice(1)) ? w : capitalise(w)))
    .join(' ');
}

/** The first `max` words; cut at a word, never mid-word. */
export function firstWords(text: string, max: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length <= max ? words.join(' ') : words.slice(0, max).join(' ');
}

export function topicPhrase(topic: string): TopicPhrase {
  const clean = topic.trim().replace(/\s+/g, ' ').replace(/[.!?…:;,]+$/u, '');
  const words = clean.split(' ');
  const first = words[0]!.toLowerCase();
  const second = (words[1] ?? '').toLowerCase();
  const title = titleCase(firstWords(clean, HEADLINE_WORDS));
  const asQuestion = `${capitalise(clean)}?`;
  if (WH.has(first)) {
    if (!AUX.has(second)) return { about: lowerFirst(clean), title };
    // "What is DNS" → "what DNS is": a short subject after is/are moves in front of the verb.
    const rest = words.slice(2);
    if ((first === 'what' || first === 'who') && (second === 'is' || second === 'are') && rest.length >= 1 && rest.length <= 4) {
      return { about: `${first} ${rest.join(' ')} ${second}`, question: asQuestion, title };
    }
    return { about: 'this question', question: asQuestion, title };
  }
  if (AUX.has(first)) return { about: 'this question', question: asQuestion, title };
  const about = /^(the|a|an)$/i.test(words[0]!) ? lowerFirst(clean) : clean;
  return { about, title };
}
