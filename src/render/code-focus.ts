import type { Beat, SceneBeats } from '../timeline/beats.ts';
import { beatTimeAt } from '../timeline/beats.ts';
import type { CodeElement, Element, TimeWindow } from './elements.ts';
import { STOPWORDS } from './narration-words.ts';

/** Two sentences naming the same code line less than this apart keep one band (no off/on in the pause between them). */
const MERGE_GAP = 0.6;
/** A sentence that names identifiers on more than this share of the lines talks about the whole listing: no band. */
const MAX_LINE_SHARE = 0.6;

/** Keywords that occur in nearly every listing: naming them in a sentence says nothing about a particular line. */
const CODE_COMMON = new Set('function const let var return def class import from export if else for while async await new this self true false null none undefined print console log the and or not in is of'.split(' '));

/** Every code panel of a layout, at any depth. */
export function codeElements(elements: readonly Element[]): CodeElement[] {
  return elements.flatMap((el) => (el.type === 'code' ? [el] : el.type === 'group' ? codeElements(el.children) : []));
}

/** Identifiers of a code line, case folded. */
function identifiers(text: string): Set<string> {
  return new Set((text.match(/[A-Za-z_$][\w$]*/g) ?? []).map((w) => w.toLowerCase()).filter((w) => w.length >= 2 && !CODE_COMMON.has(w)));
}

/** A band lasts at least this long, even when the next identifier follows quickly: a glance, not a flicker. */
const MIN_BAND = 0.8;

interface Named {
  time: number;
  lines: number[];
}

/** The identifiers a sentence names, in spoken order, each with the lines it occurs on and when it is said. */
function namedInSentence(beat: Beat, lineIds: readonly Set<string>[]): Named[] {
  const out: Named[] = [];
  for (const m of beat.text.matchAll(/[A-Za-z_$][\w$.-]*/g)) {
    const words = m[0].toLowerCase().split(/[.-]/).filter((w) => w.length >= 2 && !STOPWORDS.has(w) && !CODE_COMMON.has(w));
    const lines = lineIds.flatMap((ids, i) => (words.some((w) => ids.has(w)) ? [i] : []));
    if (lines.length) out.push({ time: beatTimeAt(beat, m.index), lines });
  }
  return out;
}

/**
 * Bands code lines as the narration explains them: a line lights up when a sentence names one of its identifiers and
 * stays lit until the voice names a different line (or the sentence ends), so "declares the port, trace and ws
 * options" walks down the three lines. A sentence that names most of the listing bands nothing.
 */
export function focusCode(code: CodeElement, beats: SceneBeats): { line: number; start: number; end: number }[] {
  // A wrapped line continues on rows marked "↳" (in the gutter or at the start): the rows of one source line share
  // their identifiers and their band.
  const isContinuation = (line: CodeElement['lines'][number]) => line.gutter?.text === '↳' || /^\s*↳/.test(line.tokens.map((t) => t.text).join(''));
  const head = code.lines.map(() => 0);
  code.lines.forEach((line, i) => (head[i] = i > 0 && isContinuation(line) ? head[i - 1]! : i));
  const own = code.lines.map((line) => identifiers(line.tokens.map((t) => t.text).join('')));
  const lineIds = own.map((_, i) => new Set(own.flatMap((ids, k) => (head[k] === head[i] ? [...ids] : []))));
  const nonEmpty = lineIds.filter((ids, i) => ids.size && head[i] === i).length;
  const windows: TimeWindow[][] = code.lines.map(() => []);
  const band = (line: number, start: number, end: number) => {
    const list = windows[line]!;
    const prev = list.at(-1);
    if (prev && start - prev.end < MERGE_GAP) prev.end = Math.max(prev.end, end);
    else list.push({ start, end });
  };
  for (const beat of beats.sentences) {
    const named = namedInSentence(beat, lineIds);
    const sourceLines = new Set(named.flatMap((n) => n.lines.map((i) => head[i])));
    if (!named.length || sourceLines.size > Math.max(1, nonEmpty * MAX_LINE_SHARE)) continue;
    named.forEach((n, k) => {
      const key = n.lines.join(',');
      // Until the voice names other lines; the same lines named again just continue the band.
      const next = named.slice(k + 1).find((m) => m.lines.join(',') !== key);
      const start = Math.max(beat.start, n.time);
      const end = Math.max(next ? next.time : beat.end, start + MIN_BAND);
      for (const i of n.lines) band(i, start, end);
    });
  }
  const out: { line: number; start: number; end: number }[] = [];
  code.lines = code.lines.map((line, i) => {
    if (!windows[i]!.length || line.emphasis) return line;
    for (const w of windows[i]!) out.push({ line: i, ...w });
    return { ...line, focus: windows[i]! };
  });
  return out;
}
