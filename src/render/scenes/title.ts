import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import { centredHeadline, pill, placeText, space } from '../blocks.ts';
import { stagger } from '../motion.ts';

/** Opening card: optional badge, a big title with an accent rule, and a subtitle; centred as one stack. */
export const titleScene = defineScene({
  kind: 'title',
  layout(scene, env) {
    const { frame, theme } = env;
    const u = frame.unit;
    const safe = frame.safe;
    const { width, cx, title, subtitle } = centredHeadline(env, scene, { titleLines: frame.portrait ? 5 : 3, subtitleEnter: 3 });
    const badgeH = scene.badge ? 52 * u + space(env, 5) : 0;
    const titleH = title.text.lines.length * title.text.lineHeight;
    const ruleGap = space(env, 5);
    const ruleH = 8 * u;
    const subH = subtitle ? subtitle.text.lines.length * subtitle.text.lineHeight + space(env, 4) : 0;
    const total = badgeH + titleH + ruleGap * 2 + ruleH + subH;
    let y = safe.y + (safe.h - total) / 2;
    const elements: Element[] = [];
    if (scene.badge) {
      elements.push(pill(env, 'badge', scene.badge, { x: cx, y, center: true, maxW: width }, { fill: theme.accentTint, text: theme.accentText }, stagger(0, 'scale')).element);
      y += badgeH;
    }
    elements.push(placeText(title, y));
    y += titleH + ruleGap;
    elements.push({ type: 'rect', box: { x: cx - 70 * u, y, w: 140 * u, h: ruleH }, fill: theme.accent, radius: ruleH / 2, enter: { ...stagger(2, 'scale'), duration: 0.6 } });
    y += ruleH + ruleGap;
    if (subtitle) {
      elements.push(placeText(subtitle, y + space(env, 1)));
    }
    return elements;
  },
});
