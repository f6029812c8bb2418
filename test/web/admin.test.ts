import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkVariants, eventually } from './auth-shared.ts';
import { chromiumAvailable, launchChromium } from './helpers/browser.ts';
import { ADMIN, openStudio, signInByApi, startStudio, type Studio } from './helpers/studio.ts';

const PERSON = { email: 'editor@example.com', password: 'a long enough first password' };

/**
 * Admin against a real server: create a user with a role and a password, change the role, see both in the audit log
 * (filtered by action), erase the user after a confirmation; the only admin cannot demote themself; a non-admin is
 * told the page needs the admin role. Every state is checked with axe and screenshotted in four variants.
 */
describe.skipIf(!chromiumAvailable('the Admin page'))('Admin', () => {
  let studio: Studio;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const others: BrowserContext[] = [];

  beforeAll(async () => {
    [studio, browser] = await Promise.all([startStudio({ worker: false }), launchChromium()]);
    ({ context, page, problems } = await openStudio(browser, studio));
    await signInByApi(context, studio);
  }, 120_000);

  afterAll(async () => {
    for (const other of others) await other.close().catch(() => undefined);
    await browser?.close();
    await studio?.close();
  });

  const rows = () => page.getByRole('table', { name: 'Users' }).locator('tbody tr');

  it('creates a user and changes their role; the audit log shows both', async () => {
    await page.goto('/admin');
    await eventually(() => rows().count()).toBe(1);
    // The only admin cannot demote themself (the server refuses it too).
    expect(await page.getByLabel(`Role of ${ADMIN.email}`).isDisabled()).toBe(true);

    await page.getByLabel('Email').fill(PERSON.email);
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByText('must be at least 12 characters').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(PERSON.password);
    await page.getByLabel('Role', { exact: true }).selectOption('editor');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText(`${PERSON.email} was created as editor.`).waitFor();
    await eventually(() => rows().count()).toBe(2);

    // The same email again: the API's conflict is shown, not swallowed.
    await page.getByLabel('Email').fill(PERSON.email);
    await page.getByLabel('Password', { exact: true }).fill(PERSON.password);
    await page.getByRole('button', { name: 'Create user' }).click();
    await eventually(() => page.getByRole('alert').first().textContent()).toContain('(CONFLICT)');

    await page.getByLabel(`Role of ${PERSON.email}`).selectOption('viewer');
    await page.getByText(`${PERSON.email} is now viewer.`).waitFor();
    await checkVariants(page, 'admin-users');

    await page.getByRole('tab', { name: 'Audit log' }).click();
    const entries = page.getByRole('table', { name: /Audit entries/ }).locator('tbody tr');
    await page.getByRole('cell', { name: 'user.role' }).waitFor();
    await page.getByRole('cell', { name: 'user.create' }).first().waitFor();
    await checkVariants(page, 'admin-audit');
    await page.getByLabel('Action').fill('user.');
    await page.getByRole('button', { name: 'Filter' }).click();
    await eventually(async () => (await entries.locator('td:nth-child(3)').allTextContents()).every((action) => action.startsWith('user.'))).toBe(true);
    // Newest first: the role change, then the creation (the first admin's own creation may follow).
    const actions = await entries.locator('td:nth-child(3)').allTextContents();
    expect(actions.slice(0, 2)).toEqual(['user.role', 'user.create']);
    // Actor and target are shown by email, not as ids.
    expect(await entries.first().locator('td:nth-child(2)').textContent()).toBe(ADMIN.email);
    expect(await entries.first().locator('td:nth-child(4)').textContent()).toBe(PERSON.email);
    expect(problems).toEqual([]);
  }, 120_000);

  it('tells a non-admin that the page needs the admin role', async () => {
    const { context: theirs, page: theirPage, problems: theirProblems } = await openStudio(browser, studio);
    others.push(theirs);
    await signInByApi(theirs, studio, PERSON);
    await theirPage.goto('/admin');
    await theirPage.getByText('This page needs the admin role').waitFor();
    expect(await theirPage.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await checkVariants(theirPage, 'admin-needs-admin');
    expect(theirProblems).toEqual([]);
  });

  it('erases a user only after a confirmation', async () => {
    await page.goto('/admin?tab=users');
    await page.getByRole('button', { name: `Erase ${PERSON.email}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Erase ${PERSON.email}?` });
    await dialog.waitFor();
    await checkVariants(page, 'admin-erase-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => rows().count()).toBe(2);

    await page.getByRole('button', { name: `Erase ${PERSON.email}` }).click();
    await page.getByRole('button', { name: 'Erase user' }).click();
    await page.getByText(`${PERSON.email} was erased.`).waitFor();
    await eventually(() => rows().count()).toBe(1);
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'user.delete' }).waitFor();
    expect(problems).toEqual([]);
  });
});
