import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkVariants, stepNow, eventually } from './auth-shared.ts';
import { chromiumAvailable, launchChromium } from './helpers/browser.ts';
import { ADMIN, openStudio, signInByApi, startStudio, type Studio } from './helpers/studio.ts';

const NEW_PASSWORD = 'a brand new passphrase for tests';

/** /api/auth/me with a bearer key, from outside the browser (as a script would use it). */
const meWithKey = (studio: Studio, key: string) => fetch(`${studio.url}/api/auth/me`, { headers: { authorization: `Bearer ${key}` } });

/**
 * Settings against a real server with VIDEOGEN_SECRET_KEY: every tab in four variants, two-factor enrolment (QR code,
 * recovery codes) and turning it off, API keys that work until revoked, sessions revoked one by one and all at once,
 * and a password change. Sign-in-limited requests (10/min per IP) are counted: about eight here.
 */
describe.skipIf(!chromiumAvailable('the Settings page'))('Settings', () => {
  let studio: Studio;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const others: BrowserContext[] = [];

  beforeAll(async () => {
    [studio, browser] = await Promise.all([startStudio({ env: { VIDEOGEN_SECRET_KEY: '33'.repeat(32) }, worker: false }), launchChromium()]);
    ({ context, page, problems } = await openStudio(browser, studio));
    await signInByApi(context, studio);
  }, 120_000);

  afterAll(async () => {
    for (const other of others) await other.close().catch(() => undefined);
    await browser?.close();
    await studio?.close();
  });

  const tab = async (name: string) => {
    await page.getByRole('tab', { name }).click();
    await page.waitForFunction((label) => document.querySelector('[role=tab][aria-selected=true]')?.textContent === label, name);
  };

  it('shows every section, accessible in light and dark, on desktop and phone', async () => {
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Password' }).waitFor();
    await checkVariants(page, 'settings-password');
    // Arrow keys move between tabs, as in any tab list.
    await page.getByRole('tab', { name: 'Password' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('two-factor');
    await checkVariants(page, 'settings-two-factor');
    await tab('API keys');
    await page.getByText('No API keys yet.').waitFor();
    await checkVariants(page, 'settings-keys');
    await tab('Sessions');
    await page.getByText('This session').waitFor();
    await checkVariants(page, 'settings-sessions');
    await tab('Account');
    await page.getByText(ADMIN.email, { exact: true }).waitFor();
    await checkVariants(page, 'settings-account');
    expect(problems).toEqual([]);
  }, 120_000);

  it('turns two-factor on with the QR code and a code, shows the recovery codes once, and turns it off', async () => {
    await page.goto('/settings?tab=two-factor');
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    const qr = page.getByRole('img', { name: /QR code/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await checkVariants(page, 'settings-two-factor-enrol');
    const secret = ((await page.getByLabel('Two-factor secret').textContent()) ?? '').replace(/\s/g, '');
    const step = stepNow();
    await page.getByLabel('Code from the app').fill(await generate({ secret, epoch: step * 30 }));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await eventually(() => codes.count()).toBe(10);
    expect(await codes.first().textContent()).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    await page.getByRole('button', { name: 'Download as text' }).waitFor();
    await checkVariants(page, 'settings-two-factor-codes');
    await page.getByRole('button', { name: 'I saved them' }).click();
    await eventually(() => page.getByRole('list', { name: 'Recovery codes' }).count()).toBe(0);
    await page.getByText('10 recovery codes left').waitFor();

    await page.getByRole('button', { name: 'Turn off two-factor' }).click();
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Two-factor code').fill(await generate({ secret, epoch: (step + 1) * 30 }));
    await page.getByRole('button', { name: 'Turn off two-factor' }).click();
    await page.getByText('Two-factor sign-in is off.').waitFor();
    await page.getByRole('button', { name: 'Turn on two-factor' }).waitFor();
    expect(problems).toEqual([]);
  }, 120_000);

  it('creates an API key that works with Bearer until it is revoked', async () => {
    await page.goto('/settings?tab=keys');
    await page.getByLabel('Key name').fill('Test key');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByLabel('New API key value');
    await shown.waitFor();
    const key = (await shown.textContent())!;
    await checkVariants(page, 'settings-keys-created');
    const before = await meWithKey(studio, key);
    expect(before.status).toBe(200);
    expect(((await before.json()) as { via: string }).via).toBe('apikey');
    await page.getByRole('cell', { name: 'Test key', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Revoke key Test key' }).click();
    await page.getByText('No API keys yet.').waitFor();
    expect((await meWithKey(studio, key)).status).toBe(401);
    expect(problems).toEqual([]);
  });

  it('lists sessions, signs one out, then all the others', async () => {
    const second = await browser.newContext({ baseURL: studio.url, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' });
    others.push(second);
    await signInByApi(second, studio);
    await page.goto('/settings?tab=sessions');
    const rows = page.getByRole('table', { name: 'Your sessions' }).locator('tbody tr');
    await eventually(() => rows.count()).toBe(2);
    await page.getByText('Firefox on Linux').waitFor();
    expect(await page.getByText('This session').count()).toBe(1);
    await page.getByRole('button', { name: /^Sign out session Firefox on Linux/ }).click();
    await eventually(() => rows.count()).toBe(1);
    expect((await second.request.get('/api/auth/me')).status()).toBe(401);

    const third = await browser.newContext({ baseURL: studio.url });
    others.push(third);
    await signInByApi(third, studio);
    await page.reload();
    await eventually(() => rows.count()).toBe(2);
    await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await page.getByText('1 session was signed out.').waitFor();
    await eventually(() => rows.count()).toBe(1);
    expect((await third.request.get('/api/auth/me')).status()).toBe(401);
    expect((await context.request.get('/api/auth/me')).status()).toBe(200);
    expect(problems).toEqual([]);
  });

  it('offers the export and guards erasure behind the typed email', async () => {
    await page.goto('/settings?tab=account');
    const link = page.getByRole('link', { name: 'Download export (.zip)' });
    expect(await link.getAttribute('href')).toBe('/api/account/export');
    const exported = await context.request.get('/api/account/export');
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('application/zip');
    await page.getByRole('button', { name: 'Erase my account…' }).click();
    const erase = page.getByRole('button', { name: 'Erase my account for good' });
    expect(await erase.isDisabled()).toBe(true);
    await page.getByLabel(/^Type your email/).fill(ADMIN.email);
    expect(await erase.isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(problems).toEqual([]);
  });

  it('changes the password with the server rules, shown next to the fields', async () => {
    await page.goto('/settings?tab=password');
    await page.getByLabel('Current password').fill(ADMIN.password);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByText('must be at least 12 characters').waitFor();
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat new password').fill(`${NEW_PASSWORD}!`);
    await page.getByText('the two new passwords differ').waitFor();
    await page.getByLabel('Repeat new password').fill(NEW_PASSWORD);

    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByRole('button', { name: 'Change password' }).click();
    await eventually(() => page.getByRole('alert').first().textContent()).toContain('wrong password (UNAUTHORIZED)');
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Current password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    const login = await fetch(`${studio.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password: NEW_PASSWORD }) });
    expect(login.status).toBe(200);
    expect(problems).toEqual([]);
  });
});
