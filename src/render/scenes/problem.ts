import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import { card, placeText, space, textBlock, textHeight } from '../blocks.ts';
import { stagger } from '../motion.ts';
import { centerVertically } from '../arrange.ts';
import { chipRow, column, difficultyChip, eyebrow } from './chips.ts';

/**
 * A problem statement: "Problem 1" eyebrow with the difficulty chip beside it, the title, then the statement on a
 * card with a round "?" badge sitting on the card's top-right corner. The card hugs the statement (up to 8 lines).
 */
export const problemScene = defineScene({
  kind: 'problem',
  layout(scene, env) {
    const { theme, frame } = env;
    const u = frame.unit;
    // A portrait column is narrow: the title may take a third line before it has to shrink.
    const titleLines = frame.portrait ? 3 : 2;
    const col = column(env, 1440);
    const elements: Element[] = [];
    let y = col.y;

    // Eyebrow and difficulty share one line; the chip is centred on the eyebrow's line.
    const label = scene.number !== undefined ? `Problem ${scene.number}` : 'Problem';
    const brow = eyebrow(env, 'number', label, { x: col.x, y, w: col.w * 0.6 }, stagger(0, 'up'), 'flag');
    elements.push(...brow.elements);
    const browRight = brow.right;
    if (scene.difficulty) {
      const chipY = y + (brow.h - 52 * u) / 2;
      const row = chipRow(env, [difficultyChip(env, 'difficulty', scene.difficulty)], { x: browRight + space(env, 3), y: chipY, w: col.x + col.w - browRight - space(env, 3) }, () => stagger(1, 'scale'));
      elements.push(...row.elements);
    }
    y += brow.h + space(env, 2);

    const title = textBlock(env, 'title', scene.title, { x: col.x, y, w: col.w, h: 66 * 1.18 * u * titleLines }, 'heading', { color: theme.text, on: theme.background, maxLines: titleLines, enter: stagger(2, 'up') });
    elements.push(placeText(title, y));
    y += textHeight(title) + space(env, 5);

    // Statement: body size, up to 8 lines, inside generous padding; the right padding leaves room under the badge.
    const pad = (frame.portrait ? 44 : 56) * u;
    const badgeR = 40 * u;
    // 8 lines fill a landscape frame; a portrait column is narrower, so the same text needs more lines.
    const maxLines = frame.portrait ? 16 : 8;
    const lineH = (frame.portrait ? 40 : 44) * 1.32 * u;
    const room = col.y + col.h - y - 2 * pad;
    const textBox = { x: col.x + pad, y: y + pad, w: col.w - 2 * pad - (frame.portrait ? 0 : badgeR), h: Math.max(lineH, Math.min(room, lineH * maxLines + 1)) };
    const statement = textBlock(env, 'text', scene.text, textBox, 'body', { size: frame.portrait ? 40 : 44, color: theme.text, on: theme.surface, maxLines });
    placeText(statement, y + pad);
    const cardBox = { x: col.x, y, w: col.w, h: textHeight(statement) + 2 * pad };
    elements.push({ type: 'group', box: cardBox, enter: stagger(3, 'up'), children: [card(env, cardBox), statement] });

    // The "?" badge straddles the card's top edge near the right corner; a background-coloured ring separates it.
    const cx = cardBox.x + cardBox.w - pad - badgeR * 0.4;
    const cy = cardBox.y;
    const badgeBox = { x: cx - badgeR, y: cy - badgeR, w: 2 * badgeR, h: 2 * badgeR };
    const glyph = badgeR * 1.1;
    elements.push({
      type: 'group',
      box: badgeBox,
      enter: stagger(4, 'scale'),
      children: [
        { type: 'circle', cx, cy, r: badgeR + 6 * u, fill: theme.background },
        { type: 'circle', cx, cy, r: badgeR, fill: theme.accentFill },
        { type: 'icon', name: 'question', box: { x: cx - glyph / 2, y: cy - glyph / 2, w: glyph, h: glyph }, color: theme.onAccent, lineWidth: 3.4 * u },
      ],
    });
    return centerVertically(elements, frame.safe);
  },
});
