import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromiumAvailable, launchChromium, VIEWPORTS, type Scheme, type Viewport } from './helpers/browser.ts';
import { axeViolations, describeViolations } from './helpers/axe.ts';
import { screenshot } from './helpers/screens.ts';
import { ADMIN, openStudio, startStudio, type Studio } from './helpers/studio.ts';

const TINY_SPEC = {
  id: 'tiny',
  title: 'Tiny',
  scenes: [
    { kind: 'title', title: 'Hello', narration: 'Hello there.' },
    { kind: 'outro', title: 'Bye', narration: 'Goodbye.' },
  ],
};

/** Every page of the studio (with a finished job for the job and video pages), as a person would land on it. */
function pages(jobId: string): { name: string; path: string; signedIn: boolean }[] {
  return [
    { name: 'signin', path: '/signin', signedIn: false },
    { name: 'welcome', path: '/welcome', signedIn: false },
    { name: 'home', path: '/', signedIn: true },
    { name: 'create', path: '/create', signedIn: true },
    { name: 'builder', path: '/builder', signedIn: true },
    { name: 'jobs', path: '/jobs', signedIn: true },
    { name: 'job', path: `/jobs/${jobId}`, signedIn: true },
    { name: 'library', path: '/library', signedIn: true },
    { name: 'video', path: `/library/${jobId}`, signedIn: true },
    { name: 'multilingual', path: '/multilingual', signedIn: true },
    { name: 'channels', path: '/channels', signedIn: true },
    { name: 'publications', path: '/publications', signedIn: true },
    { name: 'schedules', path: '/schedules', signedIn: true },
    { name: 'calendar', path: '/calendar', signedIn: true },
    { name: 'settings', path: '/settings', signedIn: true },
    { name: 'admin', path: '/admin', signedIn: true },
    { name: 'not-found', path: '/no-such-page', signedIn: true },
  ];
}

/**
 * The whole studio at desktop and phone width, light and dark: every page loads without an error, has one h1 and a
 * title, nothing overflows sideways on a phone, axe-core finds no serious or critical problem (contrast included),
 * and a screenshot of each lands in scratch/screens for a person to look at.
 */
describe.skipIf(!chromiumAvailable('the studio page sweep'))('every studio page', () => {
  let studio: Studio;
  let browser: Browser;
  let jobId: string;
  let signedInState: Awaited<ReturnType<BrowserContext['storageState']>>;

  beforeAll(async () => {
    // Publishing and two-factor on (fake OAuth client; nothing here calls Google), so their pages are part of the sweep.
    studio = await startStudio({ env: { VIDEOGEN_SECRET_KEY: '22'.repeat(32), YOUTUBE_CLIENT_ID: 'sweep-client', YOUTUBE_CLIENT_SECRET: 'sweep-secret' } });
    browser = await launchChromium();
    const { context } = await openStudio(browser, studio);
    const login = await context.request.post('/api/auth/login', { data: ADMIN });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await context.request.post('/api/videos', { data: { spec: TINY_SPEC, options: { preset: 'draft' } }, headers: { 'x-csrf-token': csrfToken } });
    expect(created.status(), await created.text()).toBe(202);
    jobId = ((await created.json()) as { jobs: { id: string }[] }).jobs[0]!.id;
    // expect.poll needs a test; a plain wait here.
    const until = Date.now() + 180_000;
    for (let state = ''; state !== 'succeeded'; ) {
      if (Date.now() > until) throw new Error(`the seed job is still ${state} after 180 s`);
      state = ((await (await context.request.get(`/api/jobs/${jobId}`)).json()) as { state: string }).state;
      if (state === 'failed' || state === 'cancelled') throw new Error(`the seed job ${state}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    signedInState = await context.storageState();
    await context.close();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  const variants: [Viewport, Scheme][] = [
    ['desktop', 'light'],
    ['desktop', 'dark'],
    ['phone', 'light'],
    ['phone', 'dark'],
  ];

  for (const [viewport, scheme] of variants) {
    it(`${viewport} ${scheme}`, async () => {
      const failures: string[] = [];
      for (const { name, path, signedIn } of pages(jobId)) {
        const context = await browser.newContext({
          baseURL: studio.url,
          viewport: VIEWPORTS[viewport],
          colorScheme: scheme,
          ...(viewport === 'phone' ? { isMobile: true, hasTouch: true } : {}),
          ...(signedIn ? { storageState: signedInState } : {}),
        });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error' && !/status of (401|404)/.test(message.text())) problems.push(`console: ${message.text()}`);
        });
        await page.goto(path);
        await page.locator('h1').first().waitFor({ timeout: 20_000 });
        // Let data arrive (spinners gone) before judging the page.
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await page.waitForFunction(() => !document.querySelector('.spinner'), undefined, { timeout: 15_000 }).catch(() => undefined);
        const h1s = await page.locator('h1').count();
        if (h1s !== 1) failures.push(`${name}: ${h1s} h1 elements`);
        const theme = await page.evaluate(() => document.documentElement.dataset.theme);
        if (theme !== scheme) failures.push(`${name}: theme ${theme}, expected ${scheme}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) failures.push(`${name}: ${overflow}px wider than the ${viewport} viewport`);
        const violations = await axeViolations(page);
        if (violations.length) failures.push(`${name}: axe\n${describeViolations(violations)}`);
        if (problems.length) failures.push(`${name}: ${problems.join('; ')}`);
        await screenshot(page, `page-${name}`, `${viewport}-${scheme}`);
        await context.close();
      }
      expect(failures, failures.join('\n')).toEqual([]);
    }, 300_000);
  }
});
