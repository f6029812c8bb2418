import { describe, expect, it } from 'vitest';
import { validateSpec, type SceneInput } from '../../src/spec/index.ts';
import { layoutScene } from '../../src/render/compose.ts';
import { frameFor, type Box } from '../../src/render/geometry.ts';
import type { Element, TextElement } from '../../src/render/elements.ts';
import { layoutContext, loadExample } from './helpers.ts';

/** Every element of a layout, groups flattened. */
function flat(elements: readonly Element[]): Element[] {
  return elements.flatMap((el) => (el.type === 'group' ? [el, ...flat(el.children)] : [el]));
}
const texts = (els: readonly Element[]) => flat(els).filter((e): e is TextElement => e.type === 'text');
const centre = (b: Box) => b.x + b.w / 2;

async function layout(scene: SceneInput, aspect: '16:9' | '9:16' | '1:1' = '16:9', language = 'ar') {
  const r = validateSpec({ id: 'r', title: 'R', language, aspect, scenes: [scene] });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const frame = frameFor(aspect, '1080p');
  return { frame, laid: layoutScene(r.value, r.value.scenes[0]!, 0, { ...(await layoutContext()), frame }) };
}

const AR_ITEMS = ['الدوال غير المتزامنة التي تتوقف عند كل انتظار', 'المهام التي تجدولها حلقة الأحداث', 'حلقة الأحداث التي تشغل المهام الجاهزة', 'الإشارات التي تحد عدد الطلبات'];

describe('right-to-left scenes are mirrored to the reading side', () => {
  for (const aspect of ['16:9', '9:16', '1:1'] as const) {
    it(`list (${aspect}): number badges right of their text, text right-aligned, header tile right of the title`, async () => {
      const { laid, frame } = await layout({ kind: 'list', title: 'ثلاث لبنات أساسية', numbered: true, items: AR_ITEMS }, aspect);
      const all = flat(laid.elements);
      const rows = laid.elements.filter((e): e is Extract<Element, { type: 'group' }> => e.type === 'group' && e.enter?.step !== undefined);
      expect(rows).toHaveLength(AR_ITEMS.length);
      for (const row of rows) {
        const disc = row.children.find((c) => c.type === 'circle');
        const text = row.children.find((c): c is TextElement => c.type === 'text' && AR_ITEMS.includes(c.text.lines.join(' ')));
        if (disc?.type !== 'circle' || !text) throw new Error('row without a disc or text');
        expect(disc.cx).toBeGreaterThan(text.text.box.x + text.text.box.w);
        expect(text.text.align).toBe('right');
      }
      const title = texts(laid.elements).find((t) => t.text.lines[0]?.startsWith('ثلاث'))!;
      const tile = all.find((e) => e.type === 'icon' && e.name === 'list')!;
      expect(tile.type === 'icon' && tile.box.x).toBeGreaterThan(title.text.box.x + title.text.box.w - 1);
      // Everything stays in the title-safe area after mirroring (9:16 margins differ left and right).
      for (const t of texts(laid.elements)) if (t.text.lines.length) expect(t.text.box.x + t.text.box.w).toBeLessThanOrEqual(frame.safe.x + frame.safe.w + 0.5);
      // The accent bar at the page edge sits on the right.
      const bar = laid.elements[0]!;
      expect(bar.type === 'rect' && bar.box.x + bar.box.w).toBeCloseTo(frame.width, 3);
    });
  }

  it('the same list in English keeps badges, tile and bar on the left (the mirror image)', async () => {
    const { laid } = await layout({ kind: 'list', title: 'Three building blocks', numbered: true, items: ['Coroutines that pause', 'Tasks on the loop', 'The event loop', 'Semaphores'] }, '16:9', 'en');
    const row = laid.elements.find((e): e is Extract<Element, { type: 'group' }> => e.type === 'group' && e.enter?.step === 0)!;
    const disc = row.children.find((c) => c.type === 'circle')!;
    const text = row.children.find((c): c is TextElement => c.type === 'text' && c.text.lines[0] === 'Coroutines that pause')!;
    expect(disc.type === 'circle' && disc.cx).toBeLessThan(text.text.box.x);
    expect(text.text.align).toBe('left');
    expect(laid.elements[0]!.type === 'rect' && (laid.elements[0] as Extract<Element, { type: 'rect' }>).box.x).toBe(0);
  });

  it('quote: the accent rule and the quote mark sit at the right edge of the card', async () => {
    const { laid } = await layout({ kind: 'quote', text: 'التزامن هو التعامل مع أشياء كثيرة في وقت واحد', attribution: 'روب بايك' });
    const [cardRect, rule] = laid.elements.slice(1) as Extract<Element, { type: 'rect' }>[];
    const mark = flat(laid.elements).find((e) => e.type === 'icon' && e.name === 'quote')!;
    expect(centre(rule!.box)).toBeGreaterThan(centre(cardRect!.box) + cardRect!.box.w * 0.4);
    expect(mark.type === 'icon' && centre(mark.box)).toBeGreaterThan(centre(cardRect!.box));
  });

  it('two columns read right to left: the first item is in the right-hand column', async () => {
    const items = Array.from({ length: 12 }, (_, i) => `${AR_ITEMS[i % 4]} و${AR_ITEMS[(i + 1) % 4]}`);
    const { laid } = await layout({ kind: 'list', title: 'ثماني خطوات', numbered: true, items });
    const rows = laid.elements.filter((e): e is Extract<Element, { type: 'group' }> => e.type === 'group' && e.enter?.step !== undefined);
    const xs = [...new Set(rows.map((r) => Math.round(r.box.x)))];
    expect(xs.length).toBe(2);
    expect(Math.round(rows[0]!.box.x)).toBe(Math.max(...xs));
    expect(Math.round(rows[11]!.box.x)).toBe(Math.min(...xs));
  });

  it('before/after code reads right to left, the arrow points left, and the code inside stays left to right', async () => {
    const { laid } = await layout({ kind: 'codeComparison', title: 'النوم الحاجب مقابل غير الحاجب', before: { label: 'يحجب', language: 'python', code: 'time.sleep(1)' }, after: { label: 'يفسح', language: 'python', code: 'await asyncio.sleep(1)' } });
    const panels = laid.elements.filter((e): e is Extract<Element, { type: 'group' }> => e.type === 'group' && e.children.some((c) => c.type === 'code'));
    expect(panels).toHaveLength(2);
    expect(panels[0]!.box.x).toBeGreaterThan(panels[1]!.box.x);
    for (const p of panels) {
      const code = p.children.find((c) => c.type === 'code')!;
      const dots = p.children.filter((c) => c.type === 'circle');
      // Window dots stay at the panel's left, as on every code window; code starts at the left padding.
      expect(Math.min(...dots.map((d) => (d.type === 'circle' ? d.cx : Infinity)))).toBeLessThan(p.box.x + p.box.w / 4);
      expect(code.type === 'code' && code.box.x).toBeLessThan(p.box.x + 60);
    }
    const arrow = laid.elements.find((e): e is Extract<Element, { type: 'group' }> => e.type === 'group' && e.children.some((c) => c.type === 'line'))!;
    const shaft = arrow.children.filter((c): c is Extract<Element, { type: 'line' }> => c.type === 'line');
    // The head's tip is the leftmost point of the arrow.
    const tip = Math.min(...shaft.flatMap((l) => [l.x1, l.x2]));
    expect(shaft.slice(1).every((l) => Math.min(l.x1, l.x2) === tip)).toBe(true);
  });

  it('checkpoint columns run Completed → Next from right to left', async () => {
    const { laid } = await layout({ kind: 'checkpoint', completed: ['الدوال والمهام'], review: ['لماذا يحجب النوم؟'], next: ['المهلات'] });
    const heads = texts(laid.elements).filter((t) => ['Completed', 'Review', 'Next'].includes(t.text.lines[0] ?? ''));
    const x = (name: string) => heads.find((t) => t.text.lines[0] === name)!.text.box.x;
    expect(x('Completed')).toBeGreaterThan(x('Review'));
    expect(x('Review')).toBeGreaterThan(x('Next'));
  });
});

/** Horizontal centre of any element (groups by their box). */
function centreX(el: Element): number {
  if (el.type === 'circle') return el.cx;
  if (el.type === 'line') return (el.x1 + el.x2) / 2;
  if (el.type === 'text') return centre(el.text.box);
  return centre(el.box);
}

describe('a spec in a right-to-left language mirrors every scene, even mostly Latin ones', () => {
  const spec = loadExample();
  for (const aspect of ['16:9', '9:16'] as const) {
    for (const [index, scene] of spec.scenes.entries()) {
      it(`${scene.kind} (${aspect}) in language ar is the mirror image of language en`, async () => {
        const frame = frameFor(aspect, 540);
        const ctx = { ...(await layoutContext()), frame };
        const en = layoutScene({ ...spec, aspect, language: 'en' }, scene, index, ctx);
        const ar = layoutScene({ ...spec, aspect, language: 'ar' }, scene, index, ctx);
        expect(ar.elements.length).toBe(en.elements.length);
        const axis = 2 * frame.safe.x + frame.safe.w;
        const [bar, ...rest] = ar.elements;
        // The accent bar at the page edge moves to the right edge of the frame, flush with it.
        expect(bar!.type === 'rect' && bar!.box.x + bar!.box.w).toBeCloseTo(frame.width, 3);
        rest.forEach((el, i) => {
          const mine = en.elements[i + 1]!;
          expect(centreX(el), `${el.type} ${i + 1}`).toBeCloseTo(axis - centreX(mine), 3);
        });
        // Text that was set from the left is set from the right; centred text stays centred. Code panels (their
        // file name and window chrome included) are moved as a whole and stay left to right inside.
        const outsideCode = (els: readonly Element[]): TextElement[] =>
          els.flatMap((e) => (e.type === 'group' ? (e.children.some((c) => c.type === 'code') ? [] : outsideCode(e.children)) : e.type === 'text' ? [e] : []));
        const enTexts = outsideCode(en.elements);
        outsideCode(ar.elements).forEach((t, i) => expect(t.text.align).toBe(enTexts[i]!.text.align === 'center' ? 'center' : 'right'));
        // Code keeps reading left to right inside its panel: same lines, same indentation, window dots on the left.
        const code = (els: readonly Element[]) => flat(els).filter((e) => e.type === 'code');
        code(ar.elements).forEach((c, i) => expect(c.type === 'code' && c.lines).toEqual((code(en.elements)[i] as typeof c).lines));
        for (const panel of flat(ar.elements).filter((e): e is Extract<Element, { type: 'group' }> => e.type === 'group' && e.children.some((c) => c.type === 'code'))) {
          const dots = panel.children.filter((c) => c.type === 'circle');
          for (const d of dots) expect(d.type === 'circle' && d.cx).toBeLessThan(panel.box.x + panel.box.w / 2);
        }
      });
    }
  }

  it('a full-frame picture stays in place when a 9:16 page is mirrored (the safe margins differ left and right)', async () => {
    const { mirrorElements } = await import('../../src/render/arrange.ts');
    const frame = frameFor('9:16', 540);
    const picture: Element = { type: 'media', box: { x: 0, y: 0, w: frame.width, h: frame.height }, fit: 'cover', motion: 'none', clips: [], radius: 0 };
    const card: Element = { type: 'rect', box: { x: frame.safe.x, y: 100, w: 120, h: 50 }, fill: '#fff', radius: 0 };
    mirrorElements([picture, card], frame.safe);
    expect(picture.type === 'media' && picture.box).toEqual({ x: 0, y: 0, w: frame.width, h: frame.height });
    expect(card.type === 'rect' && card.box.x + card.box.w).toBeCloseTo(frame.safe.x + frame.safe.w, 6);
  });

  it('language tags: ar, he-IL, fa, ur and az-Arab read right to left; en, zh, ks-Deva do not', async () => {
    const { isRtlLanguage } = await import('../../src/render/text.ts');
    for (const tag of ['ar', 'he-IL', 'fa', 'ur', 'az-Arab', 'ar-EG']) expect(isRtlLanguage(tag), tag).toBe(true);
    for (const tag of ['en', 'zh-Hans', 'ks-Deva', 'de', undefined]) expect(isRtlLanguage(tag), String(tag)).toBe(false);
  });

  it('the direction a scene reads in (what the segment cache keys on) follows the language and the scene text', async () => {
    const { sceneReadsRtl } = await import('../../src/render/scenes/index.ts');
    const picture = { kind: 'image', src: 'p.png', fit: 'contain' } as never;
    expect(sceneReadsRtl(picture, 'en')).toBe(false);
    expect(sceneReadsRtl(picture, 'ar')).toBe(true);
    expect(sceneReadsRtl({ kind: 'title', title: 'ثلاث لبنات أساسية' } as never, 'en')).toBe(true);
  });
});
