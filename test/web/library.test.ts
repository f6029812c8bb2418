import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, VIEWPORTS, watchProblems, type Scheme, type Viewport } from './helpers/browser.ts';
import { axeViolations, describeViolations } from './helpers/axe.ts';
import { screenshot } from './helpers/screens.ts';
import { ADMIN, startStudio, type Studio } from './helpers/studio.ts';

/** Three chapters (each ≥ 10 s, as chapters.txt keeps them), narrated, so the video has captions to show. */
const CHAPTERED_SPEC = {
  id: 'chaptered',
  title: 'Three chapters',
  scenes: [
    { kind: 'title', title: 'Opening', narration: 'Welcome to the first chapter.', minDuration: 11 },
    { kind: 'quote', text: 'Middle of the story.', attribution: 'Narrator', narration: 'Here is the second chapter.', minDuration: 11 },
    { kind: 'outro', title: 'Closing', narration: 'And that is the end.', minDuration: 10 },
  ],
};

const OTHER_SPEC = {
  id: 'other',
  title: 'Another clip',
  scenes: [
    { kind: 'title', title: 'Hello', narration: 'Hello there.' },
    { kind: 'outro', title: 'Bye', narration: 'Goodbye.' },
  ],
};

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * The Library and Video pages on a real `videogen serve`: the player streams video.mp4 with the session cookie and
 * plays, its WebVTT captions load as a text track, chapters seek, every output is a download link whose GET returns
 * the file; search by title; axe in light and dark; screenshots in four variants.
 */
describe.skipIf(!chromiumAvailable('the Library pages'))('Library and Video pages', () => {
  let studio: Studio;
  let browser: Browser;
  let api: BrowserContext;
  let signedIn: StorageState;
  let videoId: string;
  let otherId: string;

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
    await page.waitForFunction(() => !document.querySelector('.spinner'), undefined, { timeout: 20_000 });
    return { context, page, problems };
  }

  beforeAll(async () => {
    studio = await startStudio();
    browser = await launchChromium();
    api = await browser.newContext({ baseURL: studio.url });
    const login = await api.request.post('/api/auth/login', { data: ADMIN });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    signedIn = await api.storageState();
    const make = async (spec: object) => {
      const created = await api.request.post('/api/videos', { data: { spec, options: { preset: 'draft' } }, headers: { 'x-csrf-token': csrfToken } });
      expect(created.status(), await created.text()).toBe(202);
      return ((await created.json()) as { jobs: { id: string }[] }).jobs[0]!.id;
    };
    videoId = await make(CHAPTERED_SPEC);
    otherId = await make(OTHER_SPEC);
    // expect.poll only runs inside a test: wait by hand.
    const until = Date.now() + 240_000;
    for (const id of [videoId, otherId]) {
      for (;;) {
        const { state } = (await (await api.request.get(`/api/jobs/${id}`)).json()) as { state: string };
        if (state === 'succeeded') break;
        if (state === 'failed' || state === 'cancelled' || Date.now() > until) throw new Error(`job ${id} ended ${state}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('lists finished videos as cards and finds them by title', async () => {
    const { context, page, problems } = await open('/library');
    const cards = page.getByRole('list', { name: 'Videos' }).getByRole('listitem');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(2);
    const card = cards.filter({ has: page.getByRole('link', { name: 'Three chapters' }) });
    // Duration (from manifest.json: 32 s) and caption language come in with the card's details.
    await card.getByText('0:32').waitFor({ timeout: 10_000 });
    await card.getByText('en', { exact: true }).waitFor();
    // The thumbnail is only inserted once those details arrive, then loads lazily and decodes asynchronously: sampled
    // at once it was still loading in 2 of 15 opens with both cores busy. Wait for it to settle; it must then be a
    // decoded picture (a broken one settles complete with naturalWidth 0, so this still fails).
    const thumbnail = card.locator('img');
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 10_000 }).toBe(true);

    await page.getByLabel('Search by title').fill('anoth');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(1);
    expect(await cards.first().getByRole('link').textContent()).toContain('Another clip');
    await page.getByLabel('Search by title').fill('nothing like it');
    await page.getByText('No video title contains').waitFor();
    await page.getByLabel('Search by title').fill('');
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(2);

    await card.getByRole('link', { name: 'Three chapters' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe(`/library/${videoId}`);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('plays the video with its captions, seeks by chapter and downloads every file', async () => {
    const { context, page, problems } = await open(`/library/${videoId}`);
    const video = page.locator('video');
    await video.waitFor();
    expect(await video.getAttribute('src')).toBe(`/api/jobs/${videoId}/files/video.mp4`);
    expect(await video.getAttribute('poster')).toBe(`/api/jobs/${videoId}/files/thumbnail.png`);

    // Plays: currentTime advances (the cookie session streams it, with Range requests).
    await video.evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      await v.play();
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);
    expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeCloseTo(32, 0);

    // Captions: one <track kind=captions> per language, loaded as WebVTT cues.
    const track = page.locator('video track[kind="captions"]');
    expect(await track.count()).toBe(1);
    expect(await track.getAttribute('srclang')).toBe('en');
    expect(await track.getAttribute('label')).toBe('English');
    await expect
      .poll(
        () =>
          video.evaluate((v: HTMLVideoElement) => {
            const t = v.textTracks[0]!;
            t.mode = 'showing';
            return t.cues?.length ?? 0;
          }),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    expect(await video.evaluate((v: HTMLVideoElement) => v.textTracks[0]!.cues![0]!.startTime)).toBeCloseTo(0.3, 1);

    // Chapters from chapters.txt seek the player.
    const chapters = page.getByRole('list').filter({ has: page.getByRole('button', { name: /Opening/ }) }).getByRole('button');
    // chapters.txt is fetched on its own; allTextContents() does not wait, so wait for the list first.
    await chapters.first().waitFor({ timeout: 10_000 });
    expect(await chapters.allTextContents()).toEqual(['0:00 Opening (play from here)', '0:11 Quote: Narrator (play from here)', '0:22 Closing (play from here)']);
    await page.getByRole('button', { name: /0:22\s*Closing/ }).click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThanOrEqual(22);
    await page.getByRole('button', { name: /0:11\s*Quote/ }).click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => Math.floor(v.currentTime)), { timeout: 10_000 }).toBeGreaterThanOrEqual(11);
    expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(20);

    // Details from manifest.json and metadata.json.
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByText('0:32').waitFor();
    await details.getByText(/^3: title, quote, outro$/).waitFor();

    // Every output file is a download link ("Download <name>") whose GET returns that file.
    const listed = ((await (await api.request.get(`/api/jobs/${videoId}/files`)).json()) as { files: { name: string; bytes: number }[] }).files;
    expect(listed.map((f) => f.name)).toEqual(expect.arrayContaining(['video.mp4', 'thumbnail.png', 'captions.en.vtt', 'captions.en.srt', 'chapters.txt', 'manifest.json', 'metadata.json']));
    for (const file of listed) {
      const link = page.getByRole('link', { name: `Download ${file.name}`, exact: true });
      const href = await link.getAttribute('href');
      expect(href).toBe(`/api/jobs/${videoId}/files/${file.name}?download=1`);
      const response = await context.request.get(href!);
      expect(response.status()).toBe(200);
      expect((await response.body()).length).toBe(file.bytes);
      expect(response.headers()['content-disposition']).toMatch(/^attachment/);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download video.mp4' }).click()]);
    const bytes = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('answers a job that is not a video with an error and a way back', async () => {
    const { context, page, problems } = await open('/library/00000000-0000-4000-8000-000000000000');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('NOT_FOUND');
    await page.getByRole('link', { name: 'Back to the library' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  const variants: [Viewport, Scheme][] = [
    ['desktop', 'light'],
    ['desktop', 'dark'],
    ['phone', 'light'],
    ['phone', 'dark'],
  ];

  it('passes axe in light and dark, fits a phone, and is screenshotted in all four variants', async () => {
    const failures: string[] = [];
    for (const [viewport, scheme] of variants) {
      for (const [name, path] of [
        ['library', '/library'],
        ['video', `/library/${videoId}`],
      ] as const) {
        const { context, page, problems } = await open(path, viewport, scheme);
        if (name === 'library') await page.locator('.library-card img').first().waitFor();
        else await page.getByRole('link', { name: 'Download video.mp4' }).waitFor();
        // Pictures decoded, so the screenshot shows what a person sees.
        await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 1) failures.push(`${name} ${viewport}: ${overflow}px wider than the viewport`);
        const violations = await axeViolations(page);
        if (violations.length) failures.push(`${name} ${viewport} ${scheme}:\n${describeViolations(violations)}`);
        if (problems.length) failures.push(`${name} ${viewport} ${scheme}: ${problems.join('; ')}`);
        await screenshot(page, `library-${name}`, `${viewport}-${scheme}`);
        await context.close();
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 240_000);
});
