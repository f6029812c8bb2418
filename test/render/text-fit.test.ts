import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitText, wrapText, isRtl } from '../../src/render/text.ts';
import { nodeMeasurer } from '../../src/media/canvas.ts';
import { cssFont } from '../../src/render/fonts.ts';
import { textStyle } from '../../src/render/type-scale.ts';

const measure = nodeMeasurer();

/** Text from every script the product must draw, including the nasty cases. */
export const anyText = (maxLength = 2000) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.stringMatching(/^[A-Za-z ,.'-]{0,400}$/),
    fc.array(fc.constantFrom('数据', '处理', '日本語', 'のテキスト', '한국어', '。', '、'), { maxLength: 200 }).map((a) => a.join('')),
    fc.array(fc.constantFrom('مرحبا', 'بالعالم', 'שלום', 'עולם', ' ', 'API'), { maxLength: 200 }).map((a) => a.join(' ')),
    fc.array(fc.constantFrom('🎬', '🚀', '👩‍💻', '✅', 'ok', ' '), { maxLength: 300 }).map((a) => a.join('')),
    fc.integer({ min: 1, max: 2000 }).map((n) => 'x'.repeat(n)),
    fc.integer({ min: 1, max: 40 }).map((n) => 'https://example.com/a/very/long/path/'.repeat(n)),
  );

describe('fitText', () => {
  it('keeps every line inside the box for any text, size and box (property)', () => {
    fc.assert(
      fc.property(anyText(), fc.integer({ min: 40, max: 1700 }), fc.integer({ min: 10, max: 900 }), fc.constantFrom('display', 'heading', 'body', 'label') as fc.Arbitrary<'display' | 'heading' | 'body' | 'label'>, (text, w, h, role) => {
        const box = { x: 10, y: 20, w, h };
        const fitted = fitText(text, box, textStyle(role, 1), measure);
        const used = fitted.lines.length * fitted.lineHeight;
        expect(used).toBeLessThanOrEqual(h + 0.5);
        expect(fitted.top).toBeGreaterThanOrEqual(box.y - 0.5);
        for (const line of fitted.lines) expect(measure.width(line, fitted.css)).toBeLessThanOrEqual(w + 0.5);
        expect(fitted.font.size).toBeGreaterThanOrEqual(Math.min(textStyle(role, 1).minSize, textStyle(role, 1).font.size) - 0.01);
      }),
      { numRuns: 300 },
    );
  });

  it('wraps at the preferred size when text fits', () => {
    const fitted = fitText('How the Event Loop Works', { x: 0, y: 0, w: 1600, h: 300 }, textStyle('display', 1), measure);
    expect(fitted.lines).toEqual(['How the Event Loop Works']);
    expect(fitted.font.size).toBe(108);
    expect(fitted.truncated).toBe(false);
  });

  it('shrinks before it cuts, and cuts with an ellipsis at the floor', () => {
    const style = textStyle('body', 1, { maxLines: 2 });
    const medium = fitText('word '.repeat(30), { x: 0, y: 0, w: 500, h: 200 }, style, measure);
    expect(medium.font.size).toBeLessThan(40);
    expect(medium.font.size).toBeGreaterThanOrEqual(28);
    const long = fitText('word '.repeat(400), { x: 0, y: 0, w: 500, h: 200 }, style, measure);
    expect(long.truncated).toBe(true);
    expect(long.font.size).toBe(32);
    expect(long.lines.at(-1)!.endsWith('…')).toBe(true);
  });

  it('breaks long unbroken words (URLs, identifiers) inside the box', () => {
    const css = cssFont({ role: 'sans', weight: 400, size: 40 });
    const lines = wrapText('see https://example.com/' + 'segment/'.repeat(30), 400, (s) => measure.width(s, css));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(measure.width(line, css)).toBeLessThanOrEqual(400.5);
  });

  it('breaks CJK between characters without spaces and keeps closing punctuation off line starts', () => {
    const css = cssFont({ role: 'sans', weight: 400, size: 40 });
    const lines = wrapText('数据处理是一个复杂的过程。我们需要仔细考虑每一个步骤，才能得到正确的结果。', 300, (s) => measure.width(s, css));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).not.toMatch(/^[。，、]/);
  });

  it('lays right-to-left text out from the right', () => {
    expect(isRtl('مرحبا بالعالم')).toBe(true);
    expect(isRtl('API שלום')).toBe(false);
    const fitted = fitText('שלום עולם', { x: 0, y: 0, w: 800, h: 100 }, textStyle('body', 1), measure);
    expect(fitted.rtl).toBe(true);
    expect(fitted.align).toBe('right');
  });

  it('draws nothing for empty text and never a line taller than its box', () => {
    expect(fitText('', { x: 0, y: 0, w: 100, h: 100 }, textStyle('body', 1), measure).lines).toEqual(['']);
    expect(fitText('hello', { x: 0, y: 0, w: 100, h: 5 }, textStyle('body', 1), measure).lines).toEqual([]);
  });
});
