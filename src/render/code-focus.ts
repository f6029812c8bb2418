import type { Beat, SceneBeats } from '../timeline/beats.ts';
import { beatTimeAt } from '../timeline/beats.ts';
import type { CodeElement, Element, TimeWindow } from './elements.ts';
import { STOPWORDS } from './narration-words.ts';

/** Two sentences naming the same code line less than this apart keep one band (no off/on in the pause between them). */
const MERGE_GAP = 0.6;
/**
 * A word that by itself occurs on more than this share of the lines names the whole listing ("option" in a chain of
 * .option calls): it bands nothing, but the other words of its sentence still do.
 */
const MAX_LINE_SHARE = 0.5;

/**
 * Words that say a sentence is about the code on screen (the explanation's verbs and nouns). A sentence without one of
 * them and without a word written as code is prose about the project ("Commander looks after parsing the arguments
 * into options"): its words that happen to occur in the listing band nothing.
 */
const CODE_WORDS = new Set(
  'code snippet example listing sample line lines declares declare declared defines define defined calls call called loads load imports import creates create prints print returns return sets set takes passes pass reads writes assigns function functions method methods variable variables parameter parameters constructor class instance property field callback handler'.split(' '),
);

/** A word written as code: dotted, called, snake_case, camelCase or a command-line flag. */
const CODE_SHAPED = /(?:^|\s)--?[a-z][\w-]*|[\w$]\.[A-Za-z_$]|[\w$]\(|\b[a-z]+_[a-z]|\b[a-z]+[A-Z][a-z]/;

/** At least this share of a sentence's words are names in the listing: it is about the code ("fetch asks the session"). */
const NAME_DENSITY = 1 / 3;

/**
 * Whether a sentence explains the code (and may band its lines) rather than talking around it: it has a code word, a
 * word written as code, or is dense with the listing's names (`inCode` says whether a word is one).
 */
export function describesCode(text: string, inCode: (word: string) => boolean): boolean {
  if (CODE_SHAPED.test(text)) return true;
  const words = (text.toLowerCase().match(/[a-z][\w-]*/g) ?? []).filter((w) => w.length >= 3 && !STOPWORDS.has(w));
  if (words.some((w) => CODE_WORDS.has(w))) return true;
  return words.length > 0 && words.filter(inCode).length >= words.length * NAME_DENSITY;
}

/** Keywords that occur in nearly every listing: naming them in a sentence says nothing about a particular line. */
const CODE_COMMON = new Set('function const let var return def class import from export if else for while async await new this self true false null none undefined print console log the and or not in is of'.split(' '));

/** Every code panel of a layout, at any depth. */
export function codeElements(elements: readonly Element[]): CodeElement[] {
  return elements.flatMap((el) => (el.type === 'code' ? [el] : el.type === 'group' ? codeElements(el.children) : []));
}

const keep = (w: string) => w.length >= 2 && !CODE_COMMON.has(w);

/**
 * Identifiers of a code line, case folded. A string with spaces is prose ('flavour of pizza', 'server port number'):
 * only its flags and <placeholders> count, so "pizza-type" does not light the line whose help text says "pizza". A
 * flag counts whole ("pizza-type") and by its parts, so the voice's "pizza-type" or "port option" finds it.
 */
function identifiers(text: string): Set<string> {
  const out = new Set<string>();
  const add = (part: string) => {
    for (const flag of part.match(/--[A-Za-z][\w-]*/g) ?? []) {
      const name = flag.slice(2).toLowerCase();
      // "--first" is named by "first" though that is a function word in prose: kept under its dashes.
      out.add(flag.toLowerCase());
      if (name.includes('-')) out.add(name);
    }
    for (const w of part.match(/[A-Za-z_$][\w$]*/g) ?? []) if (keep(w.toLowerCase())) out.add(w.toLowerCase());
  };
  let rest = text;
  rest = rest.replace(/(['"`])((?:\\.|(?!\1).)*)\1/g, (_, _q: string, body: string) => {
    add(/\s/.test(body) ? (body.match(/--?[A-Za-z][\w-]*|<[^<>]*>/g) ?? []).join(' ') : body);
    return ' ';
  });
  add(rest);
  return out;
}

/** A band lasts at least this long, even when the next identifier follows quickly: a glance, not a flicker. */
const MIN_BAND = 0.8;

interface Named {
  time: number;
  lines: number[];
}

/** The identifiers a sentence names, in spoken order, each with the lines it occurs on and when it is said. */
/** The lines a (case-folded) word occurs on; a plural finds its singular ("options" → option). */
function linesOf(w: string, lineIds: readonly Set<string>[]): number[] {
  return lineIds.flatMap((ids, i) => (ids.has(w) || ids.has(`--${w}`) || (w.length > 3 && w.endsWith('s') && ids.has(w.slice(0, -1))) ? [i] : []));
}

/** Longest run of spoken words tried as one identifier: "the my parse int function" names myParseInt. */
const MAX_SPOKEN_PARTS = 4;

function namedInSentence(beat: Beat, lineIds: readonly Set<string>[]): Named[] {
  const out: Named[] = [];
  const tokens = [...beat.text.matchAll(/[A-Za-z_$][\w$.-]*[\w$]|[A-Za-z_$]/g)];
  for (let k = 0; k < tokens.length; k++) {
    const m = tokens[k]!;
    // Words said apart that spell one identifier (camelCase read aloud): the longest run wins, and is one name.
    let joined: number[] = [];
    for (let n = Math.min(MAX_SPOKEN_PARTS, tokens.length - k); n >= 2 && !joined.length; n--) {
      const run = tokens.slice(k, k + n);
      const adjacent = run.every((t, j) => j === 0 || beat.text.slice(run[j - 1]!.index + run[j - 1]![0].length, t.index) === ' ');
      if (adjacent) joined = lineIds.flatMap((ids, i) => (ids.has(run.map((t) => t[0]).join('').toLowerCase()) ? [i] : []));
      if (joined.length) {
        out.push({ time: beatTimeAt(beat, m.index), lines: joined });
        k += n - 1;
      }
    }
    if (joined.length) continue;
    const token = m[0].toLowerCase();
    // A hyphenated name the code has whole ("pizza-type") is that name, not its parts.
    const whole = token.includes('-') ? linesOf(token, lineIds) : [];
    const flagged = (w: string) => lineIds.some((ids) => ids.has(`--${w}`));
    const words = whole.length ? [] : token.split(/[.-]/).filter((w) => flagged(w) || (w.length >= 2 && !STOPWORDS.has(w) && !CODE_COMMON.has(w)));
    const lines = whole.length ? whole : [...new Set(words.flatMap((w) => linesOf(w, lineIds)))].sort((a, b) => a - b);
    if (lines.length) out.push({ time: beatTimeAt(beat, m.index), lines });
  }
  return out;
}

/**
 * Bands code lines as the narration explains them: a line lights up when a sentence names one of its identifiers and
 * stays lit until the voice names a different line (or the sentence ends), so "declares the port, trace and ws
 * options" walks down the three lines. Only sentences that explain the code band (describesCode), and a word that occurs
 * on most of the listing bands nothing.
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
    if (!describesCode(beat.text, (w) => linesOf(w, lineIds).length > 0)) continue;
    const tooMany = (n: Named) => new Set(n.lines.map((i) => head[i])).size > Math.max(1, nonEmpty * MAX_LINE_SHARE);
    const named = namedInSentence(beat, lineIds).filter((n) => !tooMany(n));
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
