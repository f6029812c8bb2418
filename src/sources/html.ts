import { basename, extname } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { VideogenError } from '../errors.ts';
import { buildFromModel } from './document/build.ts';
import { modelFromHtml } from './document/from-html.ts';
import { decodeText, isUrl, readDocumentFile, sniffBinary } from './document/read.ts';
import { fromDocx } from './docx.ts';
import { fromDocumentText, type DocumentOptions } from './markdown.ts';
import { fromPdf } from './pdf.ts';
import type { SourceAdapter, SourceOptions, SourceResult } from './types.ts';
import { safeFetch, type FetchedDocument } from './url-fetch.ts';

/**
 * Web pages and HTML files → videos. Readability keeps the article and drops navigation, ads and footers; the
 * article HTML then becomes the section model. URLs are fetched with the SSRF-safe fetcher and dispatched by type.
 */

/** The main content of a page: Readability's article, or the whole body when Readability finds none. */
export function extractArticle(html: string, url?: string): { title?: string; html: string } {
  const { document } = parseHTML(html);
  if (url) {
    const base = document.createElement('base');
    base.setAttribute('href', url);
    document.head?.appendChild(base);
  }
  const pageTitle = document.querySelector('title')?.textContent?.trim();
  try {
    const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content && (article.textContent ?? '').trim().length > 100) {
      const title = article.title?.trim() || pageTitle;
      return title ? { title, html: article.content } : { html: article.content };
    }
  } catch {
    // Readability throws on some malformed pages; the body fallback below still gives usable text.
  }
  const body = parseHTML(html).document.body?.innerHTML ?? html;
  return pageTitle ? { title: pageTitle, html: body } : { html: body };
}

export function fromHtml(html: string, options: DocumentOptions & { url?: string } = {}): SourceResult {
  const document = options.document ?? options.url ?? 'page.html';
  const article = extractArticle(html, options.url);
  const model = modelFromHtml(article.html, document, basename(document).replace(/\.html?$/i, ''), article.title);
  return buildFromModel({ ...model, noun: 'article' }, options);
}

/** github.com/o/r/blob/branch/path → raw.githubusercontent.com/o/r/branch/path, so READMEs are read as Markdown. */
export function githubRawUrl(input: string): string {
  const m = /^https?:\/\/(?:www\.)?github\.com\/([^/]+)\/([^/]+)\/blob\/(.+)$/i.exec(input);
  return m ? `https://raw.githubusercontent.com/${m[1]}/${m[2]}/${m[3]!.replace(/[?#].*$/, '')}` : input;
}

async function fetchDocument(url: string, options: SourceOptions): Promise<FetchedDocument> {
  if (!options.fetch) return safeFetch(url, options.signal ? { signal: options.signal } : {});
  // An injected fetch (tests, embedding apps) is trusted to apply its own network policy.
  const res = await options.fetch(url, options.signal ? { signal: options.signal } : {});
  if (!res.ok) throw new VideogenError('SOURCE_UNREADABLE', `cannot fetch ${url}: the server answered HTTP ${res.status}`, { url, status: res.status });
  return { url: res.url || url, status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

export async function fromUrl(input: string, options: SourceOptions = {}): Promise<SourceResult> {
  const url = githubRawUrl(input);
  const fetched = await fetchDocument(url, options);
  const type = fetched.contentType.toLowerCase();
  const path = new URL(fetched.url).pathname;
  const ext = extname(path).toLowerCase();
  const binary = sniffBinary(fetched.body);
  const named = { ...options, document: input };
  if (binary === 'pdf' || type.includes('application/pdf')) return fromPdf(fetched.body, named);
  if (binary === 'zip' && (ext === '.docx' || type.includes('wordprocessingml'))) return fromDocx(fetched.body, named);
  const text = decodeText(fetched.body, input);
  if (type.includes('html') || (!type && /<html|<body|<article/i.test(text.slice(0, 2000)))) return fromHtml(text, { ...named, url: fetched.url });
  // Markdown by type or path; raw GitHub files arrive as text/plain.
  const markdown = type.includes('markdown') || new URL(fetched.url).hostname === 'raw.githubusercontent.com';
  const kind = /\.(md|markdown|rst|rest|txt|text)$/i.test(path) ? path : markdown ? 'page.md' : 'page.txt';
  return fromDocumentText(text, kind, named);
}

export const htmlSource: SourceAdapter = {
  id: 'html',
  detect: (input) => !isUrl(input) && /\.x?html?$/i.test(input),
  async load(input, options) {
    return fromHtml(decodeText(await readDocumentFile(input), input), { ...options, document: input });
  },
};

const YOUTUBE = /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com|youtu\.be)\//i;

export const urlSource: SourceAdapter = {
  id: 'url',
  detect: (input) => /^https?:\/\//i.test(input) && !YOUTUBE.test(input),
  load: (input, options) => fromUrl(input, options),
};
