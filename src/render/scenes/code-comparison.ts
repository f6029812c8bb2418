import { defineScene } from '../scene-types.ts';
import type { CodeLine, Element } from '../elements.ts';
import { graphemes } from '../text.ts';
import type { LayoutEnv } from '../scene-types.ts';
import type { Box } from '../geometry.ts';
import type { Enter } from '../motion.ts';
import type { SceneOf } from '../../spec/index.ts';
import { codePanel, header, textBlock } from '../blocks.ts';
import { stagger } from '../motion.ts';
import { columns } from '../geometry.ts';
import { isKnownLanguage } from '../code-highlight.ts';
import { cssFont } from '../fonts.ts';
import { textStyle } from '../type-scale.ts';
import { centerVertically } from '../arrange.ts';

type Side = SceneOf<'codeComparison'>['before'];

const tokenize = (env: LayoutEnv, side: Side): CodeLine[] =>
  env.code.tokenize(side.code.replace(/\t/g, '  ').replace(/\s+$/, ''), side.language, env.theme.codeBackground).map((tokens) => ({ tokens }));
const chars = (line: CodeLine) => graphemes(line.tokens.map((t) => t.text).join('')).length;

/**
 * Both sides' lines, padded (invisible trailing spaces, blank lines) to the same longest line and line count, so
 * codePanel picks one type size for both: a comparison whose two halves differ in size reads as two unrelated shots.
 * Padding stops at what fits at the code floor, so it never causes a clip marker or a "more lines" note of its own.
 */
function pairedLines(env: LayoutEnv, before: Side, after: Side, box: Box): [CodeLine[], CodeLine[]] {
  const u = env.frame.unit;
  const floor = textStyle('code', u).minSize;
  const bodyW = box.w - 60 * u;
  const bodyH = box.h - 56 * u - 48 * u;
  const fitChars = Math.floor(bodyW / env.measure.width('M', cssFont({ role: 'mono', weight: 400, size: floor })));
  const fitLines = Math.floor(bodyH / (floor * 1.45));
  const sides = [tokenize(env, before), tokenize(env, after)];
  const width = Math.min(fitChars, Math.max(...sides.flat().map(chars)));
  const height = Math.max(...sides.map((s) => s.length));
  return sides.map((lines) => {
    const out = [...lines];
    const longest = out.reduce((best, l, i) => (chars(l) > chars(out[best] as CodeLine) ? i : best), 0);
    const line = out[longest] as CodeLine;
    if (chars(line) < width) out[longest] = { ...line, tokens: [...line.tokens, { text: ' '.repeat(width - chars(line)), color: env.theme.codeText }] };
    if (height <= fitLines) while (out.length < height) out.push({ tokens: [{ text: '', color: env.theme.codeText }] });
    return out;
  }) as [CodeLine[], CodeLine[]];
}

/** Natural height of a panel for its lines (a silent dry run, so warnings are raised once, by the real panel). */
function naturalHeight(env: LayoutEnv, lines: CodeLine[], box: Box): number {
  const quiet: LayoutEnv = { ...env, warn: () => undefined };
  const el = codePanel(quiet, 'probe', box, { code: '', label: 'x', lines });
  return el.type === 'group' ? el.box.h : box.h;
}

/** One panel at exactly `box` (both sides share a height so the comparison lines up), with a language tag at right. */
function sidePanel(env: LayoutEnv, slot: string, side: Side, lines: CodeLine[], box: Box, fallback: string, dot: string, enter: Enter): Element {
  const { theme, frame } = env;
  const u = frame.unit;
  const label = side.label ?? fallback;
  if (side.language && !isKnownLanguage(side.language)) env.warn(`${slot}.language: "${side.language}" is not a known language; drawn without syntax colours`);
  const panel = codePanel(env, slot, box, { code: side.code, language: side.language, label, labelDot: dot, lines, fullHeight: true }, enter);
  const lang = side.language && side.language !== 'text' ? side.language : undefined;
  if (lang && panel.type === 'group') {
    // Only when the tag clears the label: the label is the point of the panel, the language is a footnote.
    const font = cssFont(textStyle('label', u, { size: 28, weight: 600 }).font);
    const labelEnd = 30 * u + 94 * u + 24 * u + env.measure.width(label, font);
    const tagW = env.measure.width(lang, font) + 4 * u;
    if (labelEnd + tagW + 40 * u < box.w - 30 * u) {
      panel.children.push(textBlock(env, `${slot} language`, lang, { x: box.x + box.w - 30 * u - tagW, y: box.y, w: tagW, h: 56 * u }, 'label', { size: 28, weight: 600, maxLines: 1, align: 'right', valign: 'middle', color: theme.codeMuted, on: theme.codeHeader }));
    }
  }
  return panel;
}

/** A round accent badge with an arrow pointing right (side by side) or down (stacked). */
function arrowBadge(env: LayoutEnv, cx: number, cy: number, down: boolean, enter: Enter): Element {
  const { theme, frame } = env;
  const u = frame.unit;
  const r = 40 * u;
  const s = 17 * u;
  const lw = 5 * u;
  const c = theme.onAccent;
  const shaft: Element = down ? { type: 'line', x1: cx, y1: cy - s, x2: cx, y2: cy + s, color: c, lineWidth: lw } : { type: 'line', x1: cx - s, y1: cy, x2: cx + s, y2: cy, color: c, lineWidth: lw };
  const head: Element[] = down
    ? [{ type: 'line', x1: cx - s * 0.7, y1: cy + s * 0.3, x2: cx, y2: cy + s, color: c, lineWidth: lw }, { type: 'line', x1: cx + s * 0.7, y1: cy + s * 0.3, x2: cx, y2: cy + s, color: c, lineWidth: lw }]
    : [{ type: 'line', x1: cx + s * 0.3, y1: cy - s * 0.7, x2: cx + s, y2: cy, color: c, lineWidth: lw }, { type: 'line', x1: cx + s * 0.3, y1: cy + s * 0.7, x2: cx + s, y2: cy, color: c, lineWidth: lw }];
  return {
    type: 'group',
    box: { x: cx - r, y: cy - r, w: 2 * r, h: 2 * r },
    enter,
    // A background-coloured ring separates the badge from the panels it overlaps.
    children: [{ type: 'circle', cx, cy, r: r + 6 * u, fill: theme.background }, { type: 'circle', cx, cy, r, fill: theme.accentFill }, shaft, ...head],
  };
}

function sideBySide(env: LayoutEnv, scene: SceneOf<'codeComparison'>, area: Box, n: number): Element[] {
  const u = env.frame.unit;
  const gap = 64 * u;
  const [left, right] = columns(area, 2, gap) as [Box, Box];
  const [a, b] = pairedLines(env, scene.before, scene.after, left);
  const h = Math.min(area.h, Math.max(naturalHeight(env, a, left), naturalHeight(env, b, right), 300 * u));
  return [
    sidePanel(env, 'before', scene.before, a, { ...left, h }, 'Before', env.theme.danger, stagger(n, 'left')),
    sidePanel(env, 'after', scene.after, b, { ...right, h }, 'After', env.theme.success, stagger(n + 2, 'right')),
    arrowBadge(env, left.x + left.w + gap / 2, area.y + h / 2, false, stagger(n + 1, 'scale')),
  ];
}

function stacked(env: LayoutEnv, scene: SceneOf<'codeComparison'>, area: Box, n: number): Element[] {
  const gap = 88 * env.frame.unit;
  const box = { ...area, h: (area.h - gap) / 2 };
  // Equal heights (the longer side decides, up to half the room) keep the two panels reading as a pair.
  const [a, b] = pairedLines(env, scene.before, scene.after, box);
  const h = Math.min(box.h, Math.max(naturalHeight(env, a, box), naturalHeight(env, b, box)));
  return [
    sidePanel(env, 'before', scene.before, a, { ...area, h }, 'Before', env.theme.danger, stagger(n, 'up')),
    sidePanel(env, 'after', scene.after, b, { ...area, y: area.y + h + gap, h }, 'After', env.theme.success, stagger(n + 2, 'up')),
    arrowBadge(env, area.x + area.w / 2, area.y + h + gap / 2, true, stagger(n + 1, 'scale')),
  ];
}

/** How many fitting problems (clipped or hidden lines, cut labels) an arrangement would have, without reporting them. */
function problems(env: LayoutEnv, arrange: typeof stacked, scene: SceneOf<'codeComparison'>, area: Box, n: number): number {
  let count = 0;
  arrange({ ...env, warn: () => void count++ }, scene, area, n);
  return count;
}

/**
 * Before/after code: side by side with an arrow at the seam in 16:9, stacked with a down arrow in 9:16. A square
 * frame takes whichever arrangement cuts less code (short wide lines stack, long listings sit side by side).
 */
export const codeComparisonScene = defineScene({
  kind: 'codeComparison',
  layout(scene, env) {
    const { frame } = env;
    const head = header(env, frame.safe, { icon: 'bolt', title: scene.title });
    const square = !frame.portrait && frame.aspect !== '16:9';
    const stack = frame.portrait || (square && problems(env, stacked, scene, head.rest, head.next) < problems(env, sideBySide, scene, head.rest, head.next));
    const panels = (stack ? stacked : sideBySide)(env, scene, head.rest, head.next);
    return centerVertically([...head.elements, ...panels], frame.safe);
  },
});
