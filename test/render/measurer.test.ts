import { describe, expect, it } from 'vitest';
import { GlobalFonts } from '@napi-rs/canvas';
import { canvasMeasurer, resetMeasurerWhenFontsLoad } from '../../src/render/text.ts';
import { FONT_FILES } from '../../src/render/font-manifest.ts';
import { fontFilePath } from '../../src/media/fonts.ts';
import { createSurface } from '../../src/media/canvas.ts';

/**
 * A browser measures text before its FontFaces have loaded (the fallback font's widths) and again after; the memo
 * must be dropped in between or the layout keeps the fallback's line breaks. The node canvas shows the same thing
 * for real: a family measured before it is registered, then registered (as a loaded FontFace would be).
 */
const PROBE = 'Videogen Measurer Probe';
const FONT = `400 40px "${PROBE}"`;
const TEXT = 'iiiiiiiiii';

describe('canvasMeasurer memo and font loading', () => {
  it('keeps a stale width until reset, then measures the font that finished loading', () => {
    const measurer = canvasMeasurer(createSurface(8, 8).ctx);
    const before = measurer.width(TEXT, FONT);
    const mono = FONT_FILES.find((f) => f.key === 'mono' && f.weight === 400 && f.style === 'normal')!;
    // A monospace face: ten narrow "i" are as wide as ten "M", far wider than in the proportional fallback.
    GlobalFonts.registerFromPath(fontFilePath(mono.pkg, mono.file), PROBE);
    expect(measurer.width(TEXT, FONT)).toBe(before);
    measurer.reset();
    const after = measurer.width(TEXT, FONT);
    expect(after).not.toBe(before);
    expect(after).toBeCloseTo(measurer.width('MMMMMMMMMM', FONT), 5);
    expect(after).toBe(canvasMeasurer(createSurface(8, 8).ctx).width(TEXT, FONT));
  });

  it('resets on every `loadingdone` of the font set and calls back so the preview redraws, until unsubscribed', () => {
    let measured = 0;
    const ctx = { font: '', measureText: (text: string) => ({ width: text.length * 10 + measured++ }) as TextMetrics };
    const measurer = canvasMeasurer(ctx);
    const fonts = new EventTarget();
    let redraws = 0;
    const stop = resetMeasurerWhenFontsLoad(measurer, fonts, () => redraws++);
    expect(measurer.width('ab', 'x')).toBe(20);
    expect(measurer.width('ab', 'x')).toBe(20);
    fonts.dispatchEvent(new Event('loadingdone'));
    expect(redraws).toBe(1);
    expect(measurer.width('ab', 'x')).toBe(21);
    stop();
    fonts.dispatchEvent(new Event('loadingdone'));
    expect(redraws).toBe(1);
    expect(measurer.width('ab', 'x')).toBe(21);
  });

  it('sets the context font again after a reset, since the context resolved it against the old fonts', () => {
    const assigned: string[] = [];
    const ctx = {
      set font(f: string) {
        assigned.push(f);
      },
      get font() {
        return assigned.at(-1) ?? '';
      },
      measureText: (text: string) => ({ width: text.length }) as TextMetrics,
    };
    const measurer = canvasMeasurer(ctx);
    measurer.width('a', 'F');
    measurer.width('b', 'F');
    measurer.reset();
    measurer.width('c', 'F');
    expect(assigned).toEqual(['F', 'F']);
  });
});
