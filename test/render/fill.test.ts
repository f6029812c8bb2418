import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateSpec, type SceneInput } from '../../src/spec/index.ts';
import { layoutScene } from '../../src/render/compose.ts';
import { textElements } from '../../src/render/draw.ts';
import { frameFor, contains, type Frame } from '../../src/render/geometry.ts';
import { cssFont } from '../../src/render/fonts.ts';
import { BODY_MIN } from '../../src/render/item-rows.ts';
import { separateLigatures } from '../../src/render/code-highlight.ts';
import { wrapText } from '../../src/render/text.ts';
import { createSurface, nodeMeasurer } from '../../src/media/canvas.ts';
import { layoutContext } from './helpers.ts';

/**
 * "Fill" of a scene: the area of its text boxes at body size (36 px at 1080p, line height 1.3) over the title-safe
 * area. A text's box is the text wrapped to the reading width (the safe width less the marker column rows keep): one
 * line is as wide as the text, a wrapped paragraph as wide as the column. Below 70 % there is always room to reflow,
 * so nothing may be cut with "…" and no layout may warn that it left something out. `strips` counts one-line text
 * boxes that span the column (a checkpoint's badge row and its section header strips).
 */
function fillShare(texts: readonly string[], frame: Frame, strips = 0): number {
  const px = BODY_MIN * frame.unit;
  const css = cssFont({ role: 'sans', weight: 600, size: px });
  const measure = (s: string) => nodeMeasurer().width(s, css);
  const readW = frame.safe.w * 0.88;
  const area = texts.reduce((sum, t) => {
    const lines = wrapText(t, readW, measure);
    return sum + (lines.length > 1 ? readW : measure(t)) * lines.length * px * 1.3;
  }, strips * readW * px * 1.3);
  return area / (frame.safe.w * frame.safe.h);
}

const WORDS = 'event loop task await coroutine gather timeout cancel request response session server client queue worker thread value option parser command module import export handler stream buffer'.split(' ');
const phrase = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' ').replace(/^./, (c) => c.toUpperCase()));
const title = phrase(2, 5);
const item = phrase(2, 14);
const items = (min: number, max: number) => fc.array(item, { minLength: min, maxLength: max });

const generators: Record<string, fc.Arbitrary<{ scene: SceneInput; texts: string[]; strips?: number }>> = {
  list: fc.record({ t: title, xs: items(1, 10), numbered: fc.boolean() }).map(({ t, xs, numbered }) => ({ scene: { kind: 'list', title: t, items: xs, numbered }, texts: [t, ...xs] })),
  learningObjectives: fc.record({ t: title, xs: items(1, 8) }).map(({ t, xs }) => ({ scene: { kind: 'learningObjectives', title: t, objectives: xs }, texts: [t, ...xs] })),
  // Checkpoint entries are summary phrases (2–8 words, ≤ 3 a section): in a square frame three stacked cards spend a
  // third of the height on their headers, which the fill measure does not see.
  checkpoint: fc.record({ a: fc.array(phrase(2, 8), { minLength: 1, maxLength: 3 }), b: fc.array(phrase(2, 8), { maxLength: 3 }), c: fc.array(phrase(2, 8), { maxLength: 3 }) }).map(({ a, b, c }) => ({ scene: { kind: 'checkpoint', completed: a, review: b, next: c }, texts: [...a, ...b, ...c], strips: 1 + [a, b, c].filter((x) => x.length).length })),
  quiz: fc.integer({ min: 2, max: 6 }).chain((n) =>
    fc.record({ q: phrase(3, 12), xs: fc.array(phrase(1, 10), { minLength: n, maxLength: n }) }).map(({ q, xs }) => ({ scene: { kind: 'quiz', question: `${q}?`, options: xs, answer: 0 }, texts: [q, ...xs] })),
  ),
};

describe('content below 70 % fill is never cut, and stays in the safe area', () => {
  for (const [kind, gen] of Object.entries(generators)) {
    it(kind, async () => {
      const ctx = await layoutContext();
      let checked = 0;
      fc.assert(
        fc.property(gen, fc.constantFrom('16:9' as const, '9:16' as const, '1:1' as const), ({ scene, texts, strips }, aspect) => {
          const r = validateSpec({ id: 'f', title: 'F', aspect, scenes: [scene] });
          if (!r.ok) throw new Error(JSON.stringify(r.problems));
          const frame = frameFor(aspect, '1080p');
          const laid = layoutScene(r.value, r.value.scenes[0]!, 0, { ...ctx, frame });
          const outside = textElements(laid.elements).filter((el) => (el.type === 'text' ? el.text.lines.length > 0 && !contains(frame.safe, el.text.box) : !contains(frame.safe, el.box)));
          expect(outside.map((el) => (el.type === 'text' ? el.text.lines[0] : 'code'))).toEqual([]);
          const fill = fillShare(texts, frame, strips);
          if (fill >= 0.7) return;
          checked++;
          const cut = textElements(laid.elements).filter((el) => el.type === 'text' && el.text.truncated);
          expect(cut.map((el) => (el.type === 'text' ? el.text.lines.join(' ') : '')), `fill ${(fill * 100).toFixed(0)} %`).toEqual([]);
          expect(laid.warnings).toEqual([]);
          // QUALITY: body ≥ 36 px at 1080p; the 32 px floor is only for content that would otherwise be cut.
          const bodies = textElements(laid.elements).filter((el) => el.type === 'text' && (el.text.lines[0] ?? '').length > 3 && texts.slice(1).some((t) => t.startsWith(el.text.lines[0]!)));
          for (const el of bodies) if (el.type === 'text') expect(el.text.font.size).toBeGreaterThanOrEqual(32 * frame.unit - 0.01);
        }),
        { numRuns: 60 },
      );
      expect(checked).toBeGreaterThan(0);
    });
  }
});

describe('list scenes use the frame', () => {
  const ITEMS = ['Parses command-line arguments into options and positional values', 'Generates help text automatically from the declared options', 'Supports subcommands with their own options and actions', 'Validates required options and reports clear error messages', 'Works with both CommonJS and ECMAScript modules', 'Lets you add custom option processing and default values', 'Handles variadic arguments and negatable boolean flags', 'Ships TypeScript typings so editors complete every method'];
  for (const aspect of ['16:9', '9:16'] as const) {
    for (const n of [4, 6, 8]) {
      it(`${n} README items in ${aspect}: whole, at body size ≥ 36 px, spread over the safe area`, async () => {
        const r = validateSpec({ id: 'l', title: 'L', aspect, scenes: [{ kind: 'list', title: 'What commander gives you', items: ITEMS.slice(0, n) }] });
        if (!r.ok) throw new Error(JSON.stringify(r.problems));
        const frame = frameFor(aspect, '1080p');
        const laid = layoutScene(r.value, r.value.scenes[0]!, 0, { ...(await layoutContext()), frame });
        const texts = textElements(laid.elements).flatMap((el) => (el.type === 'text' ? [el.text] : []));
        const rows = texts.filter((t) => ITEMS.some((i) => i.startsWith(t.lines[0]!)));
        expect(rows).toHaveLength(n);
        expect(texts.filter((t) => t.truncated)).toEqual([]);
        for (const t of rows) expect(t.font.size).toBeGreaterThanOrEqual(36 * frame.unit);
        const top = Math.min(...texts.map((t) => t.top));
        const bottom = Math.max(...laid.elements.flatMap((el) => (el.type === 'group' ? [el.box.y + el.box.h] : [])));
        expect((bottom - top) / frame.safe.h).toBeGreaterThan(0.7);
      });
    }
  }
});

describe('code without programming ligatures, long lines wrapped with a marker', () => {
  const draw = (run: (ctx: CanvasRenderingContext2D, x: number) => void) => {
    const s = createSurface(240, 80);
    s.ctx.fillStyle = '#fff';
    s.ctx.fillRect(0, 0, 240, 80);
    s.ctx.fillStyle = '#000';
    s.ctx.font = cssFont({ role: 'mono', weight: 400, size: 40 });
    s.ctx.textBaseline = 'middle';
    run(s.ctx, 10);
    return s.ctx.getImageData(0, 0, 240, 80).data;
  };
  const differing = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
    let n = 0;
    for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) > 40) n++;
    return n;
  };

  it('draws =>, !=, === and -> as separate characters (the bundled font would join them)', () => {
    for (const op of ['=>', '!=', '===', '->', '<=', '//', '&&']) {
      const separate = draw((ctx, x) => [...op].forEach((ch, i) => ctx.fillText(ch, x + i * ctx.measureText('M').width, 40)));
      const joined = draw((ctx, x) => ctx.fillText(op, x, 40));
      const split = draw((ctx, x) => {
        for (const t of separateLigatures([{ text: op, color: '#000' }])) {
          ctx.fillText(t.text, x, 40);
          x += ctx.measureText(t.text).width;
        }
      });
      expect(differing(joined, separate), `${op} is a ligature in the font`).toBeGreaterThan(20);
      expect(differing(split, separate), op).toBe(0);
    }
  });

  it('a code scene keeps every character, at ≥ 28 px, wrapping a long line with ↳ instead of cutting it', async () => {
    const line = 'const result = await Promise.all(urls.map((url) => fetch(url).then((r) => r.json())))  // every page at once';
    const r = validateSpec({ id: 'c', title: 'C', aspect: '9:16', scenes: [{ kind: 'code', language: 'typescript', code: `${line}\nreturn result !== undefined;` }] });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const frame = frameFor('9:16', '1080p');
    const laid = layoutScene(r.value, r.value.scenes[0]!, 0, { ...(await layoutContext()), frame });
    const code = textElements(laid.elements).find((el) => el.type === 'code');
    if (code?.type !== 'code') throw new Error('no code element');
    expect(code.fontSize).toBeGreaterThanOrEqual(28 * frame.unit - 0.01);
    const continued = code.lines.filter((l) => l.gutter?.text === '↳');
    expect(continued.length).toBeGreaterThan(0);
    const text = code.lines.map((l) => l.tokens.map((t) => t.text).join('')).map((t, i) => (code.lines[i]!.gutter?.text === '↳' ? t.trimStart() : t));
    expect(text.join('').replace(/\s+/g, '')).toBe(`${line}return result !== undefined;`.replace(/\s+/g, ''));
    for (const l of code.lines) for (const t of l.tokens) expect(t.text).not.toMatch(/[=!<>\-&|/]{2}/);
  });
});
