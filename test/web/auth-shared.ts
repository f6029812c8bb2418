import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations } from './helpers/axe.ts';
import { VIEWPORTS, type Scheme, type Viewport } from './helpers/browser.ts';
import { screenshot } from './helpers/screens.ts';

/** Helpers of the sign-in, Settings and Admin browser tests (auth/settings/admin*.test.ts). */

export const VARIANTS: [Viewport, Scheme][] = [
  ['desktop', 'light'],
  ['desktop', 'dark'],
  ['phone', 'light'],
  ['phone', 'dark'],
];

/**
 * axe (light and dark) and a screenshot in all four variants of the page as it is now, without reloading it: sign-in
 * and setup requests are rate limited (10/min per IP), so a reload per variant would use up the budget. The theme is
 * flipped the way the studio does it (data-theme on <html>, following the emulated colour scheme).
 */
export async function checkVariants(page: Page, name: string): Promise<string[]> {
  const paths: string[] = [];
  for (const [viewport, scheme] of VARIANTS) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate((theme) => {
      document.documentElement.dataset.theme = theme;
    }, scheme);
    // Two frames: layout and paint of the new size and colours before axe measures contrast.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const violations = await axeViolations(page);
    expect(violations, `${name} ${viewport} ${scheme}:\n${describeViolations(violations)}`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} ${viewport} ${scheme} scrolls sideways`).toBeLessThanOrEqual(0);
    paths.push(await screenshot(page, name, `${viewport}-${scheme}`));
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  return paths;
}

/** Time steps of RFC 6238 (30 s): codes for explicit steps, so a test never replays the step it already used. */
export const stepNow = () => Math.floor(Date.now() / 30_000);

/** expect.poll with room for a loaded machine (its default gives up after one second). */
export const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });
