import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import { card, placeText, space, textBlock, textHeight } from '../blocks.ts';
import { stagger, stepEnter } from '../motion.ts';
import { centerVertically } from '../arrange.ts';
import { chipRow, column, difficultyChip, eyebrow, stackRows, type Chip } from './chips.ts';

/**
 * A hands-on exercise: pencil tile + "Practice exercise" eyebrow, the title, chips for difficulty and time, then one
 * card holding an "Instructions" label and the numbered steps, joined by a dashed rail so they read as a sequence.
 */
export const exerciseScene = defineScene({
  kind: 'exercise',
  layout(scene, env) {
    const { theme, frame } = env;
    const u = frame.unit;
    // A portrait column is narrow: the title may take a third line before it has to shrink.
    const titleLines = frame.portrait ? 3 : 2;
    const col = column(env, 1440);
    const elements: Element[] = [];
    let y = col.y;
    let next = 0;

    const brow = eyebrow(env, 'eyebrow', 'Practice exercise', { x: col.x, y, w: col.w }, stagger(next++, 'up'), 'pencil');
    elements.push(...brow.elements);
    y += brow.h + space(env, 2);

    const title = textBlock(env, 'title', scene.title, { x: col.x, y, w: col.w, h: 66 * 1.18 * u * titleLines }, 'heading', { color: theme.text, on: theme.background, maxLines: titleLines, enter: stagger(next++, 'up') });
    elements.push(placeText(title, y));
    y += textHeight(title) + space(env, 3);

    const chips: Chip[] = [];
    if (scene.difficulty) chips.push(difficultyChip(env, 'difficulty', scene.difficulty));
    if (scene.estimatedTime) chips.push({ slot: 'estimatedTime', label: scene.estimatedTime, icon: 'clock' });
    if (chips.length) {
      const row = chipRow(env, chips, { x: col.x, y, w: col.w }, (i) => stagger(next + i, 'up'));
      elements.push(...row.elements);
      next += chips.length;
      y += row.h + space(env, 4);
    } else y += space(env, 1);

    // The card: label, hairline, steps. Steps are fitted into what is left of the safe area, then the card hugs them.
    const pad = (frame.portrait ? 36 : 44) * u;
    const labelH = 30 * 1.25 * u;
    const stepsTop = y + pad + labelH + space(env, 3);
    const stepsBox = { x: col.x + pad, y: stepsTop, w: col.w - 2 * pad, h: col.y + col.h - pad - stepsTop };
    const steps = stackRows(env, stepsBox, scene.instructions, {
      slot: 'instructions',
      marker: (i) => ({ label: String(i + 1) }),
      markerFill: theme.accentFill,
      markerText: theme.onAccent,
      cards: false,
      on: theme.surface,
      enter: (i) => stepEnter(i, next + 1 + i, 'left'),
      maxLines: 3,
      spread: true,
    });
    const cardBox = { x: col.x, y, w: col.w, h: stepsTop + steps.h + pad - y };
    const label = textBlock(env, 'instructions label', 'INSTRUCTIONS', { x: col.x + pad, y: y + pad, w: col.w - 2 * pad, h: labelH }, 'label', { size: 28, weight: 700, maxLines: 1, color: theme.textMuted, on: theme.surface, tracking: 2 * u });
    const ruleY = y + pad + labelH + space(env, 1.5);
    const shell: Element[] = [card(env, cardBox), label, { type: 'line', x1: col.x + pad, y1: ruleY, x2: col.x + col.w - pad, y2: ruleY, color: theme.surfaceBorder, lineWidth: 2 * u }];

    // A dashed rail behind the number discs, from the first disc to the last (discs sit at stackRows' marker column).
    const discs = steps.elements.flatMap((g) => (g.type === 'group' ? g.children.filter((c) => c.type === 'circle') : []));
    const first = discs[0];
    const last = discs[discs.length - 1];
    if (first?.type === 'circle' && last?.type === 'circle' && discs.length > 1 && first.cx === last.cx) {
      shell.push({ type: 'line', x1: first.cx, y1: first.cy, x2: last.cx, y2: last.cy, color: theme.surfaceBorder, lineWidth: 3 * u, dash: [6 * u, 8 * u] });
    }
    elements.push({ type: 'group', box: cardBox, enter: stagger(next, 'up'), children: shell }, ...steps.elements);
    return centerVertically(elements, frame.safe);
  },
});
