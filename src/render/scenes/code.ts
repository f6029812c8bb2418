import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import { codePanel, header } from '../blocks.ts';
import { stagger } from '../motion.ts';
import { isKnownLanguage } from '../code-highlight.ts';
import { centerVertically } from '../arrange.ts';

/** A syntax-highlighted code panel with line numbers, optionally under a heading; `highlight` lines are banded. */
export const codeScene = defineScene({
  kind: 'code',
  layout(scene, env) {
    const elements: Element[] = [];
    let area = env.frame.safe;
    let next = 0;
    if (scene.title) {
      const head = header(env, area, { icon: 'code', title: scene.title });
      elements.push(...head.elements);
      area = head.rest;
      next = head.next;
    }
    if (!isKnownLanguage(scene.language)) env.warn(`language: "${scene.language}" is not a known language; drawn without syntax colours`);
    elements.push(
      codePanel(env, 'code', area, { code: scene.code, language: scene.language, label: scene.language === 'text' ? undefined : scene.language, highlight: scene.highlight, lineNumbers: true }, stagger(next, 'up')),
    );
    return centerVertically(elements, env.frame.safe);
  },
});
