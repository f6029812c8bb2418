import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'yaml';
import { OPTIONS } from '../../src/options/table.ts';
import { SCENE_KINDS, formatProblems, parseSpecText, pathSegments, validateSpec, type SpecProblem } from '../../src/spec/index.ts';
import { checkVariants } from './auth-shared.ts';
import { chromiumAvailable, launchChromium } from './helpers/browser.ts';
import { screenshot } from './helpers/screens.ts';
import { ADMIN, openStudio, startStudio, type Studio, type StudioPage } from './helpers/studio.ts';

/**
 * The builder against a real `videogen serve`: the draft comes from localStorage (as the Create page leaves it), the
 * scene list is edited by mouse, keyboard and drag, the YAML tab follows both ways, validation messages are the ones
 * `videogen validate` prints, undo/redo, templates, render, and a viewer who may not render.
 */
const DRAFT_YAML = `id: builder-test
title: Builder test
scenes:
  - kind: title
    title: Intro
    narration: Hello and welcome to this short test video about the builder.
  - kind: list
    title: Steps
    items: [One, Two, Three]
  - kind: outro
    title: Bye
`;

/** What `videogen validate` prints for this text, computed here the way the CLI does (sources/yaml.ts). */
function cliProblems(yaml: string): string[] {
  const parsed = parseSpecText(yaml, 'spec.yaml');
  const result = validateSpec(parsed.data);
  if (result.ok) return [];
  const problems: SpecProblem[] = result.problems.map((p) => {
    const line = parsed.lineOf(pathSegments(p.path));
    return line ? { ...p, line } : p;
  });
  return formatProblems(problems).split('\n').slice(1).map((l) => l.trim());
}

/** Puts the draft in localStorage before the first page load only (a reload keeps what the builder saved). */
async function seedDraft(context: BrowserContext, yaml: string, sceneIndex = 0): Promise<void> {
  await context.addInitScript((draft: string) => {
    if (sessionStorage.getItem('draft-seeded')) return;
    localStorage.setItem('videogen.draft', draft);
    sessionStorage.setItem('draft-seeded', '1');
  }, JSON.stringify({ yaml, sceneIndex, savedAt: new Date().toISOString() }));
}

async function login(context: BrowserContext, studio: Studio, credentials = ADMIN): Promise<string> {
  const response = await context.request.post(`${studio.url}/api/auth/login`, { data: credentials });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

const sceneButtons = (page: Page) => page.getByRole('list', { name: 'Scene order' }).getByRole('button');
/** Each scene button's text as a screen reader reads it, e.g. "Intro, Title · ≈ 5 s, scene 1 of 3". */
const sceneLabels = (page: Page) => sceneButtons(page).evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/^\d+/, '')));
const titles = async (page: Page) => (await sceneLabels(page)).map((l) => l.split(', ')[0]);

/** The YAML tab's text, parsed: what the builder would save and render. */
async function yamlScenes(page: Page): Promise<{ kind: string; title?: string; text?: string }[]> {
  await page.getByRole('tab', { name: 'YAML' }).click();
  const text = await page.getByLabel('Spec YAML').inputValue();
  await page.getByRole('tab', { name: 'Scene' }).click();
  return (parse(text) as { scenes: { kind: string; title?: string }[] }).scenes;
}

describe.skipIf(!chromiumAvailable('the builder page'))('builder', () => {
  let studio: Studio;
  let browser: Browser;
  const opened: StudioPage[] = [];

  beforeAll(async () => {
    [studio, browser] = await Promise.all([startStudio({ worker: false }), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    await browser?.close();
    await studio?.close();
  });

  it('edits scenes by mouse, keyboard and drag, keeps YAML and form in sync, validates like the CLI, undoes, saves templates and renders', async () => {
    const session = await openStudio(browser, studio);
    opened.push(session);
    const { context, page, problems } = session;
    const csrf = await login(context, studio);
    await seedDraft(context, DRAFT_YAML, 1);
    await page.goto('/builder');

    // The draft's selected scene (index 1) is open; its Title field is the contract label.
    const title = page.getByLabel('Title', { exact: true });
    await expect.poll(() => title.inputValue()).toBe('Steps');
    expect(await titles(page)).toEqual(['Intro', 'Steps', 'Bye']);
    expect(await page.getByLabel('Preview of scene 2', { exact: true }).evaluate((e) => e.tagName)).toBe('CANVAS');
    // Estimated durations: per scene in the list and the narration's own estimate under its field.
    expect(await page.getByText(/^Narration ≈ \d+ s/).count()).toBe(1);
    expect((await sceneLabels(page)).length).toBe(3);
    expect(await page.locator('.builder-scene-item').first().textContent()).toMatch(/≈ \d+ s/);

    // Select, duplicate, delete, add.
    await sceneButtons(page).nth(0).click();
    await expect.poll(() => title.inputValue()).toBe('Intro');
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => titles(page)).toEqual(['Intro', 'Intro', 'Steps', 'Bye']);
    expect(await page.getByRole('status').filter({ hasText: 'Duplicated scene "Intro" as scene 2.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => titles(page)).toEqual(['Intro', 'Steps', 'Bye']);
    await page.getByLabel('New scene kind').selectOption('quote');
    await page.getByRole('button', { name: 'Add scene' }).click();
    await expect.poll(() => titles(page)).toEqual(['Intro', 'Simplicity is prerequisite for reliability.', 'Steps', 'Bye']);
    expect((await yamlScenes(page)).map((s) => s.kind)).toEqual(['title', 'quote', 'list', 'outro']);

    // Keyboard: Alt+Arrow on a focused scene moves it and keeps focus on it; the move is announced.
    await sceneButtons(page).nth(0).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => titles(page)).toEqual(['Simplicity is prerequisite for reliability.', 'Intro', 'Steps', 'Bye']);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^\d+Intro, Title.*, scene 2 of 4$/);
    expect(await page.getByRole('status').filter({ hasText: 'Moved scene "Intro" to position 2 of 4.' }).count()).toBe(1);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => titles(page)).toEqual(['Simplicity is prerequisite for reliability.', 'Steps', 'Intro', 'Bye']);
    // The Move buttons act on the selected scene.
    await sceneButtons(page).nth(2).click();
    await page.getByRole('button', { name: 'Move up' }).click();
    await expect.poll(() => titles(page)).toEqual(['Simplicity is prerequisite for reliability.', 'Intro', 'Steps', 'Bye']);

    // Drag: the last scene dropped on the first one's place.
    await page.locator('.builder-scene-item').nth(3).dragTo(page.locator('.builder-scene-item').nth(0));
    await expect.poll(() => titles(page)).toEqual(['Bye', 'Simplicity is prerequisite for reliability.', 'Intro', 'Steps']);
    expect((await yamlScenes(page)).map((s) => s.title ?? s.kind)).toEqual(['Bye', 'quote', 'Intro', 'Steps']);

    // YAML → form: an edit that parses shows in the form; a syntax error is listed with its line.
    await sceneButtons(page).nth(2).click();
    await page.getByRole('tab', { name: 'YAML' }).click();
    const yamlBox = page.getByLabel('Spec YAML');
    const before = await yamlBox.inputValue();
    await yamlBox.fill(before.replace('title: Intro', 'title: Intro from YAML'));
    await page.getByRole('tab', { name: 'Scene' }).click();
    await expect.poll(() => title.inputValue()).toBe('Intro from YAML');
    await page.getByRole('tab', { name: 'YAML' }).click();
    await yamlBox.fill(`${await yamlBox.inputValue()}\n  - kind: [\n`);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'The YAML cannot be read' }).textContent()).toMatch(/Line \d+:/);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'The YAML cannot be read' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Scene' }).click();

    // Form → invalid: the message next to the field and in the summary equal the CLI's; Render is disabled.
    const render = page.getByRole('button', { name: 'Render' });
    expect(await render.isEnabled()).toBe(true);
    await title.fill('');
    const draftYaml = async () => (JSON.parse((await page.evaluate(() => localStorage.getItem('videogen.draft')))!) as { yaml: string }).yaml;
    const expected = cliProblems(await draftYaml());
    expect(expected).toEqual([expect.stringMatching(/^scenes\[2\]\.title \(line \d+\): must not be empty; write the text or remove the field$/)]);
    await expect.poll(() => page.locator('.builder-problems li').allTextContents()).toEqual(expected);
    const message = expected[0]!.split(': ').slice(1).join(': ');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await title.getAttribute('aria-describedby'))!.split(' ');
    const errors = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(errors).toContain(message);
    expect(await render.isDisabled()).toBe(true);
    await screenshot(page, 'builder-invalid', 'desktop-light');
    // The summary leads to the field: from another tab, a click opens the scene and focuses its Title.
    await page.getByRole('tab', { name: 'Video' }).click();
    await page.getByRole('button', { name: expected[0] }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.path)).toBe('scenes[2].title');

    // Undo/redo by button and keyboard; typing in one field is one undo step.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => title.inputValue()).toBe('Intro from YAML');
    expect(await render.isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => title.inputValue()).toBe('');
    await page.keyboard.press('Control+z');
    await expect.poll(() => title.inputValue()).toBe('Intro from YAML');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => title.inputValue()).toBe('');
    await page.keyboard.press('Control+y');
    await page.keyboard.press('Control+z');
    await expect.poll(() => title.inputValue()).toBe('Intro from YAML');
    await title.click();
    await title.press('End');
    await title.pressSequentially(' again');
    await expect.poll(() => title.inputValue()).toBe('Intro from YAML again');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => title.inputValue()).toBe('Intro from YAML');

    // Video settings switch the look; the preview keeps the valid spec.
    await page.getByLabel('Video theme').selectOption('dark');
    await page.getByLabel('Aspect').selectOption('9:16');
    const saved = parse(await draftYaml()) as { theme: { mode: string }; aspect: string };
    expect(saved.theme.mode).toBe('dark');
    expect(saved.aspect).toBe('9:16');
    await page.getByRole('tab', { name: 'Video' }).click();
    expect(await page.getByLabel('Video title').inputValue()).toBe('Builder test');

    // Templates: save, see it listed, load it back.
    await page.getByRole('tab', { name: 'Templates' }).click();
    await page.getByLabel('Template name').fill('Builder test template');
    await page.getByRole('button', { name: 'Save as template' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Load Builder test template' }).count(), { timeout: 10_000 }).toBe(1);
    const listed = await context.request.get(`${studio.url}/api/templates`);
    expect(((await listed.json()) as { templates: { name: string; body: { scenes: unknown[] } }[] }).templates[0]).toMatchObject({ name: 'Builder test template', body: { scenes: expect.any(Array) } });
    await page.getByRole('button', { name: 'New' }).click();
    await expect.poll(() => titles(page)).toEqual(['My first video', 'Three things to know', 'Thanks for watching']);
    await page.getByRole('tab', { name: 'Templates' }).click();
    await page.getByRole('button', { name: 'Load Builder test template' }).click();
    await expect.poll(() => titles(page)).toEqual(['Bye', 'Simplicity is prerequisite for reliability.', 'Intro from YAML', 'Steps']);

    // A reload keeps the draft and the selected scene.
    await page.getByRole('tab', { name: 'Scene' }).click();
    await sceneButtons(page).nth(3).click();
    await page.reload();
    await expect.poll(() => title.inputValue()).toBe('Steps');

    // Look at it: axe and screenshots in every variant, the scene form and the YAML tab.
    await checkVariants(page, 'builder');
    for (const [tab, name] of [['YAML', 'builder-yaml'], ['Video', 'builder-video'], ['Templates', 'builder-templates']] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await checkVariants(page, name);
    }
    await page.getByRole('tab', { name: 'Scene' }).click();

    // Render (draft quality, 1440p) queues a job with the spec and opens its page. The resolutions are the option
    // table's; unset, the entry says what the frame-size rule gives (the spec names none: the preset's 720p), and the
    // line below says the frame at the spec's aspect (9:16 since the Video tab above).
    await page.getByLabel('Quality').selectOption({ label: 'Draft' });
    const resolution = page.getByLabel('Resolution', { exact: true });
    expect(await resolution.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['', ...OPTIONS.resolution.type.options]);
    expect(await resolution.locator('option:checked').innerText()).toBe("The preset's (720p)");
    expect(await page.locator('#builder-frame').innerText()).toBe('Renders at 720×1280 (9:16).');
    await page.getByLabel('Quality').selectOption({ label: 'Standard' });
    expect(await resolution.locator('option:checked').innerText()).toBe("The preset's (1080p)");
    await page.getByLabel('Quality').selectOption({ label: 'Draft' });
    await resolution.selectOption('1440p');
    expect(await page.locator('#builder-frame').innerText()).toBe('Renders at 1440×2560 (9:16).');
    await screenshot(page, 'builder-render-1440p', 'desktop');
    await render.click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toMatch(/^\/jobs\/[^/]+$/);
    const jobId = new URL(page.url()).pathname.split('/')[2]!;
    const job = await context.request.get(`${studio.url}/api/jobs/${jobId}`);
    expect(job.ok()).toBe(true);
    expect(((await job.json()) as { options: Record<string, unknown> }).options).toMatchObject({ preset: 'draft', resolution: '1440p' });
    // The stored options are the point; a 1440p render would only slow the rest of this file down (409: done already).
    expect([202, 409]).toContain((await context.request.post(`${studio.url}/api/jobs/${jobId}/cancel`, { headers: { 'x-csrf-token': csrf } })).status());

    // A viewer sees the form but cannot render, and is told why.
    const made = await context.request.post(`${studio.url}/api/users`, { data: { email: 'viewer@example.com', password: 'a viewer password', role: 'viewer' }, headers: { 'x-csrf-token': csrf } });
    expect(made.status()).toBe(201);
    const viewer = await openStudio(browser, studio);
    opened.push(viewer);
    await login(viewer.context, studio, { email: 'viewer@example.com', password: 'a viewer password' });
    await seedDraft(viewer.context, DRAFT_YAML);
    await viewer.page.goto('/builder');
    const viewerRender = viewer.page.getByRole('button', { name: 'Render' });
    await expect.poll(() => viewerRender.count()).toBe(1);
    expect(await viewerRender.isDisabled()).toBe(true);
    expect(await viewer.page.getByText('Viewers cannot render; ask an admin for the editor role.').count()).toBe(1);

    expect(problems).toEqual([]);
    expect(viewer.problems).toEqual([]);
  }, 180_000);

  it('gives every scene kind a generated form, and a new scene of any kind keeps the draft valid', async () => {
    const session = await openStudio(browser, studio, { scheme: 'dark' });
    opened.push(session);
    const { context, page, problems } = session;
    await login(context, studio);
    await seedDraft(context, DRAFT_YAML);
    await page.goto('/builder');
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Intro');
    const kinds = await page.getByLabel('New scene kind').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(kinds).toEqual(SCENE_KINDS);
    for (const [index, kind] of kinds.entries()) {
      await page.getByLabel('New scene kind').selectOption(kind);
      await page.getByRole('button', { name: 'Add scene' }).click();
      await expect.poll(() => page.getByText(`Scene ${index + 2} of ${index + 4}:`).count()).toBe(1);
      expect(await page.locator('.builder-problems').count(), kind).toBe(0);
      if (kind === 'codeComparison' || kind === 'quiz') {
        await page.getByText(/^More options/).click();
        await screenshot(page, `builder-kind-${kind}`, 'desktop-dark');
      }
    }
    // The quiz's answer is a number field; pointing past the options gives the CLI's cross-field message.
    await sceneButtons(page).nth(11).click();
    await page.getByLabel('Answer').fill('5');
    const draft = (JSON.parse((await page.evaluate(() => localStorage.getItem('videogen.draft')))!) as { yaml: string }).yaml;
    await expect.poll(() => page.locator('.builder-problems li').allTextContents()).toEqual(cliProblems(draft));
    expect(cliProblems(draft)).toEqual([expect.stringContaining('scenes[11].answer')]);
    expect(problems).toEqual([]);
  });
});

