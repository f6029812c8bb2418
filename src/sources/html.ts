import { extname } from 'node:path';
import { VideogenError } from '../errors.ts';
import { buildFromModel } from './document/build.ts';
import { htmlModel } from './document/models.ts';
import { parseInWorker } from './document/parse-in-worker.ts';
import { decodeText, isUrl, readDocumentFile, sniffBinary } from './document/read.ts';
import { fromDocx } from './docx.ts';
import { parseDocumentText, type DocumentOptions } from './markdown.ts';
import { fromPdf } from './pdf.ts';
import type { SourceAdapter, SourceOptions, SourceResult } from './types.ts';
import { safeFetch, type FetchedDocument } from './url-fetch.ts';

/**
 * Web pages and HTML files → videos. Readability keeps the article and drops navigation, ads and footers; the
 * article HTML then becomes the section model. URLs are fetched with the SSRF-safe fetcher and dispatched by type.
 * `fromHtml` parses in-process (library use on trusted HTML); files, uploads and URLs use `parseHtml`, which parses
 * in a worker thread with memory and time limits.
 */
export { extractArticle } from './document/article.ts';

export function fromHtml(html: string, options: DocumentOptions & { url?: string } = {}): SourceResult {
  const document = options.document ?? options.url ?? 'page.html';
  return buildFromModel(htmlModel(html, document, options.url), options);
}

export async function parseHtml(html: string, options: DocumentOptions & { url?: string } = {}): Promise<SourceResult> {
  const document = options.document ?? options.url ?? 'page.html';
  const { model, warnings } = await parseInWorker({ kind: 'html', html, document, ...(options.url ? { url: options.url } : {}) });
  return buildFromModel(model, options, warnings);
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
  if (type.includes('html') || (!type && /<html|<body|<article/i.test(text.slice(0, 2000)))) return parseHtml(text, { ...named, url: fetched.url });
  // Markdown by type or path; raw GitHub files arrive as text/plain.
  const markdown = type.includes('markdown') || new URL(fetched.url).hostname === 'raw.githubusercontent.com';
  const kind = /\.(md|markdown|rst|rest|txt|text)$/i.test(path) ? path : markdown ? 'page.md' : 'page.txt';
  return parseDocumentText(text, kind, named);
}

export const htmlSource: SourceAdapter = {
  id: 'html',
  detect: (input) => !isUrl(input) && /\.x?html?$/i.test(input),
  async load(input, options) {
    return parseHtml(decodeText(await readDocumentFile(input), input), { ...options, document: input });
  },
};

const YOUTUBE = /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com|youtu\.be)\//i;

export const urlSource: SourceAdapter = {
  id: 'url',
  detect: (input) => /^https?:\/\//i.test(input) && !YOUTUBE.test(input),
  load: (input, options) => fromUrl(input, options),
};
