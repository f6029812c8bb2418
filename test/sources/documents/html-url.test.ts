import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHtml, fromUrl, githubRawUrl, htmlSource, urlSource } from '../../../src/sources/html.ts';
import { blockedReason, safeFetch } from '../../../src/sources/url-fetch.ts';
import { byId, expectGoodSpec, specsOf } from './expect-spec.ts';
import { handbookPdf } from './fixtures.ts';

const dir = 'test/fixtures/sources/documents';
const article = readFileSync(`${dir}/sourdough-article.html`, 'utf8');
const readme = readFileSync(`${dir}/quiver-README.md`, 'utf8');

describe('HTML articles', () => {
  const spec = specsOf(fromHtml(article, { document: 'sourdough-article.html' }))[0]!;

  it('keeps the article and drops navigation, ads, sidebars and footers', () => {
    expectGoodSpec(spec, 'sourdough-article.html');
    const text = JSON.stringify(spec);
    for (const noise of ['Newsletter', 'stand mixers', 'banneton', 'Popular posts', 'focaccia', 'All rights reserved']) expect(text).not.toContain(noise);
  });

  it('maps headings, lists, a table and a block quote to scenes', () => {
    expect(spec.scenes.map((s) => s.kind)).toEqual(['title', 'list', 'list', 'list', 'quote', 'outro']);
    expect(spec.scenes[0]).toMatchObject({ title: 'How to Keep a Sourdough Starter Alive', subtitle: 'A sourdough starter is a living culture of wild yeast and bacteria' });
    const needs = byId(spec, 'what-a-starter-needs');
    expect(needs.kind === 'list' && needs.items[1]).toEqual({ title: 'Water', description: 'Use filtered water, because chlorine slows fermentation' });
    expect(needs.narration).toBe('Every starter needs the same three things, whatever flour you use. They are flour, water, and warmth.');
    expect(byId(spec, 'the-daily-feeding-routine')).toMatchObject({ numbered: true });
    expect(byId(spec, 'feeding-ratios-compared')).toMatchObject({ items: [{ title: '1:1:1', description: 'Peak time: 4 to 6 hours — Best for: Daily baking' }, { title: '1:2:2' }, { title: '1:5:5' }] });
    expect(byId(spec, 'storing-it-in-the-fridge')).toMatchObject({ kind: 'quote', text: 'Treat your starter like a pet that never needs walking.', attribution: 'Chad Robertson, baker' });
  });

  it('rewrites GitHub blob URLs to raw files', () => {
    expect(githubRawUrl('https://github.com/example/quiver/blob/main/docs/README.md')).toBe('https://raw.githubusercontent.com/example/quiver/main/docs/README.md');
    expect(githubRawUrl('https://example.com/a')).toBe('https://example.com/a');
    expect(htmlSource.detect('page.html')).toBe(true);
    expect(urlSource.detect('https://example.com/post')).toBe(true);
    expect(urlSource.detect('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBe(false);
  });
});

describe('URLs and the SSRF-safe fetcher', () => {
  let server: Server;
  let base: string;
  const allow = { allowPrivateForTests: ['127.0.0.1'] };
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/article') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
      else if (req.url === '/guide.md') res.writeHead(200, { 'content-type': 'text/plain' }).end(readme);
      else if (req.url === '/handbook.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(handbookPdf());
      else if (req.url === '/to-private') res.writeHead(302, { location: `http://127.0.0.2:${(server.address() as AddressInfo).port}/article` }).end();
      else if (req.url === '/hop') res.writeHead(301, { location: '/article' }).end();
      else if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('x'.repeat(64 * 1024));
        res.end('x'.repeat(64 * 1024));
      } else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const testFetch = ((url: string) => safeFetch(url, allow).then((r) => new Response(new Uint8Array(r.body), { status: r.status, headers: { 'content-type': r.contentType } }))) as unknown as typeof fetch;

  it('fetches an allowed test server, follows relative redirects and reads HTML, Markdown and PDF', async () => {
    const page = await safeFetch(`${base}/hop`, allow);
    expect(page.url).toBe(`${base}/article`);
    expect(page.contentType).toContain('text/html');
    const html = specsOf(await fromUrl(`${base}/article`, { fetch: testFetch }))[0]!;
    expectGoodSpec(html, `${base}/article`);
    expect(html.title).toBe('How to Keep a Sourdough Starter Alive');
    const md = specsOf(await fromUrl(`${base}/guide.md`, { fetch: testFetch }))[0]!;
    expect(md.scenes.find((s) => s.id === 'installation')?.kind).toBe('command');
    const pdf = specsOf(await fromUrl(`${base}/handbook.pdf`, { fetch: testFetch }))[0]!;
    expect(pdf.title).toBe('Harbor Deployment Handbook');
  });

  it.each([
    ['http://127.0.0.1/admin', 'a loopback address (127.0.0.1)'],
    ['http://10.1.2.3/', 'a private address (10.1.2.3)'],
    ['http://172.20.0.5/', 'a private address (172.20.0.5)'],
    ['http://192.168.1.1/router', 'a private address (192.168.1.1)'],
    ['http://169.254.169.254/latest/meta-data/', 'a cloud metadata address (169.254.169.254)'],
    ['http://[::1]/', 'a loopback address (::1)'],
    ['http://[::ffff:127.0.0.1]/', 'a loopback address'],
    ['http://100.64.0.1/', 'a carrier-grade NAT address'],
    ['http://0.0.0.0/', 'an unspecified address'],
    ['http://localhost/', 'a loopback address'],
  ])('refuses %s by default', async (url, why) => {
    await expect(safeFetch(url)).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', message: expect.stringContaining(why) });
    await expect(safeFetch(url)).rejects.toThrow(/videogen only fetches public addresses/);
  });

  it('names the refused URL in the message', async () => {
    await expect(safeFetch('http://127.0.0.1/admin')).rejects.toThrow('refused http://127.0.0.1/admin: it resolves to a loopback address (127.0.0.1); videogen only fetches public addresses');
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/file', 'gopher://example.com/'])('refuses the %s scheme', async (url) => {
    await expect(safeFetch(url)).rejects.toThrow(/only http and https URLs are fetched/);
  });

  it('re-checks every redirect: an allowed server redirecting to 127.0.0.2 is refused', async () => {
    await expect(safeFetch(`${base}/to-private`, allow)).rejects.toThrow(/refused http:\/\/127\.0\.0\.2:\d+\/article: it resolves to a loopback address \(127\.0\.0\.2\)/);
  });

  it('enforces the size and time limits', async () => {
    await expect(safeFetch(`${base}/huge`, { ...allow, maxBytes: 100_000 })).rejects.toThrow(/larger than the 100000-byte limit/);
    await expect(safeFetch(`${base}/slow`, { ...allow, timeoutMs: 200 })).rejects.toThrow(/took longer than 0.2 s/);
    await expect(safeFetch(`${base}/missing`, allow)).rejects.toThrow(/HTTP 404/);
  });

  it('classifies addresses with ipaddr.js ranges', () => {
    expect(blockedReason('93.184.216.34')).toBeUndefined();
    expect(blockedReason('2606:2800:220:1:248:1893:25c8:1946')).toBeUndefined();
    expect(blockedReason('fe80::1')).toBe('a link-local address');
    expect(blockedReason('fc00::1')).toBe('a unique-local address');
    expect(blockedReason('fd00:ec2::254')).toBe('a cloud metadata address');
    expect(blockedReason('224.0.0.1')).toBe('a multicast address');
    expect(blockedReason('255.255.255.255')).toBe('a broadcast address');
    expect(blockedReason('::ffff:10.0.0.1')).toBe('a private address');
  });
});
