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

    // Grid: one column in portrait; side by side for 2; a wide single column for 3; two columns otherwise.
    const cols = frame.portrait || n === 3 ? 1 : 2;
    const rowsN = Math.ceil(n / cols);
    const gap = space(env, 3);
    const cellW = (col.w - gap * (cols - 1)) / cols;
    // Cells share the room left (up to a comfortable height); every option uses one type size, the largest that fits.
    const cellH = Math.min((frame.portrait ? 230 : 190) * u, (col.y + col.h - y - gap * (rowsN - 1)) / rowsN);
    const size = optionSize(env, scene.options, { w: cellW, h: cellH });
    const cells: Box[] = scene.options.map((_, i) => ({ x: col.x + (i % cols) * (cellW + gap), y: y + Math.floor(i / cols) * (cellH + gap), w: cellW, h: cellH }));
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
  return { x: textX, y: box.y + 12 * u, w: box.x + box.w - 26 * u - 44 * u - space(env, 2) - textX, h: box.h - 24 * u };
}

/** The largest option size (44 → 36 at 1080p, 32 only when needed) at which every option fits its cell in ≤ 3 lines. */
function optionSize(env: LayoutEnv, options: readonly string[], cell: { w: number; h: number }): number {
  const quiet = { ...env, warn: () => {} };
  const box = optionTextBox(env, { x: 0, y: 0, ...cell });
  for (let size = 44; size >= 32; size -= 2) {
    const fits = options.every((o) => {
      const t = textBlock(quiet, 'probe', o, box, 'bodyStrong', { size, minSize: size * env.frame.unit, maxLines: 3, color: '', on: '' });
      return !t.text.truncated && !o.split(/\s+/).some((w) => env.measure.width(w, t.text.css) > box.w);
    });
    if (fits) return size;
  }
  return 32;
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
    textBlock(state === 'plain' ? env : { ...env, warn: () => {} }, `options[${i}]`, text, textBox, 'bodyStrong', { size, maxLines: 3, valign: 'middle', color: dim ? theme.textMuted : theme.text, on: fill }),
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
