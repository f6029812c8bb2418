import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../store/serve-child.ts';
import { checkVariants, stepNow, eventually } from './auth-shared.ts';
import { chromiumAvailable, launchChromium } from './helpers/browser.ts';
import { ADMIN, openStudio, startStudio, type Studio, type StudioPage } from './helpers/studio.ts';

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

/**
 * Sign in and first run against real servers: a studio with an admin and VIDEOGEN_SECRET_KEY (two-factor works), and
 * one started without any account. Every sign-in and /api/setup request counts against 10 per minute per IP, so each
 * test spends them carefully (variants are checked on one loaded page, see checkVariants).
 */
describe.skipIf(!chromiumAvailable('the sign-in and first-run pages'))('sign in and first run', () => {
  let studio: Studio;
  let fresh: Studio;
  let browser: Browser;
  const opened: StudioPage[] = [];

  beforeAll(async () => {
    [studio, fresh, browser] = await Promise.all([startStudio({ env: { VIDEOGEN_SECRET_KEY: '11'.repeat(32) }, worker: false }), startStudio({ admin: false, worker: false }), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    await browser?.close();
    await Promise.all([studio?.close(), fresh?.close()]);
  });

  const open = async (target: Studio) => {
    const session = await openStudio(browser, target);
    opened.push(session);
    return session;
  };

  it('sends a signed-out visitor to sign in and back to the page they asked for; two-factor asks for the code', async () => {
    const { page, problems } = await open(studio);
    await page.goto('/jobs');
    await eventually(() => pathOf(page)).toBe('/signin?next=%2Fjobs');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => pathOf(page)).toBe('/jobs');

    // Two-factor on, from Settings: the secret shown next to the QR code gives the code (as an authenticator would).
    await page.goto('/settings?tab=two-factor');
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    const secret = ((await page.getByLabel('Two-factor secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const qr = page.getByRole('img', { name: /QR code/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const step = stepNow();
    await page.getByLabel('Code from the app').fill(await generate({ secret, epoch: step * 30 }));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await eventually(() => codes.count()).toBe(10);
    const recoveryCode = (await codes.first().textContent())!;
    await page.getByRole('button', { name: 'I saved them' }).click();
    await page.getByText('On', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/signin');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Two-factor code');
    await code.waitFor();
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await eventually(() => code.evaluate((element) => element === document.activeElement)).toBe(true);
    await checkVariants(page, 'signin-two-factor');
    // The next step's code: the one of `step` was spent confirming, and the server accepts one step of drift.
    await code.fill(await generate({ secret, epoch: (step + 1) * 30 }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => pathOf(page)).toBe('/settings?tab=two-factor');

    // A recovery code instead of the authenticator.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/signin');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCode);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/settings');
    expect(problems).toEqual([]);
  }, 120_000);

  it('first run: sign-in sends to the welcome page with the command; once an admin exists it says so; a wrong password is shown', async () => {
    const { page, problems } = await open(fresh);
    await page.goto('/signin?next=/library');
    await eventually(() => new URL(page.url()).pathname).toBe('/welcome');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to videogen studio');
    await page.getByText('npx videogen admin create --email you@example.com').waitFor();
    await page.getByText('There is no default password').waitFor();
    await page.getByRole('button', { name: 'Copy command' }).waitFor();
    await checkVariants(page, 'welcome');

    // The admin is made on the server's machine, while it runs; the page notices by itself.
    const made = runCli(fresh.home, ['admin', 'create', '--email', ADMIN.email, '--password-stdin'], `${ADMIN.password}\n`);
    expect(made.status, made.stderr).toBe(0);
    await page.getByText('This server has an admin account').waitFor({ timeout: 20_000 });
    await checkVariants(page, 'welcome-done');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await eventually(() => new URL(page.url()).pathname).toBe('/signin');

    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toContain('wrong email or password (UNAUTHORIZED)');
    await checkVariants(page, 'signin');
    expect(problems).toEqual([]);
  }, 120_000);

  // On the first-run server, whose admin the test above created.
  it('ignores a next that leads to another site', async () => {
    const { context, page, problems } = await open(fresh);
    const login = await context.request.post('/api/auth/login', { data: ADMIN });
    expect(login.status()).toBe(200);
    await page.goto('/signin?next=//evil.example/x');
    await eventually(() => page.url()).toBe(`${fresh.url}/`);
    expect(problems).toEqual([]);
  });
});
