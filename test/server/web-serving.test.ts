import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_FILES } from '../../src/render/font-manifest.ts';
import { startServer, type TestServer } from './helpers.ts';

/** A tiny stand-in studio build, so this test does not depend on the real bundle's file names. */
async function fakeBuild(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'videogen-web-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>');
  await writeFile(join(dir, 'assets/app-abc123.js'), 'console.log(1)');
  await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('serving the studio', () => {
  let server: TestServer;
  let web: string;
  beforeAll(async () => {
    web = await fakeBuild();
    server = await startServer({ server: { webDir: web } });
  });
  afterAll(async () => {
    await server?.close();
    await rm(web, { recursive: true, force: true });
  });

  const html = { accept: 'text/html,application/xhtml+xml' };

  it('answers every page route with index.html under a CSP without inline scripts', async () => {
    for (const path of ['/', '/builder', '/jobs/123', '/settings?tab=keys']) {
      const response = await fetch(`${server.url}${path}`, { headers: html });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain("'unsafe-inline' 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets immutable, and an unknown asset or API path is a JSON 404, never the page', async () => {
    const asset = await fetch(`${server.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');
    for (const path of ['/assets/nope.js', '/fonts/..%2f..%2fpackage.json', '/fonts/@expo-google-fonts/inter/package.json']) {
      const response = await fetch(`${server.url}${path}`, { headers: html });
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('serves exactly the renderer font files from their npm packages', async () => {
    const inter = FONT_FILES.find((f) => f.key === 'sans' && f.weight === 400)!;
    const response = await fetch(`${server.url}/fonts/${inter.pkg}/${inter.file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('font/ttf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A TrueType file starts with version 1.0 (00 01 00 00).
    expect([...bytes.slice(0, 4)]).toEqual([0, 1, 0, 0]);
  });

  it('tells a first run that it needs an admin, and a signed-out caller nothing more', async () => {
    const setup = (await (await fetch(`${server.url}/api/setup`)).json()) as { needsAdmin: boolean; command: string };
    expect(setup).toEqual({ needsAdmin: true, command: expect.stringContaining('videogen admin create') });
    expect((await fetch(`${server.url}/api/capabilities`)).status).toBe(401);
  });
});

describe('a server without a studio build', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ server: { webDir: join(tmpdir(), 'videogen-no-such-build') } });
  });
  afterAll(async () => server?.close());

  it('says how to build it instead of a bare 404', async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:web');
    const inter = FONT_FILES[0]!;
    const font = await fetch(`${server.url}/fonts/${inter.pkg}/${inter.file}`);
    expect(font.status).toBe(200);
    // Read to the end: an unread body keeps the connection busy and the server's close waiting.
    expect((await font.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });
});
