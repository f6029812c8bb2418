import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { servicesRequired } from '../../store/helpers.ts';

/** Debian's Chromium (installed by .ci/run); `npx playwright install` downloads and is not allowed here. */
export const CHROMIUM = process.env.VIDEOGEN_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run. In CI (CI=true or VIDEOGEN_REQUIRE_SERVICES=1) a missing Chromium throws, so a
 * green CI proves the studio was driven in a real browser; elsewhere the suite is skipped with a loud warning.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (servicesRequired()) throw new Error(`${what} needs Chromium at ${CHROMIUM} (CI=true): apt-get install -y chromium`);
  console.warn(`\n!!! SKIPPED: ${what} — Chromium is not installed (apt-get install chromium). These tests did NOT run. !!!\n`);
  return false;
}

/** The flags this machine needs: no sandbox as root, and no background traffic to Google (the network is closed). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export type Viewport = 'desktop' | 'phone';
export type Scheme = 'light' | 'dark';

export const VIEWPORTS: Record<Viewport, { width: number; height: number }> = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
};

/** A fresh context (own cookies and storage) at a viewport and colour scheme, with console errors collected. */
export async function newContext(browser: Browser, options: { baseURL: string; viewport?: Viewport; scheme?: Scheme }): Promise<BrowserContext> {
  const viewport = options.viewport ?? 'desktop';
  return browser.newContext({
    baseURL: options.baseURL,
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    colorScheme: options.scheme ?? 'light',
    ...(viewport === 'phone' ? { isMobile: true, hasTouch: true } : {}),
  });
}

/**
 * Collects what a page reports as broken: uncaught errors, console errors and CSP violations. Tests assert it stays
 * empty, so a page that "looks fine" while throwing fails.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // A refused request (401 before sign-in, a 404 the page handles) is the page's business, not a bug.
    if (/Failed to load resource: the server responded with a status of (401|404|409|422)/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  return problems;
}
