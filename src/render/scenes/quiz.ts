import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import type { Box } from '../geometry.ts';
import type { LayoutEnv } from '../scene-types.ts';
import { card, marker, space, textBlock, textHeight } from '../blocks.ts';
import { enterEnd, stagger, stepEnter } from '../motion.ts';
import { centerVertically } from '../arrange.ts';
import { chipRow, column } from './chips.ts';

/** Time the viewer gets to pick an answer after the last option has appeared, before the reveal. */
const THINK = 1.5;

/**
 * A multiple-choice question: "Quiz" pill, the question on a card, the options as lettered cards in a grid (2×2 for
 * four, two columns of three for five or six, one column in portrait). With `reveal`, once the options are in and
 * the viewer has had a moment to think, the right option lights up green with a check and the others fade back.
 */
export const quizScene = defineScene({
  kind: 'quiz',
  layout(scene, env) {
    const { theme, frame } = env;
    const u = frame.unit;
    const n = scene.options.length;
    const col = column(env, n === 3 || n === 2 ? 1400 : 1600);
    const elements: Element[] = [];

    const pill = chipRow(env, [{ slot: 'badge', label: 'Quiz', icon: 'question', upper: true, colors: { fill: theme.accentFill, text: theme.onAccent } }], { x: col.x, y: col.y, w: col.w }, () => stagger(0, 'scale'), 'center');
    elements.push(...pill.elements);
    let y = col.y + pill.h + space(env, 3);

    // Question card hugs the (centred, ≤ 3 line) question.
    const pad = 36 * u;
    const q = textBlock(env, 'question', scene.question, { x: col.x + pad, y: y + pad, w: col.w - 2 * pad, h: 46 * 1.25 * u * 3 }, 'subheading', { align: 'center', maxLines: 3, color: theme.text, on: theme.surface });
    const qBox = { x: col.x, y, w: col.w, h: textHeight(q) + 2 * pad };
    q.text = { ...q.text, box: { ...q.text.box, h: textHeight(q) }, top: y + pad };
    elements.push({ type: 'group', box: qBox, enter: stagger(1, 'up'), children: [card(env, qBox, { fill: theme.surface }), q] });
    y += qBox.h + space(env, 4);

    // Grid: one column in portrait, for three options, and when two columns would be narrow (a square frame); two
    // columns otherwise. Every option uses one type size, the largest at which all of them fit whole; rows are as tall
    // as their longest option and share what is left (up to a comfortable height each).
    const gap = space(env, 3);
    const avail = col.y + col.h - y;
    const wideCells = (col.w - gap) / 2 >= 560 * u;
    const preferredCols = frame.portrait || n === 3 || !wideCells ? 1 : 2;
    const grid = optionGrid(env, scene.options, col.w, avail, gap, preferredCols) ?? (!frame.portrait && preferredCols === 1 && n > 3 ? optionGrid(env, scene.options, col.w, avail, gap, 2) : undefined);
    const { cols, size, rowsH } = grid ?? { cols: preferredCols, size: 32, rowsH: Array.from({ length: Math.ceil(n / preferredCols) }, () => (avail - gap * (Math.ceil(n / preferredCols) - 1)) / Math.ceil(n / preferredCols)) };
    const cellW = (col.w - gap * (cols - 1)) / cols;
    const cap = (frame.portrait ? 230 : 190) * u;
    const spare = Math.max(0, avail - rowsH.reduce((a, h) => a + h + gap, -gap));
    const grown = rowsH.map((h) => h + Math.min(spare / rowsH.length, Math.max(0, cap - h)));
    const rowY = grown.map((_, r) => y + grown.slice(0, r).reduce((a, h) => a + h + gap, 0));
    const cells: Box[] = scene.options.map((_, i) => ({ x: col.x + (i % cols) * (cellW + gap), y: rowY[Math.floor(i / cols)]!, w: cellW, h: grown[Math.floor(i / cols)]! }));
    const enters = cells.map((_, i) => stepEnter(i, 2 + i, 'up'));
    scene.options.forEach((option, i) => elements.push(optionCard(env, cells[i]!, i, option, 'plain', enters[i]!, size)));

    if (scene.reveal) {
      const at = Math.max(...enters.map(enterEnd)) + THINK;
      scene.options.forEach((option, i) => {
        if (i === scene.answer) elements.push(optionCard(env, cells[i]!, i, option, 'correct', { delay: at, duration: 0.5, from: 'scale' }, size));
        // Wrong answers recede: redrawn in muted colours (an opaque, contrast-checked overlay, not a translucent veil).
        else elements.push(optionCard(env, cells[i]!, i, option, 'dim', { delay: at, duration: 0.5, from: 'fade' }, size));
      });
    }
    return centerVertically(elements, frame.safe);
  },
});

/** Text box of an option inside its cell (room for the letter disc and, on the answer, the check). */
function optionTextBox(env: LayoutEnv, box: Box): Box {
  const u = env.frame.unit;
  const textX = box.x + 26 * u + 2 * 28 * u + space(env, 2.5);
  return { x: textX, y: box.y + 8 * u, w: box.x + box.w - 26 * u - 44 * u - space(env, 2) - textX, h: box.h - 16 * u };
}

/**
 * The largest option size (44 → 36 at 1080p; 32 with a fourth line only when needed) at which every option fits whole
 * in `cols` columns, with the height of each grid row; undefined when even 32 does not fit in `avail`.
 */
function optionGrid(env: LayoutEnv, options: readonly string[], width: number, avail: number, gap: number, cols: number): { cols: number; size: number; rowsH: number[] } | undefined {
  const u = env.frame.unit;
  const quiet = { ...env, warn: () => {} };
  const cellW = (width - gap * (cols - 1)) / cols;
  const box = optionTextBox(env, { x: 0, y: 0, w: cellW, h: 10_000 });
  const rowsN = Math.ceil(options.length / cols);
  for (let size = 44; size >= 32; size -= 2) {
    const maxLines = size > 32 ? 3 : 4;
    const heights: number[] = [];
    const fits = options.every((o) => {
      const t = textBlock(quiet, 'probe', o, box, 'bodyStrong', { size, minSize: size * u, maxLines, color: '', on: '' });
      heights.push(Math.max(2 * 28 * u + 16 * u, t.text.lines.length * t.text.lineHeight + 16 * u + 1));
      return !t.text.truncated && !o.split(/\s+/).some((w) => env.measure.width(w, t.text.css) > box.w);
    });
    const rowsH = Array.from({ length: rowsN }, (_, r) => Math.max(...heights.slice(r * cols, r * cols + cols)));
    if (fits && rowsH.reduce((a, h) => a + h + gap, -gap) <= avail + 0.5) return { cols, size, rowsH };
  }
  return undefined;
}

/** An option card: letter disc + answer text. After the reveal it is redrawn 'correct' (success colours, check) or 'dim'. */
function optionCard(env: LayoutEnv, box: Box, i: number, text: string, state: 'plain' | 'correct' | 'dim', enter: NonNullable<Element['enter']>, size: number): Element {
  const { theme, frame } = env;
  const u = frame.unit;
  const [ok, dim] = [state === 'correct', state === 'dim'];
  const fill = ok ? theme.successTint : theme.surface;
  const r = 28 * u;
  const padX = 26 * u;
  const cx = box.x + padX + r;
  const cy = box.y + box.h / 2;
  const check = ok ? 44 * u : 0;
  // Same text box in every state, so the reveal does not reflow the answer.
  const textBox = optionTextBox(env, box);
  const letter = String.fromCharCode(65 + i);
  const children: Element[] = [
    card(env, box, { fill, stroke: ok ? theme.success : theme.surfaceBorder, radius: 22 * u, shadow: state === 'plain' && theme.mode === 'light' }),
    ...marker(env, cx, cy, r, letter, ok ? { fill: theme.surface, text: theme.successText } : dim ? { fill: theme.background, text: theme.textMuted } : { fill: theme.accentTint, text: theme.accentText }),
    // The plain card already warned if this text had to be cut.
    textBlock(state === 'plain' ? env : { ...env, warn: () => {} }, `options[${i}]`, text, textBox, 'bodyStrong', { size, maxLines: size > 32 ? 3 : 4, valign: 'middle', color: dim ? theme.textMuted : theme.text, on: fill }),
  ];
  if (ok) {
    const ccx = box.x + box.w - padX - check / 2;
    const g = check * 0.62;
    // The ring on the letter disc and the thicker border carry the state as well as the colour does.
    children[0] = { ...(children[0] as Extract<Element, { type: 'rect' }>), lineWidth: 4 * u };
    children.splice(1, 0, { type: 'circle', cx, cy, r: r + 3 * u, fill: theme.success });
    children.push({ type: 'circle', cx: ccx, cy, r: check / 2, fill: theme.successText }, { type: 'icon', name: 'check', box: { x: ccx - g / 2, y: cy - g / 2, w: g, h: g }, color: theme.surface, lineWidth: 4 * u });
  }
  return { type: 'group', box, enter, children };
}
