import type { SceneBeats } from '../timeline/beats.ts';
import type { LaidOutScene } from './compose.ts';
import { elementsSettleAt } from './draw.ts';
import type { Element, TimeWindow } from './elements.ts';
import { findMention, significant, type Match, type Token } from './narration-words.ts';
import { codeElements, focusCode } from './code-focus.ts';
import { STAGGER } from './motion.ts';
import { blend, ensureContrast } from './color.ts';

/**
 * How much of the accent tints a banded code line. The layout's grey band (16 %) is lost on a dark panel in a video;
 * this one reads as "this line" at a glance, and the code's colours are refitted to keep AA on it.
 */
const BAND_TINT = 0.26;

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

/** An item is emphasised only when the voice stays on it at least this long: shorter would read as flicker. */
const MIN_FOCUS = 1.2;

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
  const named = (tokens: Token[]) => tokens.some((t) => !/^\p{N}+$/u.test(t.stem));
  for (const text of texts) {
    const tokens = significant(text, language);
    if (named(tokens)) return tokens;
    // A title as short as "lp" is still the item's name: its two-letter words name it.
    const short = significant(text, language, 2);
    if (named(short)) return short;
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

/**
 * Where each step appears. Step i goes to the first sentence at or after the previous match that names it; runs of
 * steps no sentence names are spread over the sentences between their neighbours' matches (in order), or, when there
 * are none, follow the previous match with a short stagger. Times never go backwards, keep a 100 ms stagger, and are
 * never earlier than the layout's own entrance (the heading still comes first).
 */
function placeSteps(items: Token[][], layoutDelays: number[], beats: SceneBeats, language: string): StepReveal[] {
  // Sentences keep two-letter words, so they can name two-letter items.
  const sentences = beats.sentences.map((beat) => ({ beat, tokens: significant(beat.text, language, 2) }));
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
    if (banded.length) {
      // An accent bar at the start of the band says "this line, now" (a non-text mark: ≥ 3:1 on the panel).
      code.focusMarker = ensureContrast(laid.theme.accent, code.on, 3);
      code.emphasisFill = blend(code.focusMarker, code.on, BAND_TINT);
      // Every line, banded or not, so a token keeps its colour as the band comes and goes.
      const fill = code.emphasisFill;
      code.lines = code.lines.map((line) => ({
        ...line,
        tokens: line.tokens.map((t) => (t.text.trim() ? { ...t, color: ensureContrast(t.color, fill, 4.5) } : t)),
        ...(line.gutter ? { gutter: { ...line.gutter, color: ensureContrast(line.gutter.color, fill, 4.5) } } : {}),
      }));
    }
    reveals.codeFocus.push(...banded);
  }
  return { ...laid, elements, settlesAt: elementsSettleAt(elements), reveals };
}
