import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runCli, startServe, type ServeChild } from '../../store/serve-child.ts';
import { newContext, watchProblems, type Scheme, type Viewport } from './browser.ts';

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };

export interface Studio {
  url: string;
  home: string;
  serve: ServeChild;
  close(): Promise<void>;
}

export interface StudioOptions {
  /** Extra environment for the server (VIDEOGEN_SECRET_KEY, YOUTUBE_CLIENT_ID, fake provider URLs…). */
  env?: NodeJS.ProcessEnv;
  /** Render jobs in the server process (default true). */
  worker?: boolean;
  /** Create the admin account before the server starts (default true). */
  admin?: boolean;
}

/**
 * A real `videogen serve` on an embedded (PGlite) home with the studio: the built web/dist is copied into the home
 * first, so a rebuild by another test run cannot swap the bundle under this server.
 */
export async function startStudio(options: StudioOptions = {}): Promise<Studio> {
  const home = await mkdtemp(join(tmpdir(), 'videogen-studio-'));
  const web = join(home, 'web');
  await cp(join(process.cwd(), 'web/dist'), web, { recursive: true });
  if (options.admin !== false) {
    const made = runCli(home, ['admin', 'create', '--email', ADMIN.email, '--password-stdin'], `${ADMIN.password}\n`);
    if (made.status !== 0) throw new Error(`admin create failed: ${made.stderr}`);
  }
  const serve = await startServe(home, options.worker === false ? ['--no-worker', '--no-scheduler'] : ['--no-scheduler'], { VIDEOGEN_WEB_DIR: web, ...options.env });
  return {
    url: serve.url,
    home,
    serve,
    async close() {
      serve.child.kill('SIGTERM');
      await Promise.race([serve.exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
      await rm(home, { recursive: true, force: true });
    },
  };
}

export interface StudioPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors, console errors, CSP violations seen so far (expect it to stay empty). */
  problems: string[];
}

/** A new browser context on the studio, at a viewport and colour scheme. */
export async function openStudio(browser: Browser, studio: Studio, options: { viewport?: Viewport; scheme?: Scheme } = {}): Promise<StudioPage> {
  const context = await newContext(browser, { baseURL: studio.url, ...options });
  const page = await context.newPage();
  return { context, page, problems: watchProblems(page) };
}

/** Signs in through the sign-in page, as a person would (by label and role), and waits for Home. */
export async function signIn(page: Page, credentials = ADMIN): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).not.toBe('/signin');
}

/** Sign-in without the UI (for tests about other pages): the session cookie lands in the context. */
export async function signInByApi(context: BrowserContext, studio: Studio, credentials = ADMIN): Promise<void> {
  const response = await context.request.post(`${studio.url}/api/auth/login`, { data: credentials });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}
