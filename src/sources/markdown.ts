import { basename, extname } from 'node:path';
import { buildFromModel } from './document/build.ts';
import { modelFromMarkdown } from './document/from-mdast.ts';
import { textToMarkdown } from './document/plain-text.ts';
import { decodeText, isUrl, readDocumentFile } from './document/read.ts';
import { rstToMarkdown } from './document/rst.ts';
import type { SourceAdapter, SourceOptions, SourceResult } from './types.ts';

/**
 * Markdown, plain text and reStructuredText documents → videos. All three become the same section model
 * (document/model.ts), so scene choice and narration are shared with PDF, DOCX and HTML.
 */

export interface DocumentOptions extends SourceOptions {
  /** Name cited in `source.document` and the outro (a file name or URL). */
  document?: string;
}

const stem = (name: string) => basename(name, extname(name)).replace(/[-_]+/g, ' ').trim() || 'Document';

export function fromMarkdown(text: string, options: DocumentOptions = {}): SourceResult {
  const document = options.document ?? 'document.md';
  const model = modelFromMarkdown(text.replace(/\r\n?/g, '\n'), document, stem(document));
  return buildFromModel({ ...model, noun: 'guide' }, options);
}

/** Plain text: the first line is the title; short lines standing alone are headings. */
export function fromText(text: string, options: DocumentOptions = {}): SourceResult {
  const document = options.document ?? 'document.txt';
  const model = modelFromMarkdown(textToMarkdown(text), document, stem(document));
  return buildFromModel({ ...model, noun: 'document' }, options);
}

export function fromRst(text: string, options: DocumentOptions = {}): SourceResult {
  const document = options.document ?? 'document.rst';
  const { markdown, lineMap } = rstToMarkdown(text);
  const model = modelFromMarkdown(markdown, document, stem(document), lineMap);
  return buildFromModel({ ...model, noun: 'guide' }, options);
}

const EXTENSIONS = /\.(md|markdown|mdown|mkd|txt|text|rst|rest)$/i;

/** Markdown by content type or extension; text/plain with a .md path is Markdown too (raw GitHub files). */
export function fromDocumentText(text: string, name: string, options: DocumentOptions): SourceResult {
  const ext = extname(name.replace(/[?#].*$/, '')).toLowerCase();
  const named = { ...options, document: options.document ?? name };
  if (ext === '.rst' || ext === '.rest') return fromRst(text, named);
  if (ext === '.txt' || ext === '.text') return fromText(text, named);
  return fromMarkdown(text, named);
}

export const markdownSource: SourceAdapter = {
  id: 'markdown',
  detect: (input) => !isUrl(input) && EXTENSIONS.test(input),
  async load(input, options) {
    const text = decodeText(await readDocumentFile(input), input);
    return fromDocumentText(text, input, options);
  },
};
