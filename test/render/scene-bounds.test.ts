import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateSpec, type SceneInput, type SceneKind } from '../../src/spec/index.ts';
import { layoutScene } from '../../src/render/compose.ts';
import { frameFor } from '../../src/render/geometry.ts';
import { anyText } from './text-fit.test.ts';
import { layoutContext, overflowProblems } from './helpers.ts';

/** Non-empty on-screen text from every script (the schema refuses blank text, so blanks become one letter). */
const text = anyText(2000).map((s) => (s.trim() ? s : 'x'));
const short = anyText(300).map((s) => (s.trim() ? s : 'x'));
const texts = (min: number, max: number) => fc.array(short, { minLength: min, maxLength: max });
const code = fc.oneof(text, fc.array(short, { minLength: 1, maxLength: 60 }).map((a) => a.join('\n')));

const arbitraries: { [K in SceneKind]: fc.Arbitrary<SceneInput> } = {
  title: fc.record({ kind: fc.constant('title' as const), title: text, subtitle: text, badge: short }),
  command: fc.record({ kind: fc.constant('command' as const), title: text, description: text, commands: fc.array(fc.tuple(fc.constantFrom('$ ', '→ ', '✓ ', '# ', ''), short).map(([p, s]) => p + s), { minLength: 1, maxLength: 30 }) }),
  list: fc.record({ kind: fc.constant('list' as const), title: text, description: text, items: fc.array(fc.oneof(short, fc.record({ title: short, description: text })), { minLength: 1, maxLength: 14 }) }),
  outro: fc.record({ kind: fc.constant('outro' as const), title: text, subtitle: text, callToAction: short }),
  codeComparison: fc.record({ kind: fc.constant('codeComparison' as const), title: text, before: fc.record({ label: short, code, language: fc.constant('python') }), after: fc.record({ label: short, code }) }),
  quote: fc.record({ kind: fc.constant('quote' as const), text, attribution: short }),
  learningObjectives: fc.record({ kind: fc.constant('learningObjectives' as const), title: text, objectives: texts(1, 12), duration: fc.integer({ min: 1, max: 600 }), difficulty: fc.constantFrom('easy' as const, 'medium' as const, 'hard' as const), prerequisites: texts(0, 8) }),
  problem: fc.record({ kind: fc.constant('problem' as const), number: fc.integer({ min: 1, max: 9999 }), title: text, text, difficulty: fc.constantFrom('easy' as const, 'hard' as const) }),
  solution: fc.record({ kind: fc.constant('solution' as const), title: text, code, language: fc.constant('javascript'), explanation: text }),
  checkpoint: fc.record({ kind: fc.constant('checkpoint' as const), number: fc.integer({ min: 1, max: 999 }), completed: texts(0, 10), review: texts(0, 10), next: texts(0, 10) }),
  quiz: fc.integer({ min: 2, max: 6 }).chain((n) => fc.record({ kind: fc.constant('quiz' as const), question: text, options: texts(n, n), answer: fc.integer({ min: 0, max: n - 1 }) })),
  exercise: fc.record({ kind: fc.constant('exercise' as const), title: text, instructions: texts(1, 12), difficulty: fc.constant('medium' as const), estimatedTime: short }),
  code: fc.record({ kind: fc.constant('code' as const), title: text, code, language: fc.constantFrom('typescript', 'text', 'nosuchlang') }),
  image: fc.record({ kind: fc.constant('image' as const), src: fc.constant('photo.jpg'), fit: fc.constantFrom('cover' as const, 'contain' as const), title: text, caption: text }, { requiredKeys: ['kind', 'src'] }),
  video: fc.record({ kind: fc.constant('video' as const), src: fc.constant('clip.mp4'), fit: fc.constantFrom('cover' as const, 'contain' as const), title: text, caption: text }, { requiredKeys: ['kind', 'src'] }),
};

describe('every scene kind keeps all text inside its boxes (property, random text in every slot)', () => {
  for (const [kind, arbitrary] of Object.entries(arbitraries)) {
    it(kind, async () => {
      const ctx = await layoutContext();
      fc.assert(
        fc.property(arbitrary, fc.constantFrom('16:9' as const, '9:16' as const, '1:1' as const), (scene, aspect) => {
          const r = validateSpec({ id: 'p', title: 'P', aspect, scenes: [scene] });
          if (!r.ok) throw new Error(`generator made an invalid scene: ${JSON.stringify(r.problems)}`);
          const frame = frameFor(aspect, '1080p');
          const laid = layoutScene(r.value, r.value.scenes[0]!, 0, { ...ctx, frame });
          expect(overflowProblems(laid.elements, { x: 0, y: 0, w: frame.width, h: frame.height })).toEqual([]);
        }),
        { numRuns: 20 },
      );
    });
  }
});
