import type { CaptionCue, TimedWord } from './cues.ts';

/**
 * Word-by-word burned-in captions (the Shorts look): each sentence cue becomes short cues of 2–4 words, each word with
 * the seconds it is spoken, so the drawing can highlight the word being said. Times come from the voice's (or the
 * aligner's) words on the sentence cue; without them, words are spread over the cue by their length.
 */

/** A short cue holds at most this many words, and this many characters per line (CJK counts code points). */
const MAX_WORDS = 4;
const MAX_LINE_CHARS = { latin: 18, cjk: 8 } as const;
const MAX_LINES = 2;
/** Never leave a group ending on these (the next word belongs to them), unless the group is full. */
const BINDING = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'and', 'or', 'my', 'your', 'its', 'our', 'their', 'this', 'that', 'de', 'la', 'le', 'el', 'der', 'die', 'das']);
const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/;
/** Ends a phrase: Latin, CJK, Arabic-script (، ؛ ؟ ۔), Devanagari (। ॥) and Hebrew (׃) punctuation. */
const PUNCTUATION_END = /[,.;:!?…，。！？；：、)）」』،؛؟۔।॥׃]["'”’»]?$/;
/** Korean: wide syllables like Chinese (short lines) but written with spaces between words. */
const HANGUL = /[\uAC00-\uD7AF]/;
const HAN_OR_KANA = /[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF]/;

let segmenter: Intl.Segmenter | undefined;

function isCjk(text: string): boolean {
  const chars = [...text.replace(/\s+/g, '')];
  return chars.filter((c) => CJK.test(c)).length > chars.length / 3;
}

/** Whether words of this text are joined without spaces: Chinese and Japanese, not Korean. */
function unspaced(text: string): boolean {
  return isCjk(text) && !(HANGUL.test(text) && !HAN_OR_KANA.test(text));
}

/**
 * The words a viewer sees, in reading order: split at spaces, and CJK text (written without spaces) into the words
 * `Intl.Segmenter` finds, with punctuation kept on the word before it so no word starts with "，".
 */
export function displayWords(text: string): string[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return [];
  if (!unspaced(flat)) return flat.split(' ');
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(flat)) {
    if (segment.trim() === '') continue;
    if (out.length && !isWordLike) out[out.length - 1] += segment;
    else out.push(segment);
  }
  return out;
}

const letterCount = (s: string) => (s.match(/[\p{L}\p{N}]/gu) ?? []).length;

/**
 * When each displayed word is spoken. The displayed and spoken words may differ (a voice reports "2026" as four words,
 * drops "—", segments Chinese its own way), so they are matched by position in the letters: a displayed word starts
 * where the spoken letters reach the same fraction of the sentence.
 */
export function timeDisplayWords(cue: Pick<CaptionCue, 'start' | 'end' | 'words'>, words: readonly string[]): TimedWord[] {
  const counts = words.map((w) => Math.max(1, letterCount(w)));
  const total = counts.reduce((a, b) => a + b, 0);
  const spoken = cue.words?.filter((w) => w.end >= w.start) ?? [];
  const at = spokenClock(cue, spoken);
  let before = 0;
  return words.map((text, i) => {
    const start = at(before / total);
    before += counts[i]!;
    const end = i === words.length - 1 && spoken.length ? spoken.at(-1)!.end : at(before / total);
    return { text, start, end: Math.max(start, end) };
  });
}

/** Seconds at a fraction of the cue's letters: inside the spoken word that holds that letter, or linear over the cue. */
function spokenClock(cue: Pick<CaptionCue, 'start' | 'end'>, spoken: readonly TimedWord[]): (fraction: number) => number {
  if (!spoken.length) return (f) => cue.start + f * (cue.end - cue.start);
  const counts = spoken.map((w) => Math.max(1, letterCount(w.text)));
  const total = counts.reduce((a, b) => a + b, 0);
  return (fraction) => {
    let letters = fraction * total;
    for (let i = 0; i < spoken.length; i++) {
      if (letters < counts[i]! || i === spoken.length - 1) {
        const w = spoken[i]!;
        return w.start + Math.min(1, letters / counts[i]!) * (w.end - w.start);
      }
      letters -= counts[i]!;
    }
    return spoken.at(-1)!.end;
  };
}

/**
 * Lines of a group: one line when it fits, else two balanced lines. Undefined when it does not fit two lines. `cjk`
 * picks the short line length of wide scripts; `spaced` whether words join with a space (Korean does, as Latin).
 */
export function groupLines(words: readonly string[], cjk: boolean, spaced = !cjk): string[] | undefined {
  const max = cjk ? MAX_LINE_CHARS.cjk : MAX_LINE_CHARS.latin;
  const join = (ws: readonly string[]) => ws.join(spaced ? ' ' : '');
  const len = (s: string) => [...s].length;
  const one = join(words);
  if (len(one) <= max || words.length === 1) return [one];
  let best: string[] | undefined;
  for (let cut = 1; cut < words.length && MAX_LINES >= 2; cut++) {
    const lines = [join(words.slice(0, cut)), join(words.slice(cut))];
    if (lines.some((l) => len(l) > max)) continue;
    if (!best || Math.abs(len(lines[0]!) - len(lines[1]!)) < Math.abs(len(best[0]!) - len(best[1]!))) best = lines;
  }
  return best;
}

/**
 * Splits one sentence cue's words into groups of up to 4 that fit two short lines: first into phrases at punctuation,
 * then each phrase into as few groups as fit, of balanced sizes (5 words read as 3 + 2, not 4 + 1). A group does not
 * end on an article or preposition when the next group can take it.
 */
export function groupWords(words: readonly string[], cjk: boolean, spaced = !cjk): number[][] {
  const fits = (group: readonly number[]) => group.length <= MAX_WORDS && groupLines(group.map((k) => words[k]!), cjk, spaced) !== undefined;
  const groups: number[][] = [];
  let phrase: number[] = [];
  const flush = () => {
    if (phrase.length) groups.push(...splitPhrase(phrase, fits));
    phrase = [];
  };
  words.forEach((word, i) => {
    phrase.push(i);
    if (PUNCTUATION_END.test(word)) flush();
  });
  flush();
  if (!cjk) {
    for (let g = 0; g + 1 < groups.length; g++) {
      const group = groups[g]!;
      const next = groups[g + 1]!;
      const last = group.at(-1)!;
      if (group.length > 1 && BINDING.has(words[last]!.toLowerCase()) && !PUNCTUATION_END.test(words[last]!) && fits([last, ...next])) {
        group.pop();
        next.unshift(last);
      }
    }
  }
  return groups;
}

/** One phrase into the fewest groups that fit, sizes as equal as possible (longer groups first). */
function splitPhrase(phrase: readonly number[], fits: (group: readonly number[]) => boolean): number[][] {
  for (let count = Math.ceil(phrase.length / MAX_WORDS); count < phrase.length; count++) {
    const groups: number[][] = [];
    let at = 0;
    for (let g = 0; g < count; g++) {
      const size = Math.ceil((phrase.length - at) / (count - g));
      groups.push(phrase.slice(at, at + size));
      at += size;
    }
    if (groups.every(fits)) return groups;
  }
  return phrase.map((k) => [k]);
}

/**
 * Short word cues from sentence cues. A group shows from its first word until the next group starts (no blank
 * flashes between groups of one sentence); the first starts with the sentence cue, the last ends with it.
 */
export function wordCues(cues: readonly CaptionCue[]): CaptionCue[] {
  const out: CaptionCue[] = [];
  for (const cue of cues) {
    const words = displayWords(cue.text);
    if (!words.length) continue;
    const timed = timeDisplayWords(cue, words);
    const cjk = isCjk(cue.text);
    const spaced = !unspaced(cue.text);
    const groups = groupWords(words, cjk, spaced);
    groups.forEach((group, g) => {
      const start = g === 0 ? cue.start : timed[group[0]!]!.start;
      const end = g === groups.length - 1 ? cue.end : timed[groups[g + 1]![0]!]!.start;
      const lines = groupLines(group.map((k) => words[k]!), cjk, spaced) ?? [group.map((k) => words[k]!).join(spaced ? ' ' : '')];
      out.push({ index: out.length + 1, scene: cue.scene, start, end: Math.max(start, end), text: lines.join('\n'), words: group.map((k) => timed[k]!) });
    });
  }
  return out;
}

/** Karaoke: the sentence cues as they are, each with its displayed words timed (the line fills as they are said). */
export function karaokeCues(cues: readonly CaptionCue[]): CaptionCue[] {
  return cues.map((cue) => ({ ...cue, words: timeDisplayWords(cue, displayWords(cue.text)) }));
}
