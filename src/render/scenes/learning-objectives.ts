import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import { placeText, space, textBlock, textHeight } from '../blocks.ts';
import { stagger, stepEnter } from '../motion.ts';
import { centerVertically } from '../arrange.ts';
import { cssFont } from '../fonts.ts';
import { textStyle } from '../type-scale.ts';
import { chipRow, chipWidth, column, difficultyChip, eyebrow, stackRows, type Chip } from './chips.ts';

/**
 * Lesson opener: "Learning objectives" eyebrow, the lesson title, a row of info chips (length, difficulty,
 * prerequisites) and the objectives as target-marked rows. Left-aligned in a reading column, centred as a whole.
 */
export const learningObjectivesScene = defineScene({
  kind: 'learningObjectives',
  layout(scene, env) {
    const { theme, frame } = env;
    const u = frame.unit;
    // A portrait column is narrow: the title may take a third line before it has to shrink.
    const titleLines = frame.portrait ? 3 : 2;
    const col = column(env, 1500);
    const elements: Element[] = [];
    let y = col.y;
    let next = 0;

    const brow = eyebrow(env, 'eyebrow', 'Learning objectives', { x: col.x, y, w: col.w }, stagger(next++, 'up'));
    elements.push(...brow.elements);
    y += brow.h + space(env, 1.5);

    const titleBox = { x: col.x, y, w: col.w, h: 66 * 1.18 * u * titleLines };
    const title = textBlock(env, 'title', scene.title, titleBox, 'heading', { color: theme.text, on: theme.background, maxLines: titleLines, enter: stagger(next++, 'up') });
    elements.push(placeText(title, y));
    y += textHeight(title) + space(env, 3);

    const chips: Chip[] = [];
    if (scene.duration !== undefined) chips.push({ slot: 'duration', label: `${formatNumber(scene.duration)} min`, icon: 'clock' });
    if (scene.difficulty) chips.push(difficultyChip(env, 'difficulty', scene.difficulty));
    if (scene.prerequisites) chips.push({ slot: 'prerequisites', label: prerequisiteLabel(env, scene.prerequisites, col.w, chips), icon: 'book' });
    if (chips.length) {
      const row = chipRow(env, chips, { x: col.x, y, w: col.w }, (i) => stagger(next + i, 'up'));
      elements.push(...row.elements);
      next += chips.length;
      y += row.h + space(env, 5);
    } else y += space(env, 2);

    // Objectives get the rest of the safe area; a long list in a wide frame flows into two columns.
    const rowsBox = { x: col.x, y, w: col.w, h: col.y + col.h - y };
    const rows = stackRows(env, rowsBox, scene.objectives, {
      slot: 'objectives',
      marker: () => ({ icon: 'target' }),
      markerFill: theme.accentTint,
      markerText: theme.accentText,
      cards: true,
      on: theme.background,
      enter: (i) => stepEnter(i, next + i, 'up'),
      columns: col.w > 1200 * u && scene.objectives.length > 5 ? 2 : 1,
      spread: true,
    });
    elements.push(...rows.elements);
    return centerVertically(elements, frame.safe);
  },
});

/** "25 min", "1.5 min": minutes without trailing zeros. */
function formatNumber(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * The prerequisite names when they fit on the chip row next to the other chips ("Requires: A, B"), otherwise their
 * count ("3 prerequisites"), so the row never wraps into a paragraph. An empty list says so explicitly.
 */
function prerequisiteLabel(env: Parameters<typeof chipWidth>[0], names: readonly string[], rowW: number, before: readonly Chip[]): string {
  if (!names.length) return 'No prerequisites';
  const named = `Requires ${names.join(', ')}`;
  const others = before.reduce((s, c) => s + chipWidth(env, c) + space(env, 1.5), 0);
  const room = env.frame.portrait ? rowW : rowW - others;
  if (chipWidth(env, { slot: '', label: named, icon: 'book' }) <= room) return named;
  // A single long name still reads better than "1 prerequisite"; the chip fits it to the row.
  if (names.length === 1 && env.measure.width(named, cssFont(textStyle('label', env.frame.unit).font)) < rowW * 1.5) return named;
  return `${names.length} prerequisite${names.length === 1 ? '' : 's'}`;
}
