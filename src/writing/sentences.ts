/**
 * V8's Intl.Segmenter takes time quadratic in the number of sentences of one input (20,000 short sentences: 1.6 s,
 * 40,000: 6 s), so long text is segmented in pieces of about this many characters, each cut just after a sentence end.
 */
const PIECE_CHARS = 1000;
/**
 * Where a piece may end: after a full stop followed by a space (Latin . ! ?, Arabic ؟, Urdu ۔, Armenian ։), or after
 * one that needs no space (CJK 。！？, the Devanagari danda । and ॥), with any closing quote or bracket after it.
 */
const PIECE_END = /[.!?؟۔։](?=\s)|[。！？｡।॥][」』”’）)\]]*/g;

function pieces(clean: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (clean.length - start > PIECE_CHARS) {
    PIECE_END.lastIndex = start + PIECE_CHARS;
    const m = PIECE_END.exec(clean);
    if (!m) break;
    const cut = m.index + m[0].length;
    out.push(clean.slice(start, cut));
    start = cut;
  }
  out.push(clean.slice(start));
  return out;
}

/** Lower-case letters of the scripts whose abbreviations ("e.g.", "т. е.", "π.χ.") ICU breaks after. */
const CASED_LOWER = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
const CASED = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LETTER = /\p{L}/u;
const OPENING = /[\p{Ps}\p{Pi}]/u;

/** The opening quotes and brackets `s` ends with (scanned back from the end: linear even on a line of "(((("). */
function trailingOpening(s: string): string {
  let i = s.length;
  while (i > 0 && OPENING.test(s[i - 1]!)) i--;
  return s.slice(i);
}

/** The last letter of `s` among its last 16 characters (an abbreviation's letter sits just before its stop), or ''. */
function lastLetter(s: string): string {
  for (let i = s.length - 1; i >= Math.max(0, s.length - 16); i--) if (LETTER.test(s[i]!)) return s[i]!;
  return '';
}

/**
 * ICU does not break after a full stop followed by a lower-case word (SB8, for "e.g. this"), but after a sentence in a
 * script without case (Arabic, Hebrew, Devanagari, CJK) a lower-case word starts the next sentence: "ثبّت الحزمة. npm يثبت…".
 */
const UNCASED_STOP_THEN_LOWER = /(?<=[\p{Lo}\p{M}][)"'”’»]{0,3}\.) +(?=\p{Ll})/u;

/** Splits narration into sentences, the unit of synthesis and of caption cues. Uses ICU sentence rules per language. */
export function splitSentences(text: string, language = 'en'): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  }
  const out: string[] = [];
  let opening = '';
  for (const piece of pieces(clean)) {
    for (const { segment } of segmenter.segment(piece)) {
      for (const part of segment.split(UNCASED_STOP_THEN_LOWER)) {
        let s = `${opening}${part.trim()}`;
        // ICU counts an opening quote or bracket as closing punctuation, so with no space between CJK sentences
        // 「…。」「… leaves the next sentence's 「 on this one: it moves on to the sentence it opens.
        opening = trailingOpening(s);
        s = s.slice(0, s.length - opening.length).trim();
        if (!s) continue;
        // ICU breaks after abbreviations like "e.g."; rejoin fragments that start in lower case — Latin, Cyrillic or
        // Greek, after such a letter: an Arabic or Hindi sentence is not an abbreviation's tail even when the next one
        // starts with "npm". A fragment of thousands of characters is no abbreviation's tail but a blob ("a.a.a…"),
        // kept apart so it cannot swallow the sentence before.
        const prev = out.at(-1);
        if (prev !== undefined && s.length <= PIECE_CHARS && CASED_LOWER.test(s) && /^\p{Ll}/u.test(s) && CASED.test(lastLetter(prev))) out[out.length - 1] += ` ${s}`;
        else out.push(s);
      }
    }
  }
  // Text that ends in an opening mark keeps it on its last sentence.
  if (opening && out.length) out[out.length - 1] += opening;
  else if (opening) out.push(opening);
  return out;
}
