import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, VIEWPORTS, watchProblems, type Scheme, type Viewport } from './helpers/browser.ts';
import { axeViolations, describeViolations } from './helpers/axe.ts';
import { screenshot } from './helpers/screens.ts';
import { ADMIN, startStudio, type Studio } from './helpers/studio.ts';

/** Two short scenes: a draft render of it takes a few seconds. */
const TINY_SPEC = {
  id: 'tiny',
  title: 'Tiny',
  scenes: [
    { kind: 'title', title: 'Hello', narration: 'Hello there.' },
    { kind: 'outro', title: 'Bye', narration: 'Goodbye.' },
  ],
};

/** Half a minute of video: it keeps the worker busy long enough to watch it run, queue behind it and cancel it. */
const LONG_SPEC = {
  id: 'long',
  title: 'Long render',
  scenes: [
    { kind: 'title', title: 'Long one', narration: 'This one takes a while.', minDuration: 12 },
    { kind: 'quote', text: 'Patience is a virtue.', attribution: 'Proverb', minDuration: 12 },
    { kind: 'outro', title: 'The end', narration: 'Goodbye.', minDuration: 10 },
  ],
};

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

interface JobRow {
  id: string;
  state: string;
  progress: number;
}

/**
 * The Jobs and Job pages against a real `videogen serve` with its worker: a render's progress arrives over SSE and
 * the page reaches 100 % and "Succeeded" without a reload; cancel, retry and delete work from the page; the list
 * follows jobs live; axe finds nothing serious in light and dark; screenshots of both pages in four variants.
 */
describe.skipIf(!chromiumAvailable('the Jobs pages'))('Jobs and Job pages', () => {
  let studio: Studio;
  let browser: Browser;
  let signedIn: StorageState;
  let csrf: string;
  let api: BrowserContext;

  async function createJob(spec: object): Promise<string> {
    const created = await api.request.post('/api/videos', { data: { spec, options: { preset: 'draft' } }, headers: { 'x-csrf-token': csrf } });
    expect(created.status(), await created.text()).toBe(202);
    return ((await created.json()) as { jobs: { id: string }[] }).jobs[0]!.id;
  }

  async function jobOf(id: string): Promise<{ status: number; job?: JobRow }> {
    const response = await api.request.get(`/api/jobs/${id}`);
    return { status: response.status(), ...(response.ok() ? { job: (await response.json()) as JobRow } : {}) };
  }

  async function open(path: string, viewport: Viewport = 'desktop', scheme: Scheme = 'light'): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({
      baseURL: studio.url,
      viewport: VIEWPORTS[viewport],
      colorScheme: scheme,
      storageState: signedIn,
      ...(viewport === 'phone' ? { isMobile: true, hasTouch: true } : {}),
    });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(path);
    await page.locator('h1').first().waitFor({ timeout: 20_000 });
    // A marker that only survives if the page is never reloaded: progress must come over SSE, not a refresh.
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    return { context, page, problems };
  }

  const notReloaded = (page: Page) => page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded === true);
  const progressOf = async (page: Page, name = 'Job progress') => Number(await page.getByRole('progressbar', { name }).getAttribute('aria-valuenow'));
  const statusOf = (page: Page) => page.getByRole('status').filter({ hasNotText: 'Loading' }).first().textContent();

  beforeAll(async () => {
    studio = await startStudio();
    browser = await launchChromium();
    api = await browser.newContext({ baseURL: studio.url });
    const login = await api.request.post('/api/auth/login', { data: ADMIN });
    expect(login.status()).toBe(200);
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    signedIn = await api.storageState();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('follows a render over SSE until its progress bar says 100 and it has succeeded, without a reload', async () => {
    const id = await createJob(TINY_SPEC);
    const { context, page, problems } = await open(`/jobs/${id}`);
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          seen.push(await progressOf(page));
          return seen.at(-1);
        },
        { timeout: 180_000, interval: 150 },
      )
      .toBe(100);
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('Succeeded');
    // It moved while we watched: the bar was below 100 at first, and never went backwards.
    expect(seen[0]).toBeLessThan(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await notReloaded(page)).toBe(true);
    const watch = page.getByRole('link', { name: 'Watch in library' });
    expect(await watch.getAttribute('href')).toBe(`/library/${id}`);
    // Every stage is done, and said so to screen readers too.
    const stages = page.getByRole('list', { name: 'Stages' }).getByRole('listitem');
    expect(await stages.count()).toBe(8);
    for (const text of await stages.allTextContents()) expect(text).toContain('done');
    await watch.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/library/${id}`);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('lists jobs live, cancels a queued job, retries it until it succeeds and deletes it after asking', async () => {
    const { context, page, problems } = await open('/jobs');
    // Made after the page opened: the list learns of them from the event stream.
    const busy = await createJob(LONG_SPEC);
    const queued = await createJob({ ...TINY_SPEC, title: 'Queued behind' });
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Queued behind' }) });
    await row.waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await page.getByRole('progressbar', { name: 'Progress of Long render' }).count()) > 0, { timeout: 20_000 }).toBe(true);
    expect(await row.getByText('Queued', { exact: true }).count()).toBe(1);

    // Filtering by state asks the API for those states only.
    await page.getByLabel('State').selectOption('failed');
    await page.getByText('No failed jobs.').waitFor({ timeout: 10_000 });
    await page.getByLabel('State').selectOption('');
    await row.waitFor();

    await row.getByRole('link', { name: 'Queued behind' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/jobs/${queued}`);
    await expect.poll(() => statusOf(page), { timeout: 10_000 }).toBe('Queued');
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toBe('Cancelled');
    expect((await jobOf(queued)).job?.state).toBe('cancelled');

    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => statusOf(page), { timeout: 15_000 }).toMatch(/^(Queued|Running)/);
    // It runs after the long render, and the reopened event stream carries it to the end.
    await expect.poll(async () => (await jobOf(queued)).job?.state, { timeout: 240_000, interval: 500 }).toBe('succeeded');
    // The page follows within seconds (EventSource reconnects 3 s after the replay ended at the old cancel).
    await expect.poll(() => statusOf(page), { timeout: 20_000, interval: 250 }).toBe('Succeeded');
    expect(await progressOf(page)).toBe(100);
    expect(await notReloaded(page)).toBe(true);

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this job?' });
    await dialog.waitFor();
    // Cancel keeps it: the safe choice has the focus.
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await jobOf(queued)).status).toBe(200);
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete job' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/jobs');
    expect((await jobOf(queued)).status).toBe(404);
    expect((await jobOf(busy)).job?.state).toBe('succeeded');
    expect(problems).toEqual([]);
    await context.close();
  }, 420_000);

  it('cancels a running render at its next checkpoint', async () => {
    const id = await createJob({ ...LONG_SPEC, title: 'Cancel me' });
    const { context, page, problems } = await open(`/jobs/${id}`);
    await expect.poll(() => statusOf(page), { timeout: 120_000, interval: 250 }).toMatch(/^Running/);
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await expect.poll(() => statusOf(page), { timeout: 60_000, interval: 250 }).toBe('Cancelled');
    expect((await jobOf(id)).job?.state).toBe('cancelled');
    // A cancelled job can be retried or deleted, not cancelled again.
    expect(await page.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('shows a failed job with its error code and message', async () => {
    // Media from a private address is refused by the render's SSRF-safe fetcher: a failure the API cannot foresee.
    const id = await createJob({ id: 'broken', title: 'Broken picture', scenes: [{ kind: 'image', src: 'http://127.0.0.1:9/none.png', narration: 'Never shown.' }] });
    await expect.poll(async () => (await jobOf(id)).job?.state, { timeout: 180_000, interval: 500 }).toBe('failed');
    const { context, page, problems } = await open(`/jobs/${id}`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/Failed with [A-Z_]+:/);
    expect(await alert.locator('code').textContent()).toMatch(/^[A-Z_]+$/);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  const variants: [Viewport, Scheme][] = [
    ['desktop', 'light'],
    ['desktop', 'dark'],
    ['phone', 'light'],
    ['phone', 'dark'],
  ];

  it('passes axe in light and dark, fits a phone, and is screenshotted in all four variants', async () => {
    const jobs = ((await (await api.request.get('/api/jobs?limit=100')).json()) as { jobs: (JobRow & { title: string })[] }).jobs;
    const succeeded = jobs.find((j) => j.state === 'succeeded')!;
    const failed = jobs.find((j) => j.state === 'failed');
    const failures: string[] = [];
    for (const [viewport, scheme] of variants) {
      for (const [name, path] of [
        ['jobs', '/jobs'],
        ['job', `/jobs/${succeeded.id}`],
        ...(failed ? [['job-failed', `/jobs/${failed.id}`]] : []),
      ] as [string, string][]) {
        const { context, page, problems } = await open(path, viewport, scheme);
        await page.waitForFunction(() => !document.querySelector('.spinner'), undefined, { timeout: 15_000 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) failures.push(`${name} ${viewport}: ${overflow}px wider than the viewport`);
        const violations = await axeViolations(page);
        if (violations.length) failures.push(`${name} ${viewport} ${scheme}:\n${describeViolations(violations)}`);
        if (problems.length) failures.push(`${name} ${viewport} ${scheme}: ${problems.join('; ')}`);
        await screenshot(page, `jobs-${name}`, `${viewport}-${scheme}`);
        if (name === 'job' && viewport === 'desktop') {
          // The delete question, as a modal over the page.
          await page.getByRole('button', { name: 'Delete' }).click();
          await page.getByRole('dialog').waitFor();
          const dialogViolations = await axeViolations(page);
          if (dialogViolations.length) failures.push(`delete dialog ${scheme}:\n${describeViolations(dialogViolations)}`);
          await screenshot(page, 'jobs-delete-dialog', `${viewport}-${scheme}`);
          await page.keyboard.press('Escape');
        }
        await context.close();
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 240_000);
});
