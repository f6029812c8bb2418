import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startFakeYouTube, type FakeYouTube } from '../publish/fake-youtube.ts';
import { chromiumAvailable, launchChromium, VIEWPORTS, watchProblems, type Scheme, type Viewport } from './helpers/browser.ts';
import { axeViolations, describeViolations } from './helpers/axe.ts';
import { screenshot } from './helpers/screens.ts';
import { ADMIN, openStudio, signInByApi, startStudio, type Studio } from './helpers/studio.ts';

/**
 * The publishing and multilingual pages over a real `videogen serve` whose YouTube is the fake on 127.0.0.1: a
 * channel connected through the OAuth redirects, a schedule on the calendar, a finished job published to the fake,
 * a translation review edited and approved (Apertium English → Spanish), and every page in four variants.
 */
const TINY_SPEC = {
  id: 'tiny-publish',
  title: 'Tiny publish',
  resolution: '720p',
  scenes: [
    { kind: 'title', title: 'The dog', narration: 'The dog is big.', transition: 'none' },
    { kind: 'outro', title: 'Thank you', narration: 'The house is red.', transition: 'none' },
  ],
};

const VARIANTS: [Viewport, Scheme][] = [
  ['desktop', 'light'],
  ['desktop', 'dark'],
  ['phone', 'light'],
  ['phone', 'dark'],
];

type State = Awaited<ReturnType<BrowserContext['storageState']>>;

/** The page settled: data arrived and spinners are gone. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor({ timeout: 20_000 });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.spinner'), undefined, { timeout: 15_000 }).catch(() => undefined);
}

describe.skipIf(!chromiumAvailable('the publishing pages'))('publishing and multilingual pages', () => {
  let yt: FakeYouTube;
  let studio: Studio;
  let plain: Studio;
  let browser: Browser;
  let signedIn: State;
  let renderJob: string;
  let reviewJob: string;

  beforeAll(async () => {
    yt = await startFakeYouTube();
    const env = {
      VIDEOGEN_SECRET_KEY: '3a'.repeat(32),
      YOUTUBE_CLIENT_ID: 'test-client',
      YOUTUBE_CLIENT_SECRET: 'test-secret',
      YOUTUBE_API_BASE: `${yt.url}/youtube/v3`,
      YOUTUBE_UPLOAD_BASE: `${yt.url}/upload/youtube/v3`,
      GOOGLE_OAUTH_BASE: yt.url,
      GOOGLE_TOKEN_BASE: yt.url,
      VIDEOGEN_TRANSLATOR: 'apertium',
    };
    // A second server without the YouTube settings: the pages must say why they are off.
    [studio, plain, browser] = await Promise.all([startStudio({ env }), startStudio({ worker: false }), launchChromium()]);
    const { context } = await openStudio(browser, studio);
    const login = await context.request.post('/api/auth/login', { data: ADMIN });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const submit = async (options: Record<string, unknown>) => {
      const created = await context.request.post('/api/videos', { data: { spec: TINY_SPEC, options }, headers: { 'x-csrf-token': csrfToken } });
      expect(created.status(), await created.text()).toBe(202);
      return ((await created.json()) as { jobs: { id: string }[] }).jobs[0]!.id;
    };
    renderJob = await submit({ preset: 'draft' });
    reviewJob = await submit({ preset: 'draft', languages: ['en', 'es'], review: true });
    signedIn = await context.storageState();
    await context.close();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([studio?.close(), plain?.close()]);
    await yt?.close();
  });

  const open = async (path: string, viewport: Viewport = 'desktop', scheme: Scheme = 'light') => {
    const context = await browser.newContext({ baseURL: studio.url, viewport: VIEWPORTS[viewport], colorScheme: scheme, storageState: signedIn, ...(viewport === 'phone' ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(path);
    await settled(page);
    return { context, page, problems };
  };

  it('without a YouTube client the publishing pages are not in the menu and say why when opened', async () => {
    const { context, page, problems } = await openStudio(browser, plain);
    await signInByApi(context, plain);
    await page.goto('/');
    await settled(page);
    await expect.poll(() => page.getByRole('link', { name: 'Jobs' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Channels' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Calendar' }).count()).toBe(0);
    for (const path of ['/channels', '/publications', '/schedules', '/calendar']) {
      await page.goto(path);
      await settled(page);
      const banner = page.getByRole('status').filter({ hasText: 'not available on this server' });
      await expect.poll(() => banner.textContent()).toMatch(/To turn it on: set (VIDEOGEN_SECRET_KEY|YOUTUBE_CLIENT_ID)/);
    }
    await screenshot(page, 'publish-off-calendar', 'desktop-light');
    expect(await page.getByRole('button', { name: 'Connect a channel' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('connects a channel through Google’s consent page (the fake) and back', async () => {
    const { context, page, problems } = await open('/channels');
    await page.getByRole('button', { name: 'Connect a channel' }).click();
    await page.waitForURL(/\/channels\?channel=/, { timeout: 20_000 });
    await settled(page);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Channel connected.' }).count()).toBe(1);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Fake Channel' }) });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('Connected');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('creates a schedule with a readable next-run preview and finds its topic on the calendar', async () => {
    const { context, page, problems } = await open('/schedules');
    await page.getByRole('button', { name: 'New schedule' }).click();
    await page.getByLabel('Name').fill('Daily facts');
    await page.getByLabel('When').fill('every day at 09:00');
    await expect.poll(() => page.locator('.publish-preview').textContent()).toMatch(/Next:/);
    await page.getByLabel('Channel').selectOption({ label: 'Fake Channel' });
    await page.getByLabel('Topics').fill('How volcanoes work\nWhy the sky is blue');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Daily facts' }) });
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('How volcanoes work');
    await screenshot(page, 'publish-schedules-created', 'desktop-light');

    await page.goto('/calendar');
    await settled(page);
    // The first slot is tomorrow at the latest: next month on the last day of this one.
    const entry = page.locator('.publish-month .publish-entry', { hasText: 'How volcanoes work' });
    if ((await entry.count()) === 0) {
      await page.getByRole('button', { name: 'Next month' }).click();
      await settled(page);
    }
    await expect.poll(() => entry.count()).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Agenda' }).click();
    expect(await page.locator('.publish-agenda .publish-entry', { hasText: 'How volcanoes work' }).count()).toBeGreaterThan(0);
    // The view tabs answer the arrow keys.
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { name: 'Month' }).getAttribute('aria-selected')).toBe('true');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('publishes a finished job and follows it to published', async () => {
    const { context, page, problems } = await open('/publications');
    await expect
      .poll(async () => ((await (await context.request.get(`/api/jobs/${renderJob}`)).json()) as { state: string }).state, { timeout: 240_000, interval: 1000 })
      .toBe('succeeded');
    await page.reload();
    await settled(page);
    await page.getByRole('button', { name: 'Publish a video' }).click();
    await page.getByLabel('Video', { exact: true }).selectOption(renderJob);
    await page.getByLabel('Title', { exact: true }).fill('Tiny on YouTube');
    await page.getByLabel('Tags').fill('tiny, test');
    await page.getByLabel('Privacy').selectOption('unlisted');
    // videos.insert 1600 + one caption track 400 + the thumbnail 50.
    await expect.poll(() => page.getByText(/Estimated quota/).textContent()).toMatch(/2,050 units of [\d,]+ left today/);
    await page.getByRole('button', { name: 'Review' }).click();
    await screenshot(page, 'publish-form-confirm', 'desktop-light');
    await page.getByRole('button', { name: 'Confirm and publish' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Tiny on YouTube' });
    await expect.poll(() => row.textContent(), { timeout: 120_000, interval: 1000 }).toContain('Published');
    const watch = row.getByRole('link', { name: /Watch on YouTube/ });
    expect(await watch.getAttribute('href')).toMatch(/youtube\.com|youtu\.be/);
    expect([...yt.videos.values()].map((v) => v.snippet.title)).toContain('Tiny on YouTube');
    expect(problems).toEqual([]);
    await context.close();
  }, 400_000);

  it('reviews a translation: the Spanish text beside the English, edited, saved and approved', async () => {
    const { context, page, problems } = await open('/multilingual');
    await expect
      .poll(async () => ((await (await context.request.get(`/api/jobs/${reviewJob}/translations`)).json()) as { waiting?: boolean }).waiting, { timeout: 240_000, interval: 1000 })
      .toBe(true);
    await page.reload();
    await settled(page);
    await expect.poll(() => page.getByRole('list', { name: 'Jobs waiting for review' }).textContent()).toContain('waiting for you');
    await screenshot(page, 'publish-multilingual-waiting', 'desktop-light');
    await page.getByRole('link', { name: 'Review Tiny publish' }).click();
    await settled(page);
    await page.getByRole('tab', { name: /Spanish \(es\)/ }).click();
    const narration = page.getByLabel('Scene 1 (title) · narration in es');
    expect(await narration.inputValue()).toMatch(/perro/i);
    // The source sits beside it.
    expect(await page.locator('.publish-review-row').first().textContent()).toContain('Tiny publish');
    await narration.fill('El perro editado es grande.');
    await page.getByRole('button', { name: 'Save es changes' }).click();
    await expect.poll(() => page.getByRole('tab', { name: /Spanish \(es\)/ }).textContent()).toContain('edited');
    for (const [viewport, scheme] of VARIANTS) await checkVariant(page, 'publish-review', viewport, scheme);
    await page.getByRole('button', { name: 'Approve all and render' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Approved' }).count()).toBe(1);
    const review = (await (await context.request.get(`/api/jobs/${reviewJob}/translations`)).json()) as { translations: { language: string; state: string; spec: { scenes: { narration: string }[] } }[] };
    const es = review.translations.find((t) => t.language === 'es')!;
    expect(es.state).toBe('approved');
    expect(es.spec.scenes[0]!.narration).toBe('El perro editado es grande.');
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);

  /** axe and a screenshot of the page as it is, in one variant (no reload: the state built up stays). */
  async function checkVariant(page: Page, name: string, viewport: Viewport, scheme: Scheme): Promise<void> {
    await page.setViewportSize(VIEWPORTS[viewport]);
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate((theme) => {
      document.documentElement.dataset.theme = theme;
    }, scheme);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const violations = await axeViolations(page);
    expect(violations, `${name} ${viewport} ${scheme}\n${describeViolations(violations)}`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} ${viewport} ${scheme} overflows`).toBeLessThanOrEqual(1);
    await screenshot(page, name, `${viewport}-${scheme}`);
  }

  for (const [viewport, scheme] of VARIANTS) {
    it(`every publishing page with data: ${viewport} ${scheme} (axe, no sideways overflow, screenshots)`, async () => {
      const failures: string[] = [];
      for (const [name, path] of [
        ['multilingual', '/multilingual'],
        ['channels', '/channels'],
        ['publications', '/publications'],
        ['schedules', '/schedules'],
        ['calendar', '/calendar'],
      ] as const) {
        const { context, page, problems } = await open(path, viewport, scheme);
        const violations = await axeViolations(page);
        if (violations.length) failures.push(`${name}: axe\n${describeViolations(violations)}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) failures.push(`${name}: ${overflow}px wider than the viewport`);
        if (problems.length) failures.push(`${name}: ${problems.join('; ')}`);
        await screenshot(page, `publish-${name}`, `${viewport}-${scheme}`);
        if (name === 'publications' && viewport === 'desktop') {
          await page.getByRole('button', { name: 'Publish a video' }).click();
          const more = await axeViolations(page);
          if (more.length) failures.push(`publish form: axe\n${describeViolations(more)}`);
          await screenshot(page, 'publish-form', `${viewport}-${scheme}`);
        }
        if (name === 'schedules') {
          await page.getByRole('button', { name: 'New schedule' }).click();
          const more = await axeViolations(page);
          if (more.length) failures.push(`schedule form: axe\n${describeViolations(more)}`);
          await screenshot(page, 'publish-schedule-form', `${viewport}-${scheme}`);
        }
        await context.close();
      }
      expect(failures, failures.join('\n')).toEqual([]);
    }, 180_000);
  }
});
