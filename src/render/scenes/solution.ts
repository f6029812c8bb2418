import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import { codePanel, pill, placeText, space, textBlock, textHeight } from '../blocks.ts';
import { stagger } from '../motion.ts';
import { isKnownLanguage } from '../code-highlight.ts';
import { centerVertically } from '../arrange.ts';

/**
 * The answer to a problem scene: a green "Solution" badge, the heading, the code with line numbers, and a short
 * explanation set off by a green rule. Left-aligned like the other header scenes, so a problem → solution pair
 * keeps its edges when the video cuts between them.
 */
export const solutionScene = defineScene({
  kind: 'solution',
  layout(scene, env) {
    const { frame, theme } = env;
    const u = frame.unit;
    const safe = frame.safe;
    const elements: Element[] = [];
    const badge = pill(env, 'badge', 'Solution', { x: safe.x, y: safe.y, maxW: safe.w }, { fill: theme.successTint, text: theme.successText, stroke: theme.success }, stagger(0, 'scale'));
    elements.push(badge.element);
    let y = safe.y + badge.box.h + space(env, 3);
    const title = textBlock(env, 'title', scene.title, { x: safe.x, y, w: safe.w, h: 66 * 1.18 * u * 2 }, 'heading', { maxLines: 2, color: theme.text, on: theme.background, enter: stagger(1, 'up') });
    elements.push(placeText(title, y));
    y += textHeight(title) + space(env, 5);

    // The explanation is fitted first so the code panel gets exactly the room that is left.
    const ruleW = 6 * u;
    const explainX = safe.x + ruleW + space(env, 3);
    const explanation = scene.explanation
      ? textBlock(env, 'explanation', scene.explanation, { x: explainX, y: 0, w: Math.min(safe.w, 1400 * u) - (explainX - safe.x), h: 40 * 1.32 * u * 3 }, 'body', { maxLines: 3, color: theme.textMuted, on: theme.background, enter: stagger(3, 'up') })
      : undefined;
    const explainH = explanation ? textHeight(explanation) + space(env, 5) : 0;

    if (scene.language && !isKnownLanguage(scene.language)) env.warn(`language: "${scene.language}" is not a known language; drawn without syntax colours`);
    const label = scene.language && scene.language !== 'text' ? scene.language : 'Solution';
    const panel = codePanel(env, 'code', { x: safe.x, y, w: safe.w, h: safe.y + safe.h - y - explainH }, { code: scene.code, language: scene.language, label, labelDot: theme.success, lineNumbers: true }, stagger(2, 'up'));
    elements.push(panel);
    y += (panel.type === 'group' ? panel.box.h : 0) + space(env, 5);

    if (explanation) {
      placeText(explanation, y);
      elements.push({ type: 'rect', box: { x: safe.x, y, w: ruleW, h: textHeight(explanation) }, fill: theme.success, radius: ruleW / 2, enter: stagger(3, 'fade') }, explanation);
    }
    return centerVertically(elements, safe);
  },
});
