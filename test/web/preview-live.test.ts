import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseSpecText, validateSpec } from '../../src/spec/index.ts';
import { previewFrame } from '../../src/pipeline/preview.ts';
import { chromiumAvailable, launchChromium, type Scheme, type Viewport } from './helpers/browser.ts';
import { axeViolations, describeViolations } from './helpers/axe.ts';
import { screenshot } from './helpers/screens.ts';
import { openStudio, startStudio, type Studio } from './helpers/studio.ts';
import { canvasPng, changeDraft, comparePng, everyKindYaml, setDraft, waitForDraw } from './preview-support.ts';

const SCENE1 = 'Preview of scene 1';

describe.skipIf(!chromiumAvailable('the live preview tests'))('live preview', () => {
  let studio: Studio;
  let browser: Browser;
  const yaml = everyKindYaml();
  beforeAll(async () => {
    [studio, browser] = await Promise.all([startStudio({ worker: false, admin: false }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('redraws when the spec changes, draws in motion, plays and scrubs from the keyboard', async () => {
    const { context, page, problems } = await openStudio(browser, studio);
    await setDraft(context, yaml, 0);
    await page.goto('/preview');
    await waitForDraw(page, SCENE1);
    const before = await canvasPng(page, SCENE1);

    // A title edit (what the builder saves on a keystroke) changes the picture.
    await changeDraft(page, yaml.replace('title: Python Async in Practice\n    subtitle', 'title: Rust Async in Practice\n    subtitle'), 0);
    await expect.poll(async () => (await comparePng(before, await canvasPng(page, SCENE1))).mean, { timeout: 10_000 }).toBeGreaterThan(0.05);

    // Two moments of the entrance differ.
    const slider = page.getByRole('slider', { name: 'Preview time' });
    await slider.fill(String(3 / 30));
    await waitForDraw(page, SCENE1, 3 / 30);
    const early = await canvasPng(page, SCENE1);
    await slider.fill(String(12 / 30));
    await waitForDraw(page, SCENE1, 12 / 30);
    const later = await canvasPng(page, SCENE1);
    expect((await comparePng(early, later)).mean).toBeGreaterThan(0.5);

    // Keyboard: arrows step one frame.
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await waitForDraw(page, SCENE1, 13 / 30);

    // Play runs the scene in real time; Pause stops it.
    const play = page.getByRole('button', { name: 'Play' });
    await play.press('Enter');
    const t0 = Number(await page.getByRole('img', { name: SCENE1 }).getAttribute('data-time'));
    await page.waitForTimeout(600);
    const t1 = Number(await page.getByRole('img', { name: SCENE1 }).getAttribute('data-time'));
    expect(t1).not.toBe(t0);
    await page.getByRole('button', { name: 'Pause' }).click();
    const stopped = Number(await page.getByRole('img', { name: SCENE1 }).getAttribute('data-time'));
    await page.waitForTimeout(300);
    expect(Number(await page.getByRole('img', { name: SCENE1 }).getAttribute('data-time'))).toBe(stopped);

    // Every layout + draw is timed for the bench.
    const draws = await page.evaluate(() => performance.getEntriesByName('videogen:preview-draw').length);
    expect(draws).toBeGreaterThan(3);

    // A draft that is not a valid spec is explained, not drawn.
    await changeDraft(page, 'id: x\nscenes: 3\n', 0);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a valid spec');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('a preview drawn before the fonts arrive is replaced once they load', async () => {
    const { context, page, problems } = await openStudio(browser, studio);
    await setDraft(context, yaml, 0);
    // Hold the font files back (the server still answers them): the first draw uses a fallback font.
    await context.route('**/fonts/**', async (route) => {
      await new Promise((r) => setTimeout(r, 2500));
      await route.continue();
    });
    await page.goto('/preview');
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('videogen:preview-draw').length), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: SCENE1 }).getAttribute('data-ready')).toBe('false');
    const fallback = await canvasPng(page, SCENE1);
    const settled = await waitForDraw(page, SCENE1);
    const real = await canvasPng(page, SCENE1);
    const spec = validateSpec(parseSpecText(yaml).data);
    if (!spec.ok) throw new Error('spec');
    expect((await comparePng(fallback, real)).mean).toBeGreaterThan(0.05);
    // …and the replacement is the real thing.
    const cli = await comparePng(real, (await previewFrame(spec.value, '1', settled)).png);
    expect(cli.mean).toBeLessThan(1.5);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  for (const viewport of ['desktop', 'phone'] as Viewport[]) {
    for (const scheme of ['light', 'dark'] as Scheme[]) {
      it(`the pop-out window at ${viewport} width, ${scheme}: axe finds nothing serious; screenshot`, async () => {
        const { context, page, problems } = await openStudio(browser, studio, { viewport, scheme });
        await setDraft(context, yaml, 4);
        await page.goto(`/preview${viewport === 'phone' ? '?aspect=9:16' : ''}`);
        await waitForDraw(page, 'Preview of scene 5');
        await screenshot(page, 'preview-window', `${viewport}-${scheme}`);
        const violations = await axeViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        // No sideways scrolling: the canvas scales down to the window.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(problems).toEqual([]);
        await context.close();
      }, 60_000);
    }
  }
});
