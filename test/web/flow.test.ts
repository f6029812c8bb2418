import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from './helpers/browser.ts';
import { axeViolations, describeViolations } from './helpers/axe.ts';
import { openStudio, signIn, startStudio, type Studio } from './helpers/studio.ts';

const MARKDOWN = `# Tide pools

## What lives there

Sea stars, anemones and crabs share the rocks between the tides.

## Why they matter

They show how life copes with change twice a day.
`;

/** The preview canvas's pixels, hashed, to tell whether the drawing changed. */
const canvasHash = (page: Page, name: string) =>
  page.getByRole('img', { name }).or(page.locator(`canvas[aria-label="${name}"]`)).first().evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 7) hash = (hash * 31 + data[i]!) | 0;
    return hash;
  });

/**
 * Issue 15's acceptance flow, driven as assistive technology would (roles and labels of the contract in
 * notes/common.md): sign in → paste Markdown → plan → builder → edit a title and see the preview change → render a
 * draft → progress reaches 100 → watch it (currentTime advances, captions) → download video.mp4 (an MP4 ftyp box).
 */
describe.skipIf(!chromiumAvailable('the studio acceptance flow'))('the studio flow, from sign-in to download', () => {
  let studio: Studio;
  let browser: Browser;

  beforeAll(async () => {
    studio = await startStudio();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('signs in, creates from pasted Markdown, edits in the builder, renders, plays and downloads', async () => {
    const { context, page, problems } = await openStudio(browser, studio);
    const step = (name: string) => console.log(`flow: ${name}`);

    step('sign in through the UI');
    await signIn(page);

    step('create: paste text');
    await page.goto('/create');
    await page.getByRole('tab', { name: 'Paste text' }).click();
    await page.getByLabel('Text', { exact: true }).fill(MARKDOWN);
    await page.getByRole('button', { name: 'Plan video' }).click();
    const openBuilder = page.getByRole('button', { name: 'Open in builder' });
    await openBuilder.waitFor({ timeout: 60_000 });

    step('open in builder');
    await openBuilder.click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/builder');
    const title = page.getByLabel('Title', { exact: true }).first();
    await title.waitFor({ timeout: 30_000 });
    // The preview draws the selected scene; find which one from its accessible name.
    const canvas = page.locator('canvas[aria-label^="Preview of scene "]').first();
    await canvas.waitFor({ timeout: 30_000 });
    const previewName = (await canvas.getAttribute('aria-label'))!;
    expect(previewName).toMatch(/^Preview of scene \d+$/);
    // Fonts and the first frame settle before the "before" picture.
    await page.waitForTimeout(1500);
    const before = await canvasHash(page, previewName);

    step('edit the title and see the preview change');
    await title.fill('Rock pools at low tide');
    await expect.poll(() => canvasHash(page, previewName), { timeout: 10_000 }).not.toBe(before);

    step('render a draft');
    await page.getByLabel('Quality').selectOption({ label: 'Draft' });
    await page.getByRole('button', { name: 'Render', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toMatch(/^\/jobs\/[0-9a-f-]{36}$/);
    const jobId = new URL(page.url()).pathname.split('/')[2]!;

    step('progress reaches 100 over SSE');
    const bar = page.getByRole('progressbar').first();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 300_000, interval: 500 }).toBe(100);
    const watch = page.getByRole('link', { name: 'Watch in library' });
    await watch.waitFor({ timeout: 20_000 });
    const jobViolations = await axeViolations(page);
    expect(jobViolations, describeViolations(jobViolations)).toEqual([]);

    step('watch in library');
    await watch.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/library/${jobId}`);
    const video = page.locator('video');
    await video.waitFor({ timeout: 20_000 });
    expect(await page.locator('video track[kind="captions"]').count()).toBeGreaterThan(0);
    await video.evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      await v.play();
    });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.5);
    await expect
      .poll(
        () =>
          video.evaluate((v: HTMLVideoElement) => {
            const track = Array.from(v.textTracks).find((t) => t.kind === 'captions')!;
            track.mode = 'showing';
            return track.cues?.length ?? 0;
          }),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);

    step('download video.mp4');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download video.mp4' }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const videoViolations = await axeViolations(page);
    expect(videoViolations, describeViolations(videoViolations)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 480_000);
});
