import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where page screenshots go (ignored by git): look at them, as a user would. */
export const SCREENS_DIR = join(process.cwd(), 'scratch/screens');

/** A full-page screenshot named `<name>-<viewport>-<scheme>.png`; returns its path. */
export async function screenshot(page: Page, name: string, variant: string): Promise<string> {
  await mkdir(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}-${variant}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
