import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, VIEWPORTS, watchProblems, type Scheme, type Viewport } from './helpers/browser.ts';
import { axeViolations, describeViolations } from './helpers/axe.ts';
import { screenshot } from './helpers/screens.ts';
import { OPTIONS } from '../../src/options/table.ts';
import { ADMIN, startStudio, type Studio } from './helpers/studio.ts';

const MARKDOWN = `# Baking bread at home

Good bread needs only four things and some patience.

## Choosing flour

Strong flour has more protein, so the dough holds its shape while it rises.

## Waking the yeast

Yeast eats the sugar in the flour and makes the gas that lifts the dough.

## Baking the loaf

A hot oven and a little steam give the loaf its crust.
`;

const INVALID_SPEC = `id: broken
title: Broken
scenes:
  - kind: title
    title: Hello
  - kind: list
    title: Points
`;

const VARIANTS: [Viewport, Scheme][] = [
  ['desktop', 'light'],
  ['desktop', 'dark'],
  ['phone', 'light'],
  ['phone', 'dark'],
];

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Home and Create against a real `videogen serve`: paste Markdown → plan → builder draft or a render job; spec
 * problems with their paths; a voice sample plays; axe in both themes; screenshots of every variant and tab.
 */
describe.skipIf(!chromiumAvailable('the Home and Create pages'))('Home and Create pages', () => {
  let studio: Studio;
  let browser: Browser;
  let signedIn: StorageState;
  let csrf: string;

  beforeAll(async () => {
    studio = await startStudio();
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: studio.url });
    const login = await context.request.post('/api/auth/login', { data: ADMIN });
    expect(login.status()).toBe(200);
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    signedIn = await context.storageState();
    await context.close();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  async function open(path: string, viewport: Viewport = 'desktop', scheme: Scheme = 'light'): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ baseURL: studio.url, viewport: VIEWPORTS[viewport], colorScheme: scheme, storageState: signedIn, ...(viewport === 'phone' ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(path);
    await page.locator('h1').first().waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => !document.querySelector('.spinner'), undefined, { timeout: 15_000 });
    return { context, page, problems };
  }

  /** axe (serious and critical), no sideways scrolling, then a full-page screenshot. */
  async function judge(page: Page, name: string, variant: string): Promise<string[]> {
    const failures: string[] = [];
    const violations = await axeViolations(page);
    if (violations.length) failures.push(`${name} ${variant}: axe\n${describeViolations(violations)}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) failures.push(`${name} ${variant}: ${overflow}px wider than the viewport`);
    await screenshot(page, name, variant);
    return failures;
  }

  it('Home without videos says what to do, in every variant', async () => {
    const failures: string[] = [];
    for (const [viewport, scheme] of VARIANTS) {
      const { context, page, problems } = await open('/', viewport, scheme);
      await page.getByText('No videos yet.').waitFor();
      await page.getByText('No jobs yet.').waitFor();
      const newVideo = page.getByRole('region', { name: 'Start' }).getByRole('link', { name: 'New video' });
      expect(await newVideo.getAttribute('href')).toBe('/create');
      failures.push(...(await judge(page, 'home-empty', `${viewport}-${scheme}`)));
      expect(problems).toEqual([]);
      await context.close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 120_000);

  it('pasted Markdown → Plan video lists the scenes → Open in builder saves the draft', async () => {
    const { context, page, problems } = await open('/create');
    await page.getByRole('tab', { name: 'Paste text' }).click();
    await page.getByLabel('Text', { exact: true }).fill(MARKDOWN);
    await page.getByRole('button', { name: 'Plan video' }).click();
    const plan = page.getByRole('region', { name: 'Plan' });
    await plan.waitFor({ timeout: 30_000 });
    for (const heading of ['Choosing flour', 'Waking the yeast', 'Baking the loaf']) await expect.poll(() => plan.getByText(heading, { exact: true }).count()).toBeGreaterThan(0);
    expect(await plan.getByText(/about \d+\.\d min/).count()).toBeGreaterThan(0);
    await screenshot(page, 'create-plan', 'desktop-light');
    expect(problems).toEqual([]);
    // Past this click the builder's page is another helper's; only the hand-over is this test's business.
    await page.getByRole('button', { name: 'Open in builder' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/builder');
    const draft = await page.evaluate(() => JSON.parse(localStorage.getItem('videogen.draft') ?? '{}') as { yaml?: string });
    expect(draft.yaml).toContain('Choosing flour');
    expect(draft.yaml).toContain('Baking bread at home');
    await context.close();
  }, 120_000);

  it('Render now starts a job and lands on its page', async () => {
    const { context, page, problems } = await open('/create');
    await page.getByRole('tab', { name: 'Paste text' }).click();
    await page.getByLabel('Text', { exact: true }).fill(MARKDOWN);
    await page.getByLabel('Render quality').selectOption('draft');
    await page.getByRole('button', { name: 'Plan video' }).click();
    await page.getByRole('button', { name: 'Render now' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toMatch(/^\/jobs\/[0-9a-f-]{36}$/);
    expect(problems).toEqual([]);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const job = await context.request.get(`/api/jobs/${id}`);
    expect(job.status()).toBe(200);
    expect(((await job.json()) as { options: { preset: string } }).options.preset).toBe('draft');
    await context.close();
    // Home while the job is (most likely) still on its way: the job is listed with its state.
    const home = await open('/');
    await home.page.getByRole('region', { name: 'Recent jobs' }).getByRole('link', { name: 'Baking bread at home' }).waitFor();
    await screenshot(home.page, 'home-active', 'desktop-light');
    expect(home.problems).toEqual([]);
    await home.context.close();
  }, 120_000);

  it('Resolution offers the option table\'s sizes; 1440p is planned with and stored on the job as options.resolution', async () => {
    const { context, page, problems } = await open('/create');
    await page.getByRole('tab', { name: 'Paste text' }).click();
    await page.getByLabel('Text', { exact: true }).fill(MARKDOWN);
    const resolution = page.getByLabel('Resolution', { exact: true });
    expect(await resolution.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['', ...OPTIONS.resolution.type.options]);
    // Unset, it says what the frame-size rule gives a source (no size in its spec): the preset's, following Quality.
    expect(await resolution.locator('option:checked').innerText()).toBe("The preset's size: 1080p");
    await page.getByLabel('Render quality').selectOption('draft');
    expect(await resolution.locator('option:checked').innerText()).toBe("The preset's size: 720p");
    // With an aspect chosen each size shows its pixels.
    await page.getByLabel('Aspect').selectOption('9:16');
    await resolution.selectOption('1440p');
    expect(await resolution.locator('option:checked').innerText()).toBe('1440p (1440×2560)');
    const [planned] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/api/videos/plan')), page.getByRole('button', { name: 'Plan video' }).click()]);
    expect((planned.postDataJSON() as { options: Record<string, unknown> }).options).toMatchObject({ resolution: '1440p', aspect: '9:16', preset: 'draft' });
    await page.getByRole('button', { name: 'Render now' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toMatch(/^\/jobs\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const job = await context.request.get(`/api/jobs/${id}`);
    expect(job.status()).toBe(200);
    expect(((await job.json()) as { options: Record<string, unknown> }).options).toMatchObject({ resolution: '1440p', aspect: '9:16', preset: 'draft' });
    // The stored options are what this test is about; the render would only hold up the next tests (409: done already).
    const cancelled = await context.request.post(`/api/jobs/${id}/cancel`, { headers: { 'x-csrf-token': csrf } });
    expect([202, 409]).toContain(cancelled.status());
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('on the YAML tab, Resolution unset says the spec\'s own size at the spec\'s aspect', async () => {
    const { context, page, problems } = await open('/create');
    await page.getByRole('tab', { name: 'YAML spec' }).click();
    const resolution = page.getByLabel('Resolution', { exact: true });
    expect(await resolution.locator('option:checked').innerText()).toBe("As the spec says, else the preset's: 1080p");
    const spec = 'id: square\ntitle: Square\naspect: "1:1"\nresolution: 2160p\nscenes:\n  - kind: title\n    title: Hello\n';
    await page.getByRole('textbox', { name: 'YAML spec' }).fill(spec);
    await expect.poll(() => resolution.locator('option:checked').innerText()).toBe('As the spec says: 2160p (2160×2160)');
    await page.getByRole('textbox', { name: 'YAML spec' }).fill(spec.replace('resolution: 2160p\n', ''));
    await expect.poll(() => resolution.locator('option:checked').innerText()).toBe("The preset's size: 1080p (1080×1080)");
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('a dropped-in document is uploaded and planned, with the preview\'s advice', async () => {
    const { context, page, problems } = await open('/create');
    await page.getByLabel('Choose a document…').setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Tea at home\n\nGreen tea wants water below boiling, about eighty degrees.\n\nBlack tea takes boiling water and three to five minutes.\n\n- Warm the pot first\n- Use loose leaves\n') });
    await page.getByText('notes.md').waitFor();
    await page.getByRole('button', { name: 'Plan video' }).click();
    const plan = page.getByRole('region', { name: 'Plan' });
    await plan.waitFor({ timeout: 30_000 });
    await plan.getByText('Tea at home', { exact: true }).first().waitFor();
    await plan.getByText(/Add ## headings/).waitFor();
    await screenshot(page, 'create-document-plan', 'desktop-light');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('the YAML tab shows spec problems with their field paths', async () => {
    const { context, page, problems } = await open('/create');
    await page.getByRole('tab', { name: 'YAML spec' }).click();
    await page.getByRole('textbox', { name: 'YAML spec' }).fill(INVALID_SPEC);
    await page.getByRole('button', { name: 'Check spec' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'problem' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/scenes\[1\]\.items/);
    // Plan video answers the same problems (422 SPEC_INVALID) instead of a plan.
    await page.getByRole('button', { name: 'Plan video' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'scenes[1].items' }).count()).toBe(2);
    expect(await page.getByRole('region', { name: 'Plan' }).count()).toBe(0);
    expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    await context.close();
  }, 60_000);

  it('Listen plays a sample of the chosen voice (GET /api/voices/sample → audio)', async () => {
    const { context, page, problems } = await open('/create');
    await page.getByLabel('Voice', { exact: true }).selectOption('female');
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/voices/sample')), page.getByRole('button', { name: /Listen/ }).click()]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^audio\//);
    expect(new URL(response.url()).searchParams.get('voice')).toBe('female');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('tabs follow the arrow keys; every tab passes axe and is photographed', async () => {
    const failures: string[] = [];
    const { context, page, problems } = await open('/create');
    const tabs = page.getByRole('tab');
    expect(await tabs.allInnerTexts()).toEqual(['Document', 'Paste text', 'URL', 'YouTube', 'YAML spec', 'Topic']);
    await page.getByRole('tab', { name: 'Document' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Paste text' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Paste text');
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'Topic' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Document' }).getAttribute('aria-selected')).toBe('true');
    for (const [name, slug] of [['Document', 'document'], ['Paste text', 'text'], ['URL', 'url'], ['YouTube', 'youtube'], ['YAML spec', 'spec'], ['Topic', 'topic']] as const) {
      await page.getByRole('tab', { name }).click();
      failures.push(...(await judge(page, `create-${slug}`, 'desktop-light')));
    }
    expect(problems).toEqual([]);
    await context.close();
    for (const [viewport, scheme] of VARIANTS.slice(1)) {
      const opened = await open('/create', viewport, scheme);
      await opened.page.getByRole('tab', { name: 'Paste text' }).click();
      await opened.page.getByLabel('Text', { exact: true }).fill(MARKDOWN);
      await opened.page.getByRole('button', { name: 'Plan video' }).click();
      await opened.page.getByRole('region', { name: 'Plan' }).waitFor({ timeout: 30_000 });
      failures.push(...(await judge(opened.page, 'create-plan', `${viewport}-${scheme}`)));
      expect(opened.problems).toEqual([]);
      await opened.context.close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 180_000);

  it('Home lists the finished video with its thumbnail and the jobs, in every variant', async () => {
    const context = await browser.newContext({ baseURL: studio.url, storageState: signedIn });
    // The job from "Render now" (draft quality) renders in the server's worker.
    await expect
      .poll(async () => ((await (await context.request.get('/api/jobs?state=succeeded')).json()) as { jobs: unknown[] }).jobs.length, { timeout: 240_000, interval: 2000 })
      .toBeGreaterThan(0);
    await context.close();
    const failures: string[] = [];
    for (const [viewport, scheme] of VARIANTS) {
      const { context: ctx, page, problems } = await open('/', viewport, scheme);
      const videos = page.getByRole('region', { name: 'Recent videos' });
      await videos.getByRole('link', { name: /Baking bread at home/ }).waitFor();
      await videos.locator('img.home-thumb').waitFor();
      await page.waitForFunction(() => Array.from(document.querySelectorAll('img.home-thumb')).every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0));
      expect(await page.getByRole('region', { name: 'Recent jobs' }).getByText('Done').count()).toBeGreaterThan(0);
      failures.push(...(await judge(page, 'home-jobs', `${viewport}-${scheme}`)));
      expect(problems).toEqual([]);
      await ctx.close();
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 360_000);
});
