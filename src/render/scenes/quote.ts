import { defineScene } from '../scene-types.ts';
import type { Element, TextElement } from '../elements.ts';
import type { LayoutEnv } from '../scene-types.ts';
import type { Box } from '../geometry.ts';
import { card, placeText, space, textBlock, textHeight, readingColumn } from '../blocks.ts';
import { stagger } from '../motion.ts';
import { fitText } from '../text.ts';
import { textStyle } from '../type-scale.ts';

/** Lines a quotation may take: portrait lines hold fewer words, so the same quotation needs more of them. */
const maxLines = (portrait: boolean) => (portrait ? 7 : 5);

/**
 * Short quotations read best at heading size; longer ones drop to subheading rather than becoming a wall of
 * shrunken heading type. The trial fit is silent so only the final fit can warn.
 */
function quotation(env: LayoutEnv, text: string, box: Box): TextElement {
  const { theme, frame } = env;
  const opts = { color: theme.text, on: theme.accentTint, maxLines: maxLines(frame.portrait), enter: stagger(2, 'up') };
  const trial = fitText(text, box, textStyle('heading', frame.unit, { maxLines: 4, weight: 600 }), env.measure);
  if (!trial.truncated && trial.lines.length <= 4) return textBlock(env, 'text', text, box, 'heading', { ...opts, maxLines: 4, weight: 600 });
  return textBlock(env, 'text', text, box, 'subheading', { ...opts, weight: 500 });
}

/** A pull quote: a tinted card with an accent rule down its left edge, a big quote mark, the words, and who said them. */
export const quoteScene = defineScene({
  kind: 'quote',
  layout(scene, env) {
    const { frame, theme } = env;
    const u = frame.unit;
    const safe = frame.safe;
    const { x, w: width } = readingColumn(env, 1480);
    const padX = (frame.portrait ? 56 : 88) * u;
    const padY = 64 * u;
    const rule = 12 * u;
    const mark = (frame.portrait ? 96 : 112) * u;
    const inner = { x: x + rule + padX, w: width - rule - 2 * padX };
    const maxTextH = Math.min(safe.h - 2 * padY - mark - space(env, 14), 66 * 1.18 * u * maxLines(frame.portrait));
    const text = quotation(env, scene.text, { ...inner, y: 0, h: maxTextH });
    const who = scene.attribution
      ? textBlock(env, 'attribution', `— ${scene.attribution}`, { ...inner, y: 0, h: 40 * 1.3 * u * 2 }, 'bodyStrong', { maxLines: 2, color: theme.accentText, on: theme.accentTint, enter: stagger(3, 'up') })
      : undefined;
    const contentH = mark + space(env, 4) + textHeight(text) + (who ? space(env, 5) + textHeight(who) : 0);
    const h = contentH + 2 * padY;
    const y = safe.y + Math.max(0, (safe.h - h) * 0.42);
    const elements: Element[] = [
      card(env, { x, y, w: width, h }, { fill: theme.accentTint, stroke: theme.accentTint, enter: stagger(0, 'fade') }),
      // The accent rule is inset into the card's rounded corner so it reads as a quotation bar, not a border.
      { type: 'rect', box: { x, y: y + 28 * u, w: rule, h: h - 56 * u }, fill: theme.accent, radius: rule / 2, enter: { ...stagger(1, 'scale'), duration: 0.6 } },
      { type: 'icon', name: 'quote', box: { x: inner.x - mark * 0.12, y: y + padY, w: mark, h: mark }, color: theme.accent, lineWidth: mark * 0.075, enter: stagger(1, 'scale') },
    ];
    let cy = y + padY + mark + space(env, 4);
    elements.push(placeText(text, cy));
    cy += textHeight(text);
    if (who) elements.push(placeText(who, cy + space(env, 5)));
    return elements;
  },
});
