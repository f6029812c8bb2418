import type { SceneBeats } from '../timeline/beats.ts';
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

/** Bands each code line while a sentence that names one of its identifiers plays. */
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
  for (const beat of beats.sentences) {
    const words = new Set((beat.text.match(/[A-Za-z_$][\w$.]*/g) ?? []).flatMap((w) => w.toLowerCase().split('.')).filter((w) => w.length >= 2 && !STOPWORDS.has(w) && !CODE_COMMON.has(w)));
    const hit = lineIds.map((ids, i) => ([...ids].some((id) => words.has(id)) ? i : -1)).filter((i) => i >= 0);
    const sourceLines = new Set(hit.map((i) => head[i])).size;
    if (!hit.length || sourceLines > Math.max(1, nonEmpty * MAX_LINE_SHARE)) continue;
    for (const i of hit) {
      const list = windows[i]!;
      const prev = list.at(-1);
      if (prev && beat.start - prev.end < MERGE_GAP) prev.end = beat.end;
      else list.push({ start: beat.start, end: beat.end });
    }
  }
  const out: { line: number; start: number; end: number }[] = [];
  code.lines = code.lines.map((line, i) => {
    if (!windows[i]!.length || line.emphasis) return line;
    for (const w of windows[i]!) out.push({ line: i, ...w });
    return { ...line, focus: windows[i]! };
  });
  return out;
}
