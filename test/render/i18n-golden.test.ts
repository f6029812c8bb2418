import { describe, expect, it } from 'vitest';
import { validateSpec, type SceneInput } from '../../src/spec/index.ts';
import { drawScene, layoutScene } from '../../src/render/compose.ts';
import { captionBand, drawCaption, type CaptionStyle } from '../../src/render/captions-overlay.ts';
import { frameFor } from '../../src/render/geometry.ts';
import type { Element, TextElement } from '../../src/render/elements.ts';
import { drawThumbnail, layoutPictureThumbnail, layoutThumbnail } from '../../src/render/thumbnail.ts';
import { createSurface, nodeMeasurer } from '../../src/media/canvas.ts';
import { expectGolden, layoutContext, overflowProblems } from './helpers.ts';

/**
 * Golden frames of right-to-left and CJK scenes (test/golden/i18n/), drawn for real with the node canvas at half of
 * 1080p and compared with the usual tolerance. Update on purpose only:
 * `UPDATE_GOLDEN=1 npx vitest run test/render/i18n-golden.test.ts`, then look at every changed PNG.
 */
const FILE = 'test/render/i18n-golden.test.ts';

function spec(language: string, scenes: SceneInput[], aspect: '16:9' | '9:16' = '16:9', title = 'T') {
  const r = validateSpec({ id: 'i18n', title, language, aspect, theme: { accent: 'purple', mode: 'light' }, scenes });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function flat(elements: readonly Element[]): Element[] {
  return elements.flatMap((el) => (el.type === 'group' ? [el, ...flat(el.children)] : [el]));
}
const texts = (els: readonly Element[]) => flat(els).filter((e): e is TextElement => e.type === 'text');
/** Text outside code panels (a panel, its file name included, stays left to right). */
const outsideCode = (els: readonly Element[]): TextElement[] =>
  els.flatMap((e) => (e.type === 'group' ? (e.children.some((c) => c.type === 'code') ? [] : outsideCode(e.children)) : e.type === 'text' ? [e] : []));

async function render(language: string, scene: SceneInput, aspect: '16:9' | '9:16' = '16:9', captions?: CaptionStyle) {
  const s = spec(language, [scene], aspect);
  const frame = frameFor(aspect, 540);
  const band = captions && captionBand(frame, captions);
  const laid = layoutScene(s, s.scenes[0]!, 0, { ...(await layoutContext()), frame, ...(band ? { captionBand: band } : {}) });
  expect(overflowProblems(laid.elements, { x: 0, y: 0, w: frame.width, h: frame.height })).toEqual([]);
  expect(laid.warnings).toEqual([]);
  const surface = createSurface(frame.width, frame.height);
  drawScene(surface.ctx, laid, laid.settlesAt);
  return { laid, frame, surface };
}

const AR_LIST: SceneInput = {
  kind: 'list',
  title: 'ثلاث لبنات أساسية',
  description: 'كل شيء في asyncio مبني من هذه',
  numbered: true,
  items: [
    { title: 'الدوال غير المتزامنة', description: 'دوال async def التي تتوقف عند كل انتظار' },
    { title: 'المهام', description: 'دوال مجدولة للتشغيل على الحلقة' },
    { title: 'حلقة الأحداث', description: 'asyncio يشغّل المهام الجاهزة خطوة بخطوة' },
  ],
};
const AR_TITLE: SceneInput = { kind: 'title', badge: 'درس تعليمي', title: 'البرمجة غير المتزامنة في بايثون', subtitle: 'حلقات الأحداث والمهام والشيفرة التي تربطها' };
const AR_OUTRO: SceneInput = { kind: 'outro', title: 'شكراً للمشاهدة', subtitle: 'في الحلقة القادمة: المولدات غير المتزامنة', callToAction: 'اشترك للجزء الثاني' };
const AR_CODE: SceneInput = { kind: 'code', title: 'Fetch with aiohttp', language: 'python', code: 'import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n' };
const ZH_HEADING = '为什么异步编程能够在一个线程里同时处理成千上万个网络连接而不会阻塞';
const ZH_LIST: SceneInput = {
  kind: 'list',
  title: ZH_HEADING,
  items: ['协程在每一个等待点暂停并让出控制权', '任务把协程安排到事件循环上运行', '事件循环一次运行一个已经就绪的任务'],
};
const ZH_TITLE: SceneInput = { kind: 'title', badge: '教程', title: ZH_HEADING, subtitle: '事件循环、任务以及把它们连接在一起的代码' };

/** Segmenter word ends of `text`: the only offsets where a line of it may end. */
function wordEnds(text: string): Set<number> {
  const out = new Set<number>();
  for (const s of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)) out.add(s.index + s.segment.length);
  return out;
}

/** The drawn lines of the text element that shows `text` (lines rejoin to it). */
function linesOf(els: readonly Element[], text: string): string[] {
  const el = texts(els).find((t) => t.text.lines.join('') === text);
  if (!el) throw new Error(`no text element shows "${text}"`);
  return el.text.lines;
}

describe('golden frames: Arabic scenes, fully mirrored', () => {
  for (const [name, scene, aspect] of [['ar-list-16x9', AR_LIST, '16:9'], ['ar-list-9x16', AR_LIST, '9:16'], ['ar-title-16x9', AR_TITLE, '16:9'], ['ar-outro-16x9', AR_OUTRO, '16:9'], ['ar-code-16x9', AR_CODE, '16:9']] as const) {
    it(name, async () => {
      const { laid, frame, surface } = await render('ar', scene, aspect);
      // The accent bar is on the right edge; text outside code is set from the right or centred.
      const bar = laid.elements[0]!;
      expect(bar.type === 'rect' && bar.box.x + bar.box.w).toBeCloseTo(frame.width, 3);
      for (const t of outsideCode(laid.elements)) expect(t.text.align, t.text.lines[0]).not.toBe('left');
      await expectGolden('i18n', name, surface, FILE);
    });
  }

  it('ar-list: number badges sit right of their text', async () => {
    const { laid } = await render('ar', AR_LIST);
    const rows = laid.elements.filter((e): e is Extract<Element, { type: 'group' }> => e.type === 'group' && e.enter?.step !== undefined);
    expect(rows.length).toBe(3);
    for (const row of rows) {
      const badge = flat(row.children).find((c) => c.type === 'circle' || (c.type === 'rect' && c.box.w < 80));
      const text = texts(row.children).find((t) => !/^\d+$/.test(t.text.lines.join('')))!;
      const x = badge?.type === 'circle' ? badge.cx : badge && 'box' in badge ? badge.box.x : NaN;
      expect(x).toBeGreaterThan(text.text.box.x + text.text.box.w - 1);
    }
  });

  it('ar-caption-16x9: a burned-in Arabic caption reads right to left in its box', async () => {
    const { frame, surface } = await render('ar', AR_OUTRO);
    drawCaption(surface.ctx, frame, { index: 1, scene: 0, start: 0, end: 2, text: 'Python تنتظر الدالة غير المتزامنة الرد،\nثم تعود حلقة الأحداث إلى المهام' }, { position: 'bottom', size: 'medium' }, nodeMeasurer(), 1);
    await expectGolden('i18n', 'ar-caption-16x9', surface, FILE);
  });

  it('ar-words-9x16: word-by-word captions run from the right, the spoken word lit', async () => {
    const style: CaptionStyle = { position: 'bottom', size: 'medium', mode: 'words' };
    const { frame, surface } = await render('ar', AR_OUTRO, '9:16', style);
    const words = ['حلقة', 'الأحداث', 'Python', 'تنتظر'].map((text, i) => ({ text, start: i * 0.4, end: i * 0.4 + 0.35 }));
    drawCaption(surface.ctx, frame, { index: 1, scene: 0, start: 0, end: 2, text: 'حلقة الأحداث\nPython تنتظر', words }, style, nodeMeasurer(), 0.5);
    await expectGolden('i18n', 'ar-words-9x16', surface, FILE);
  });

  it('ar-thumbnail: title and rule on the right', async () => {
    const measure = nodeMeasurer();
    const layout = layoutThumbnail({ title: 'البرمجة غير المتزامنة في بايثون', theme: spec('ar', [AR_TITLE]).theme, badge: 'درس تعليمي', language: 'ar' }, measure);
    const [rule] = layout.elements;
    expect(rule!.type === 'rect' && rule!.box.x).toBeGreaterThan(layout.frame.width / 2);
    for (const t of texts(layout.elements)) expect(t.text.align).toBe('right');
    const surface = createSurface(layout.frame.width, layout.frame.height);
    drawThumbnail(surface.ctx, layout);
    await expectGolden('i18n', 'ar-thumbnail', surface, FILE);
  });
});

describe('thumbnail over a picture in Arabic', () => {
  it('badge and title are set from the right, also for a Latin title in an Arabic video', () => {
    const theme = spec('ar', [AR_TITLE]).theme;
    for (const title of ['البرمجة غير المتزامنة في بايثون', 'Python asyncio']) {
      const layout = layoutPictureThumbnail({ title, theme, badge: 'درس تعليمي', language: 'ar' }, { width: 1920, height: 1080 }, nodeMeasurer());
      const [badge, label, heading] = layout.elements;
      expect(badge!.type === 'rect' && badge!.box.x + badge!.box.w).toBeCloseTo(layout.frame.width - 72 * layout.frame.unit, 3);
      expect(label!.type === 'text' && label!.text.align).toBe('right');
      expect(heading!.type === 'text' && heading!.text.align).toBe('right');
    }
  });
});

describe('golden frames: Chinese scenes, lines broken between words', () => {
  for (const [name, scene] of [['zh-list-16x9', ZH_LIST], ['zh-title-16x9', ZH_TITLE]] as const) {
    it(name, async () => {
      const { laid, surface } = await render('zh', scene);
      const lines = linesOf(laid.elements, ZH_HEADING);
      expect(lines.length, 'the long heading wraps').toBeGreaterThan(1);
      const ends = wordEnds(ZH_HEADING);
      let at = 0;
      for (const line of lines.slice(0, -1)) {
        at += line.length;
        expect(ends.has(at), `heading breaks inside a word: ${lines.join(' | ')}`).toBe(true);
      }
      for (const t of texts(laid.elements)) for (const line of t.text.lines.slice(1)) expect(line).not.toMatch(/^[，。、：；！？）]/);
      await expectGolden('i18n', name, surface, FILE);
    });
  }
});
