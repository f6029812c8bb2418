/** Small text tools shared by the phrase tables: sentence ends, list joining, number words. */

/** Sentence punctuation of the scripts the templates write (Latin, CJK, Devanagari, Arabic/Urdu). */
const ENDED = /[.!?…。！？।؟۔]$/;

/** Whether `s` already ends with sentence punctuation. */
export const endsSentence = (s: string) => ENDED.test(s.trim());

/** `s` as a sentence: trimmed, with `stop` appended unless it already ends like one. */
export const ender =
  (stop: string) =>
  (s: string): string =>
    endsSentence(s) ? s.trim() : `${s.trim()}${stop}`;

const CLAUSE_END = /[.!?:;,。！？：；，、।؟،۔]/;

/**
 * `s` without the punctuation that ends a sentence or a clause, so it can sit inside one: also the space French puts
 * before "?", and Spanish's opening "¿"/"¡" once its closing mark is gone.
 */
export function bare(s: string): string {
  // Scanned back from the end, not matched with a regex: linear even on a line of ". . . . .".
  let end = s.length;
  const skipSpace = () => {
    while (end > 0 && /\s/.test(s[end - 1]!)) end--;
  };
  skipSpace();
  while (end > 0 && CLAUSE_END.test(s[end - 1]!)) {
    end--;
    skipSpace();
  }
  const b = s.slice(0, end).trim();
  return /^[¿¡]/.test(b) && !/[?!]/.test(b) ? b.slice(1) : b;
}

/**
 * Joins a list with `conjunction` before the last item: `a${comma}b${last}c`. `serial` keeps the comma before the
 * conjunction (English "a, b, and c"); most languages drop it ("a, b und c").
 */
export function joinList(items: readonly string[], comma: string, conjunction: string, serial = false): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]}${conjunction}${items[1]}`;
  return `${items.slice(0, -1).join(comma)}${serial ? comma.trimEnd() : ''}${conjunction}${items.at(-1)}`;
}

/** Number words for small counts (index = count, from 0), digits beyond them: what a narrator says. */
export const counted = (words: readonly string[]) => (n: number) => words[n] ?? String(n);

/**
 * Lower-cases the first letter after a colon in languages that write it so ("vous apprendrez : comprendre…"), but only
 * when the first word looks like an ordinary word: "JavaScript", "API" or "Node.js" keep their capitals.
 */
export function lowerFirstWord(s: string): string {
  return /^\p{Lu}\p{Ll}+(?=[\s,;:]|$)/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** A Latin capital letter per quiz option, as src/render/scenes/quiz.ts draws them. */
export const latinLetter = (index: number) => String.fromCharCode(65 + index);

/**
 * The script conventions most languages share: a full stop and "?" after a space-separated sentence, Latin quiz
 * letters, and no code explanations (explainCode writes English). Spread first; a language overrides what differs.
 */
export const SPACED_SCRIPT = { stop: '.', questionMark: '?', gap: ' ', explainsCode: false, letter: latinLetter } as const;

/** Chinese and Japanese: full-width stops, sentences run together without spaces; otherwise as SPACED_SCRIPT. */
export const UNSPACED_CJK_SCRIPT = { ...SPACED_SCRIPT, stop: '。', questionMark: '？', gap: '' } as const;
