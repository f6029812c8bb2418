import type { Beat, SceneBeats } from '../timeline/beats.ts';
import { beatTimeAt } from '../timeline/beats.ts';
import type { LaidOutScene } from './compose.ts';
import { elementsSettleAt } from './draw.ts';
import type { CodeElement, Element, TimeWindow } from './elements.ts';
import { STAGGER } from './motion.ts';
import { ensureContrast } from './color.ts';

/** When one content step appears, and why (recorded in the manifest per scene). */
export interface StepReveal {
  step: number;
  /** Scene seconds at which its entrance starts. */
  at: number;
  /** The narration sentence (0-based) it was placed on; absent when it kept a stagger after the last one. */
  sentence?: number;
  /** The sentence names the item (its significant words), rather than the step being spread over the sentences. */
  mentioned: boolean;
  /** Emphasis window, when the voice stays on this item long enough to show it. */
  focus?: TimeWindow;
}

export interface SceneReveals {
  steps: StepReveal[];
  /** Code lines (0-based, per panel) banded while a sentence names an identifier in them, in scene seconds. */
  codeFocus: { line: number; start: number; end: number }[];
}

export interface RevealOptions {
  language?: string;
}

/** An entrance starts this long before the word that names its item, so it is in place as the word is heard. */
const LEAD = 0.1;
/** An item is emphasised only when the voice stays on it at least this long: shorter would read as flicker. */
const MIN_FOCUS = 1.2;
/** Two sentences naming the same code line less than this apart keep one band (no off/on in the pause between them). */
const MERGE_GAP = 0.6;
/** A sentence that names identifiers on more than this share of the lines talks about the whole listing: no band. */
const MAX_LINE_SHARE = 0.6;

const STOPWORDS = new Set(
  'a an and are as at be been but by can cannot do does not no nor yes for from has have here how if in into is it its it\'s let\'s of on or so such than that the their them then there these they this those to too up us use used uses using via was we we\'ll what when where which while who why will with you your yours one two three four five six seven eight nine ten first next also each every more most other some any all just only very'.split(' '),
);
/** Keywords that occur in nearly every listing: naming them in a sentence says nothing about a particular line. */
const CODE_COMMON = new Set('function const let var return def class import from export if else for while async await new this self true false null none undefined print console log the and or not in is of'.split(' '));

interface Token {
  stem: string;
  index: number;
}

function segmenter(language: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(language, { granularity: 'word' });
  } catch {
    return new Intl.Segmenter('en', { granularity: 'word' });
  }
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Light English stemming, enough to match "queues"/"queue", "installing"/"install" between item and sentence. */
function stem(word: string, english: boolean): string {
  const w = word.normalize('NFKC').toLowerCase().replace(/[’']s$/, '');
  if (!english || w.length < 4) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  const base = w.endsWith('ing') && w.length > 5 ? w.slice(0, -3) : w.endsWith('ed') && w.length > 4 ? w.slice(0, -2) : w;
  // "running" → "runn" → "run", "stopped" → "stopp" → "stop" (but "call", "pass" keep their pair).
  return base !== w && /([b-df-hj-np-tv-z])\1$/.test(base) && !/(ll|ss|zz|ff)$/.test(base) ? base.slice(0, -1) : base;
}

/** The words that identify a text: case and punctuation folded, function words dropped, lightly stemmed. */
function significant(text: string, language: string): Token[] {
  const english = language.toLowerCase().startsWith('en');
  const out: Token[] = [];
  for (const s of segmenter(language).segment(text)) {
    if (!s.isWordLike) continue;
    const lower = s.segment.toLowerCase();
    if (STOPWORDS.has(lower)) continue;
    if (lower.length < 3 && !/\p{N}/u.test(lower) && !CJK.test(lower)) continue;
    out.push({ stem: stem(lower, english), index: s.index });
  }
  return out;
}

/** The texts an element shows, at any depth, in drawing order (cut lines lose their "…"). */
function textsOf(el: Element): string[] {
  if (el.type === 'text') return [el.text.lines.join(' ').replace(/…$/, '')];
  if (el.type === 'group') return el.children.flatMap(textsOf);
  return [];
}

/**
 * The words that name a step: those of its first text with a real word in it (the item's title, after a marker such as
 * "1" or "A" and before any description), so "Coroutines — async def functions that…" is reached at "coroutines".
 */
function itemName(group: readonly Element[], language: string): Token[] {
  const texts = group.flatMap(textsOf);
  for (const text of texts) {
    const tokens = significant(text, language);
    if (tokens.some((t) => !/^\p{N}+$/u.test(t.stem))) return tokens;
  }
  return significant(texts.join(' '), language);
}

/** Elements tagged as content steps, in step order (a step may span several elements; the first one names it). */
function stepElements(elements: readonly Element[]): Map<number, Element[]> {
  const steps = new Map<number, Element[]>();
  const walk = (list: readonly Element[]) => {
    for (const el of list) {
      const step = el.enter?.step;
      if (step !== undefined) steps.set(step, [...(steps.get(step) ?? []), el]);
      else if (el.type === 'group') walk(el.children);
    }
  };
  walk(elements);
  return new Map([...steps.entries()].sort((a, b) => a[0] - b[0]));
}

interface Match {
  sentence: number;
  /** Token position in the sentence after the match: the next item is looked for from here. */
  after: number;
  time: number;
}

/** How many of an item's words a sentence names from token `start` on, and the first token that is one of them. */
function mentions(item: readonly Token[], tokens: readonly Token[], start: number): { weight: number; first: number } {
  const stems = new Set(item.map((t) => t.stem));
  const found = new Set<string>();
  let first = -1;
  for (let k = start; k < tokens.length; k++) {
    if (!stems.has(tokens[k]!.stem)) continue;
    found.add(tokens[k]!.stem);
    if (first < 0) first = k;
  }
  return { weight: found.size, first };
}

function totalWeight(item: readonly Token[]): number {
  return new Set(item.map((t) => t.stem)).size;
}

/** A partial mention may be a passing word ("…scheduled on the loop"); a full one this many sentences later wins. */
const FULL_MENTION_LOOKAHEAD = 2;

/**
 * The first place at or after `from` where a sentence names the item: at least half of its significant words (one
 * for short items) occur in the rest of that sentence — unless one of the next sentences names it fully. The item is reached at
 * the earliest of those words.
 */
function findMention(item: Token[], sentences: readonly { beat: Beat; tokens: Token[] }[], from: { sentence: number; token: number }): Match | undefined {
  if (!item.length) return undefined;
  const total = totalWeight(item);
  const need = Math.max(1, Math.ceil(total / 2));
  const startOf = (s: number) => (s === from.sentence ? from.token : 0);
  for (let s = from.sentence; s < sentences.length; s++) {
    let m = mentions(item, sentences[s]!.tokens, startOf(s));
    if (m.weight < need) continue;
    let at = s;
    for (let later = s + 1; m.weight < total && later <= s + FULL_MENTION_LOOKAHEAD && later < sentences.length; later++) {
      const full = mentions(item, sentences[later]!.tokens, 0);
      if (full.weight === total) {
        [at, m] = [later, full];
        break;
      }
    }
    const { beat, tokens } = sentences[at]!;
    return { sentence: at, after: m.first + 1, time: Math.max(beat.start, beatTimeAt(beat, tokens[m.first]!.index) - LEAD) };
  }
  return undefined;
}

/**
 * Where each step appears. Step i goes to the first sentence at or after the previous match that names it; runs of
 * steps no sentence names are spread over the sentences between their neighbours' matches (in order), or, when there
 * are none, follow the previous match with a short stagger. Times never go backwards, keep a 100 ms stagger, and are
 * never earlier than the layout's own entrance (the heading still comes first).
 */
function placeSteps(items: Token[][], layoutDelays: number[], beats: SceneBeats, language: string): StepReveal[] {
  const sentences = beats.sentences.map((beat) => ({ beat, tokens: significant(beat.text, language) }));
  const n = items.length;
  const matches: (Match | undefined)[] = new Array(n);
  let cursor = { sentence: 0, token: 0 };
  items.forEach((item, i) => {
    const m = findMention(item, sentences, cursor);
    matches[i] = m;
    if (m) cursor = { sentence: m.sentence, token: m.after };
  });
  const raw: { time: number; sentence?: number; mentioned: boolean }[] = new Array(n);
  let i = 0;
  while (i < n) {
    const m = matches[i];
    if (m) {
      raw[i] = { time: m.time, sentence: m.sentence, mentioned: true };
      i++;
      continue;
    }
    let j = i;
    while (j < n && !matches[j]) j++;
    const prev = i > 0 ? matches[i - 1] : undefined;
    const next = j < n ? matches[j] : undefined;
    const from = prev ? prev.sentence + 1 : 0;
    const to = next ? next.sentence : sentences.length; // exclusive
    const run = j - i;
    for (let k = 0; k < run; k++) {
      if (to > from) {
        const s = from + Math.floor((k * (to - from)) / run);
        // Spread onto the first sentence, a step keeps the layout's own entrance (time 0 defers to it): a scene whose
        // narration names none of its items and says one sentence looks exactly as laid out.
        raw[i + k] = { time: s === 0 ? 0 : sentences[s]!.beat.start, sentence: s, mentioned: false };
      } else if (prev) raw[i + k] = { time: prev.time + (k + 1) * STAGGER, mentioned: false };
      else raw[i + k] = { time: next ? sentences[next.sentence]!.beat.start : 0, ...(next ? { sentence: next.sentence } : {}), mentioned: false };
    }
    i = j;
  }
  const steps: StepReveal[] = [];
  let last = -Infinity;
  raw.forEach((r, k) => {
    const at = Math.max(r.time, last + STAGGER, layoutDelays[k] ?? 0);
    last = at;
    steps.push({ step: k, at, ...(r.sentence !== undefined ? { sentence: r.sentence } : {}), mentioned: r.mentioned });
  });
  // The voice is on item k from its reveal until the next one's (the last: until the narration ends).
  steps.forEach((s, k) => {
    const end = k + 1 < steps.length ? steps[k + 1]!.at : beats.narrationEnd;
    if (s.mentioned && steps.length > 1 && end - s.at >= MIN_FOCUS) s.focus = { start: s.at, end };
  });
  return steps;
}

function codeElements(elements: readonly Element[]): CodeElement[] {
  return elements.flatMap((el) => (el.type === 'code' ? [el] : el.type === 'group' ? codeElements(el.children) : []));
}

/** Identifiers of a code line, case folded. */
function identifiers(text: string): Set<string> {
  return new Set((text.match(/[A-Za-z_$][\w$]*/g) ?? []).map((w) => w.toLowerCase()).filter((w) => w.length >= 2 && !CODE_COMMON.has(w)));
}

/** Bands each code line while a sentence that names one of its identifiers plays. */
function focusCode(code: CodeElement, beats: SceneBeats): { line: number; start: number; end: number }[] {
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

function cloneElements(elements: readonly Element[]): Element[] {
  return elements.map((el) => (el.type === 'group' ? { ...el, children: cloneElements(el.children) } : el.type === 'code' ? { ...el, lines: [...el.lines] } : { ...el }));
}

function moveEnter(el: Element, delay: number): void {
  if (el.enter) el.enter = { ...el.enter, delay };
}

/** The box a ring goes around and its corner radius: the element's own card when it has one. */
function ringFor(el: Element, unit: number): { box: { x: number; y: number; w: number; h: number }; radius: number } | undefined {
  if (el.type === 'group') {
    const card = el.children.find((c) => c.type === 'rect' && c.box.w >= el.box.w - 1 && c.box.h >= el.box.h - 1);
    // A row without a card of its own (checkpoint items, exercise steps) gets a softly rounded ring.
    return { box: el.box, radius: card?.type === 'rect' ? card.radius : 14 * unit };
  }
  if (el.type === 'rect') return { box: el.box, radius: el.radius };
  return undefined;
}

/**
 * The picture follows the voice: re-times a laid-out scene's content steps (Enter.step) to the moments its narration
 * reaches them, emphasises the current item while the voice is on it, and bands code lines while a sentence names
 * their identifiers. Elements that entered after the last step in the layout (a quiz's answer reveal) move with it.
 * Layout stays independent of the voice; this runs once the timeline exists. Returns a new scene; the input is
 * unchanged. A scene without narration or without steps and code keeps its layout timing.
 */
export function applyReveals(laid: LaidOutScene, beats: SceneBeats, opts: RevealOptions = {}): LaidOutScene {
  const language = opts.language ?? 'en';
  if (!beats.sentences.length) return laid;
  const elements = cloneElements(laid.elements);
  const steps = stepElements(elements);
  const codes = codeElements(elements);
  if (!steps.size && !codes.length) return laid;
  const reveals: SceneReveals = { steps: [], codeFocus: [] };

  if (steps.size) {
    const groups = [...steps.values()];
    const layoutDelays = groups.map((g) => Math.min(...g.map((el) => el.enter!.delay)));
    const items = groups.map((g) => itemName(g, language));
    const placed = placeSteps(items, layoutDelays, beats, language);
    const lastLayout = Math.max(...layoutDelays);
    const shift = placed.at(-1)!.at - layoutDelays.at(-1)!;
    // Followers: untagged entrances that came after the last step in the layout keep their distance to it.
    const stepSet = new Set(groups.flat());
    const follow = (list: Element[]) => {
      for (const el of list) {
        if (stepSet.has(el)) continue;
        if (el.enter && el.enter.delay > lastLayout) moveEnter(el, el.enter.delay + shift);
        if (el.type === 'group') follow(el.children);
      }
    };
    if (shift > 0) follow(elements);
    groups.forEach((g, k) => {
      const p = placed[k]!;
      for (const el of g) moveEnter(el, p.at + (el.enter!.delay - layoutDelays[k]!));
      const ring = p.focus && ringFor(g[0]!, laid.frame.unit);
      if (p.focus && ring) {
        const u = laid.frame.unit;
        g[0]!.focus = { ...p.focus, ...ring, color: laid.theme.accentText, lineWidth: 4 * u };
      }
      reveals.steps.push({ ...p, step: g[0]!.enter!.step ?? k });
    });
  }
  for (const code of codes) {
    const banded = focusCode(code, beats);
    // The band alone is quiet on a dark panel; an accent bar at its start says "this line, now".
    if (banded.length) code.focusMarker = ensureContrast(laid.theme.accent, code.on, 3);
    reveals.codeFocus.push(...banded);
  }
  return { ...laid, elements, settlesAt: elementsSettleAt(elements), reveals };
}
