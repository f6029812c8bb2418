import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import type { LayoutEnv } from '../scene-types.ts';
import type { Enter } from '../motion.ts';
import { centredHeadline, placeText, space, textBlock, textHeight } from '../blocks.ts';
import { stagger } from '../motion.ts';

/**
 * A solid accent button with its label and a trailing arrow, sized to the label (blocks.pill is a small caps badge;
 * a call to action needs body-size type to read as a button). Returns its elements and height.
 */
function ctaButton(env: LayoutEnv, label: string, cx: number, y: number, maxW: number, enter: Enter): { element: Element; h: number } {
  const { theme, frame } = env;
  const u = frame.unit;
  const h = 96 * u;
  const padX = 48 * u;
  const arrow = 34 * u;
  const gap = 18 * u;
  // Fit first, then size the button to the fitted label, so a label that had to shrink does not leave a gap.
  const text = textBlock(env, 'callToAction', label, { x: 0, y, w: maxW - 2 * padX - arrow - gap, h }, 'bodyStrong', { weight: 700, maxLines: 1, valign: 'middle', color: theme.onAccent, on: theme.accentFill });
  const labelW = Math.ceil(Math.max(...text.text.widths)) + 2;
  const w = labelW + arrow + gap + 2 * padX;
  const box = { x: cx - w / 2, y, w, h };
  text.text = { ...text.text, box: { ...text.text.box, x: box.x + padX, w: labelW } };
  return {
    h,
    element: {
      type: 'group',
      box,
      enter,
      children: [
        { type: 'rect', box, fill: theme.accentFill, radius: h / 2, shadow: { color: theme.shadow, blur: 30 * u, offsetY: 10 * u } },
        text,
        { type: 'icon', name: 'arrowRight', box: { x: box.x + padX + labelW + gap, y: y + (h - arrow) / 2, w: arrow, h: arrow }, color: theme.onAccent, lineWidth: 3.2 * u },
      ],
    },
  };
}

/** Closing card: a success check, the closing line, a subtitle and a call-to-action button, centred as one stack. */
export const outroScene = defineScene({
  kind: 'outro',
  layout(scene, env) {
    const { frame, theme } = env;
    const u = frame.unit;
    const safe = frame.safe;
    const r = 68 * u;
    const { width, cx, title, subtitle } = centredHeadline(env, scene, { titleLines: frame.portrait ? 4 : 2, subtitleEnter: 2 });
    const ctaH = scene.callToAction ? 96 * u + space(env, 7) : 0;
    const total = 2 * r + space(env, 6) + textHeight(title) + (subtitle ? space(env, 3) + textHeight(subtitle) : 0) + ctaH;
    let y = safe.y + Math.max(0, (safe.h - total) * 0.45);
    const elements: Element[] = [];
    // The check sits in a soft success halo: a finished-lesson cue that does not compete with the accent button.
    elements.push({
      type: 'group',
      box: { x: cx - r, y, w: 2 * r, h: 2 * r },
      enter: stagger(0, 'scale'),
      children: [
        { type: 'circle', cx, cy: y + r, r, fill: theme.successTint, stroke: theme.success, lineWidth: 3 * u },
        { type: 'circle', cx, cy: y + r, r: r * 0.68, fill: theme.success },
        { type: 'icon', name: 'check', box: { x: cx - r * 0.42, y: y + r * 0.58, w: r * 0.84, h: r * 0.84 }, color: theme.surface, lineWidth: 4.2 * u },
      ],
    });
    y += 2 * r + space(env, 6);
    elements.push(placeText(title, y));
    y += textHeight(title);
    if (subtitle) {
      y += space(env, 3);
      elements.push(placeText(subtitle, y));
      y += textHeight(subtitle);
    }
    if (scene.callToAction) elements.push(ctaButton(env, scene.callToAction, cx, y + space(env, 7), width, stagger(3, 'scale')).element);
    return elements;
  },
});
